/**
 * The pseudoterminal of a run started from the editor. It runs the command through the
 * core launcher, so the record is the same as from `labbook run`; it shows live output,
 * turns Ctrl+C into the launcher's stop sequence, and asks before a closed terminal
 * stops a run that is still going.
 */
import * as vscode from 'vscode';

import { launchRun, type LaunchedRun, type LaunchOptions } from '../../launch/launcher';
import { Logger } from '../logging/logger';

const log = new Logger('terminal');

/** What a finished or failed launch reports to whoever started it. */
export interface RunTerminalEvents {
  started(run: LaunchedRun): void;
  ended(run: LaunchedRun): void;
}

const CTRL_C = '\x03';

/** Terminals need CRLF; a lone LF would leave the cursor in its column. */
function toTerminal(chunk: Buffer): string {
  return chunk.toString('utf8').replace(/\r?\n/g, '\r\n');
}

export class RunPseudoterminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;

  private run: LaunchedRun | undefined;
  private finished = false;

  constructor(
    private readonly options: Omit<LaunchOptions, 'onStdout' | 'onStderr' | 'stdin'>,
    private readonly events: RunTerminalEvents,
  ) {}

  async open(): Promise<void> {
    const commandLine = this.options.command.join(' ');
    this.written.fire(`\x1b[2m$ ${commandLine}\x1b[0m\r\n`);

    try {
      this.run = await launchRun({
        ...this.options,
        stdin: 'pipe',
        liveOutput: true,
        onStdout: (chunk) => this.written.fire(toTerminal(chunk)),
        onStderr: (chunk) => this.written.fire(toTerminal(chunk)),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`could not start ${commandLine}`, error);
      this.written.fire(`\r\n\x1b[31m${message}\x1b[0m\r\n`);
      this.finish(1);
      return;
    }

    const run = this.run;
    log.info(`run ${run.runId} started: pid ${run.pid}, ${commandLine}`);
    this.events.started(run);

    const outcome = await run.outcome;
    const code = outcome.exitCode ?? (outcome.signal ? 130 : 1);
    this.written.fire(
      `\r\n\x1b[2mLabbook: run ${run.runId} ${outcome.status}` +
        ` after ${outcome.duration.toFixed(1)} s\x1b[0m\r\n`,
    );
    log.info(`run ${run.runId} ${outcome.status}, exit ${outcome.exitCode ?? outcome.signal}`);
    this.events.ended(run);
    this.finish(code);
  }

  handleInput(data: string): void {
    if (!this.run || this.finished) {
      return;
    }

    if (data === CTRL_C) {
      this.written.fire('^C\r\n');
      void this.run.stop('SIGINT');
      return;
    }

    // The command reads a pipe, not a terminal, so echo what is typed and send lines.
    const text = data.replace(/\r/g, '\n');
    this.written.fire(data.replace(/\r/g, '\r\n'));
    this.run.stdin?.write(text);
  }

  close(): void {
    const run = this.run;
    if (!run || this.finished) {
      return;
    }

    void vscode.window
      .showWarningMessage(
        `The run ${run.runId} is still going. Stop it?`,
        { modal: true, detail: 'If it keeps running, its output is still recorded.' },
        'Stop Run',
        'Keep Running',
      )
      .then((choice) => {
        if (choice === 'Stop Run') {
          void run.stop('SIGINT');
        }
      });
  }

  private finish(code: number): void {
    this.finished = true;
    this.closed.fire(code);
  }
}
