/**
 * A command started as the leader of its own process group, so that stopping it reaches
 * every process it started: data loader workers, shells, anything. Stopping escalates
 * SIGINT, then SIGTERM, then SIGKILL, each after a grace period, so a well-behaved
 * program can save its state and a stuck one still goes.
 */
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The signals of a stop, in order. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGKILL'];

/** The default wait between the steps of a stop. */
export const DEFAULT_GRACE_MS = 5_000;

export interface GroupOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: 'inherit' | 'pipe' | 'ignore';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How often a stop checks whether the group has gone. */
const POLL_MS = 50;

export class ProcessGroup {
  /** Resolves when the leader has exited. */
  readonly exited: Promise<ProcessExit>;
  private leaderGone = false;
  private stopping: Promise<ProcessExit> | undefined;
  private wakeStop: (() => void) | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.leaderGone = true;
        resolve({ code, signal });
      });
    });
  }

  /** Starts `program` in a new process group; rejects when it cannot be started at all. */
  static start(
    program: string,
    args: readonly string[],
    options: GroupOptions,
  ): Promise<ProcessGroup> {
    const stdio: StdioOptions = [options.stdin, 'pipe', 'pipe'];
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio,
      detached: true,
    });

    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => {
        child.off('error', reject);
        resolve(new ProcessGroup(child, child.pid as number));
      });
    });
  }

  /** Sends a signal to every process of the group; false when the group is gone. */
  signal(signal: NodeJS.Signals): boolean {
    try {
      process.kill(-this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Whether any process of the group still exists. */
  alive(): boolean {
    try {
      process.kill(-this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Stops the group: SIGINT, then SIGTERM and SIGKILL after `graceMs` each. Calling it
   * again while a stop is under way moves on to the next signal at once, as a second
   * Ctrl+C does in most tools.
   */
  stop(graceMs = DEFAULT_GRACE_MS, firstSignal: NodeJS.Signals = 'SIGINT'): Promise<ProcessExit> {
    if (this.stopping) {
      this.wakeStop?.();
      return this.stopping;
    }

    this.stopping = this.escalate(graceMs, Math.max(0, STOP_SIGNALS.indexOf(firstSignal)));
    return this.stopping;
  }

  /** Whether a stop has been asked for. */
  get stopRequested(): boolean {
    return this.stopping !== undefined;
  }

  private async escalate(graceMs: number, first: number): Promise<ProcessExit> {
    const last = STOP_SIGNALS.length - 1;
    for (let step = first; step <= last; step += 1) {
      if (!this.signal(STOP_SIGNALS[step] as NodeJS.Signals) || step === last) {
        break;
      }

      await this.waitForGroupExit(graceMs);
      if (!this.alive()) {
        break;
      }
    }

    return this.exited;
  }

  /** Waits until the group is gone, the grace period is over, or a second stop comes. */
  private async waitForGroupExit(graceMs: number): Promise<void> {
    let woken = false;
    this.wakeStop = () => {
      woken = true;
    };

    const deadline = Date.now() + graceMs;
    while (!woken && Date.now() < deadline && this.alive()) {
      await sleep(POLL_MS);
    }

    this.wakeStop = undefined;
  }

  /** Whether the leader has exited. */
  get finished(): boolean {
    return this.leaderGone;
  }
}
