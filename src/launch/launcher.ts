/**
 * Starts a command as a tracked run: records who, where and what before it starts, keeps
 * its output and the scalars it prints, and records how it ended. The CLI's `labbook run`
 * and the extension's task terminal both drive a run through this module.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';

import { newRunId } from '../runlog/run-id';
import { nowSeconds, writeFailureReason } from '../runlog/record-file';
import { RunWriter } from '../runlog/run-writer';
import { ScalarStream } from '../scalars/scalar-stream';
import type { StoreLayout } from '../store/layout';
import { ensureStore } from '../store/locate';
import { recordedEnvironment, secretValues } from './environment';
import { findProgram, programProblem } from './find-program';
import { captureGit, PATCH_FILE } from './git-state';
import { readLaunchConfig, withEnvironmentOverrides } from './launch-config';
import { OutputCapture } from './output-capture';
import { paramEnvironment, recordedParams, substituteParams, type CommandParam } from './params';
import { DEFAULT_GRACE_MS, type ProcessExit, ProcessGroup } from './process-group';
import { pythonSdkPath } from './python-sdk-path';
import { commandSecrets, redactCommand, redactParams, redactText, redactValues } from './redaction';
import { SecretScrubber } from './secret-scrubber';
import { captureVersions } from './versions';

/** The files a launched run keeps its output in. */
export const STDOUT_LOG = 'stdout.log';
export const STDERR_LOG = 'stderr.log';

const STOP_EVENT = { type: 'status', status: 'killed', reason: 'stop requested' } as const;

/** How long output may stay open after the command exits, held by a leftover child. */
const DRAIN_MS = 2_000;

export interface LaunchOptions {
  /** The program and its arguments; `${KEY}` in them is replaced by the param KEY. */
  command: readonly string[];
  store: StoreLayout;
  /** The command's working folder; the current folder by default. */
  cwd?: string;
  name?: string;
  experiment?: string;
  /** Param texts by key, passed as `LABBOOK_PARAM_<KEY>` and recorded with their types. */
  params?: Readonly<Record<string, string>>;
  tags?: Readonly<Record<string, string>>;
  /** Parse `key: value` lines on stdout into metrics; the store's config decides otherwise. */
  captureStdout?: boolean;
  /** The environment to start from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** `inherit` passes the terminal through; `pipe` makes {@link LaunchedRun.stdin} writable. */
  stdin?: 'inherit' | 'pipe' | 'ignore';
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** The wait between SIGINT, SIGTERM and SIGKILL when stopping. */
  graceMs?: number;
  /**
   * Ask interpreters not to buffer their output (PYTHONUNBUFFERED), as they would not on
   * a terminal. Set it when a person watches the output live.
   */
  liveOutput?: boolean;
  /**
   * Told, once per file, when the run's record or logs cannot be written (a full disk).
   * The command goes on either way. By default a process warning is emitted.
   */
  onRecordError?: (message: string) => void;
}

/** How a run ended. */
export interface RunOutcome {
  status: 'finished' | 'failed' | 'killed';
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Seconds from start to end. */
  duration: number;
  /** Why the record could not be sealed in the store's ledger, when it could not. */
  ledgerProblem?: string;
}

/** A command that is running as a tracked run. */
export interface LaunchedRun {
  readonly runId: string;
  readonly runDir: string;
  /** The command's process id, which is also its process group id. */
  readonly pid: number;
  /** The command's stdin when started with `stdin: 'pipe'`. */
  readonly stdin: Writable | null;
  /** Resolves once the command has exited and the run's end is recorded. */
  readonly outcome: Promise<RunOutcome>;
  /** Stops the command and its children (SIGINT, SIGTERM, SIGKILL); the run is `killed`. */
  stop(firstSignal?: NodeJS.Signals): Promise<RunOutcome>;
}

/** A launch that cannot go ahead, with a sentence the user can act on. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

/** The exit code a wrapper should exit with: the command's own, or 128+N for signal N. */
export function wrapperExitCode(outcome: Pick<RunOutcome, 'exitCode' | 'signal'>): number {
  if (outcome.signal) {
    return 128 + (constants.signals[outcome.signal] ?? 0);
  }

  return outcome.exitCode ?? 1;
}

function childEnvironment(
  options: LaunchOptions,
  params: readonly CommandParam[],
  runId: string,
): NodeJS.ProcessEnv {
  const base = options.env ?? process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    ...paramEnvironment(params),
    LABBOOK_RUN_ID: runId,
    LABBOOK_STORE: resolve(options.store.root),
  };

  const sdk = pythonSdkPath();
  if (sdk) {
    env.PYTHONPATH = base.PYTHONPATH ? `${sdk}${delimiter}${base.PYTHONPATH}` : sdk;
  }

  if (options.liveOutput && base.PYTHONUNBUFFERED === undefined) {
    env.PYTHONUNBUFFERED = '1';
  }

  return env;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function statusOf(exit: ProcessExit, stopped: boolean): RunOutcome['status'] {
  if (stopped || exit.signal) {
    return 'killed';
  }

  return exit.code === 0 ? 'finished' : 'failed';
}

/**
 * A run started without a name is named after its script and the end of its id, such as
 * `train-9f86`: readable in a list, and rarely the same as another run's.
 */
export function defaultRunName(command: readonly string[], runId: string): string {
  const script = command.find((part, index) => index > 0 && /\.[A-Za-z0-9]+$/.test(part));
  const base = (script ?? command[0] ?? 'run').split(/[\\/]/).pop() ?? 'run';
  const stem = base.replace(/\.[A-Za-z0-9]+$/, '') || base;
  return `${stem}-${runId.slice(-4)}`;
}

/** Makes the run's folder before anything starts; a full disk stops the launch here. */
function createRunFolder(store: StoreLayout, runDir: string): void {
  try {
    ensureStore(store);
    mkdirSync(runDir);
  } catch (error) {
    throw new LaunchError(
      `Labbook could not create the run folder ${runDir} ` +
        `(${writeFailureReason(error)}); nothing was started.`,
    );
  }
}

function writePatch(runDir: string, patch: Buffer): void {
  try {
    writeFileSync(join(runDir, PATCH_FILE), patch);
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    throw new LaunchError(
      `Labbook could not save the git patch in ${runDir} ` +
        `(${writeFailureReason(error)}); nothing was started.`,
    );
  }
}

/** Records and starts a command; resolves once it is running. */
export async function launchRun(options: LaunchOptions): Promise<LaunchedRun> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = withEnvironmentOverrides(
    readLaunchConfig(options.store.configPath),
    options.env ?? process.env,
  );
  const params = Object.entries(options.params ?? {}).map(([key, text]) => ({ key, text }));
  const command = substituteParams(options.command, params);
  const program = command[0];
  if (!program) {
    throw new LaunchError('No command was given; put it after "--".');
  }

  if (!isFolder(cwd)) {
    const problem = existsSync(cwd) ? 'is not a folder' : 'does not exist';
    throw new LaunchError(`The working folder ${cwd} ${problem}; check --cwd.`);
  }

  const runId = newRunId();
  const env = childEnvironment(options, params, runId);
  if (!findProgram(program, cwd, env)) {
    throw new LaunchError(programProblem(program, cwd));
  }

  // Git is read before the command starts, which may change the working tree. The
  // interpreter versions are asked for while it starts: a version manager's shim can take
  // longer than a short command, and the start event waits for them instead.
  const runDir = options.store.runDir(runId);
  createRunFolder(options.store, runDir);
  const git = await captureGit(cwd, options.store.root);
  const versions = captureVersions(command, env, cwd);
  // The command's own secrets too: a script may print the arguments it was given.
  const secrets = [...new Set([...secretValues(env), ...commandSecrets(command)])];
  if (git.patch) {
    const scrubber = new SecretScrubber(secrets);
    const patch = Buffer.concat([scrubber.write(Buffer.from(git.patch)), scrubber.end()]);
    writePatch(runDir, patch);
    if (git.state) {
      git.state.patchSha256 = createHash('sha256').update(patch).digest('hex');
    }
  }

  // The run begins here, although its start event is written once the versions are in.
  const launchedAt = nowSeconds();
  let group: ProcessGroup;
  try {
    group = await ProcessGroup.start(program, command.slice(1), {
      cwd,
      env,
      stdin: options.stdin ?? 'inherit',
    });
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new LaunchError(`The command "${program}" could not be started: ${reason}.`);
  }

  const reported = new Set<string>();
  const reportRecordError = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    if (reported.has(message)) {
      return;
    }

    reported.add(message);
    const text =
      `${message} The command goes on; ` +
      'what it does from now on may be missing from the record.';
    if (options.onRecordError) {
      options.onRecordError(text);
    } else {
      process.emitWarning(text, 'LabbookWriteWarning');
    }
  };
  const recording = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      reportRecordError(error);
    }
  };

  let writer: RunWriter | undefined;
  let stopBeforeStart = false;
  const early: [Record<string, number>, number, number][] = [];
  const captureStdout = (options.captureStdout ?? true) && config.captureStdout;
  const scalars = captureStdout
    ? new ScalarStream((values, step) => {
        if (writer) {
          // A row can be refused (too many metric keys); the command goes on regardless.
          const opened = writer;
          recording(() => opened.log(values, step));
        } else {
          early.push([values, step, nowSeconds()]);
        }
      }, config.scalarPatterns)
    : undefined;
  const stdout = new OutputCapture(group.child.stdout as NonNullable<typeof group.child.stdout>, {
    logPath: join(runDir, STDOUT_LOG),
    secrets,
    onChunk: options.onStdout,
    scalars,
    onWriteError: reportRecordError,
  });
  const stderr = new OutputCapture(group.child.stderr as NonNullable<typeof group.child.stderr>, {
    logPath: join(runDir, STDERR_LOG),
    secrets,
    onChunk: options.onStderr,
    onWriteError: reportRecordError,
  });

  const openRecord = (found: Record<string, string>): RunWriter | undefined => {
    try {
      // Everything written down about the command is redacted: the params reach the
      // command's environment as LABBOOK_PARAM_*, which the allowlist records, so the
      // recorded environment loses known secret values too, not only secret names.
      return RunWriter.start(options.store, {
        id: runId,
        name: redactText(options.name ?? defaultRunName(command, runId), secrets),
        ...(options.experiment ? { experiment: redactText(options.experiment, secrets) } : {}),
        command: redactCommand(command, secrets),
        cwd,
        writer: 'launcher',
        params: redactParams(recordedParams(params), secrets),
        ...(options.tags ? { tags: redactParams(options.tags, secrets) } : {}),
        versions: found,
        env: redactValues(recordedEnvironment(env, config.envAllow), secrets),
        git: git.state,
        startedAt: launchedAt,
        onWriteError: reportRecordError,
      });
    } catch (error) {
      reportRecordError(error);
      return undefined;
    }
  };

  const started = versions.then((found) => {
    const opened = openRecord(found);
    writer = opened;
    if (opened) {
      for (const [values, step, time] of early.splice(0)) {
        recording(() => opened.log(values, step, time));
      }

      if (stopBeforeStart) {
        recording(() => opened.append(STOP_EVENT));
      }
    }

    return opened;
  });

  const outcome = (async (): Promise<RunOutcome> => {
    const exit = await group.exited;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all([stdout.done, stderr.done]).then(() => true),
      new Promise<boolean>((done) => {
        timer = setTimeout(() => done(false), DRAIN_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      stdout.abandon();
      stderr.abandon();
    }

    const status = statusOf(exit, group.stopRequested);
    const error = status === 'failed' ? stderr.tailText() : '';
    const opened = await started;
    let duration = Math.max(0, nowSeconds() - launchedAt);
    recording(() => {
      duration =
        opened?.end(status, {
          exitCode: exit.code,
          signal: exit.signal,
          ...(error ? { error } : {}),
        }) ?? duration;
    });
    const ledgerProblem = opened?.ledgerProblem;
    return {
      status,
      exitCode: exit.code,
      signal: exit.signal,
      duration,
      ...(ledgerProblem ? { ledgerProblem } : {}),
    };
  })();

  return {
    runId,
    runDir,
    pid: group.pid,
    stdin: group.child.stdin,
    outcome,
    stop(firstSignal?: NodeJS.Signals): Promise<RunOutcome> {
      if (!group.stopRequested && !group.finished) {
        if (writer) {
          const opened = writer;
          recording(() => opened.append(STOP_EVENT));
        } else {
          stopBeforeStart = true;
        }
      }

      void group.stop(options.graceMs ?? DEFAULT_GRACE_MS, firstSignal);
      return outcome;
    },
  };
}
