/**
 * The pseudoterminal of a run started from the editor. It runs the command through
 * `labbook run`, the same launcher as in a terminal, as a process of its own: if the
 * extension host dies, the run goes on recording and the next window adopts it from
 * the store (docs/launcher.md says why). The terminal shows live
 * output, turns Ctrl+C into the launcher's stop sequence, and asks before a closed
 * terminal stops a run that is still going.
 */
import type { ChildProcess } from 'node:child_process';

import * as vscode from 'vscode';

import { Logger } from '../logging/logger';
import type { ActiveRuns } from './active-runs';
import { shownCommandLine, spawnRunProcess } from './run-process';
import type { TrackedRunRequest } from './tracked-run-request';

const log = new Logger('terminal');

const CTRL_C = '\x03';
const STARTED_LINE = /labbook: run (\S+) started/;

/** Terminals need CRLF; a lone LF would leave the cursor in its column. */
function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class RunPseudoterminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;

  private child: ChildProcess | undefined;
  private runId: string | undefined;
  private finished = false;

  constructor(
    private readonly request: TrackedRunRequest,
    private readonly cliPath: string,
    private readonly activeRuns: ActiveRuns,
    private readonly onEnded: (runId: string | undefined) => void,
  ) {}

  open(): void {
    const { request } = this;
    const commandLine = shownCommandLine(request);
    this.written.fire(`\x1b[2m$ labbook run -- ${commandLine}\x1b[0m\r\n`);
    log.info(`starting in ${request.cwd}: labbook run -- ${commandLine}`);

    const child = spawnRunProcess(request, this.cliPath);
    this.child = child;

    child.stdout.on('data', (chunk: Buffer) => this.written.fire(toTerminal(chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk.toString(), child));
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      this.written.fire(`\r\n\x1b[31mLabbook could not start the run: ${error.message}\x1b[0m\r\n`);
      this.finish(1);
    });
    child.on('close', (code, signal) => {
      log.info(`run ${this.runId ?? '(not started)'} ended: exit ${code ?? signal}`);
      this.finish(code ?? 1);
    });
  }

  private onStderr(text: string, child: ChildProcess): void {
    const started = STARTED_LINE.exec(text);
    if (started?.[1] && !this.runId && child.pid !== undefined) {
      const runId = started[1];
      this.runId = runId;
      this.activeRuns.add({ runId, pid: child.pid, stop: () => child.kill('SIGINT') });
    }

    this.written.fire(toTerminal(text));
  }

  handleInput(data: string): void {
    const child = this.child;
    if (!child || this.finished) {
      return;
    }

    if (data === CTRL_C) {
      this.written.fire('^C\r\n');
      child.kill('SIGINT');
      return;
    }

    // The command reads a pipe, not a terminal, so echo what is typed and send lines.
    this.written.fire(data.replace(/\r/g, '\r\n'));
    child.stdin?.write(data.replace(/\r/g, '\n'));
  }

  close(): void {
    const child = this.child;
    if (!child || this.finished) {
      return;
    }

    void vscode.window
      .showWarningMessage(
        `The run ${this.runId ?? ''} is still going. Stop it?`,
        { modal: true, detail: 'If it keeps running, it is still recorded in the store.' },
        'Stop Run',
      )
      .then((choice) => {
        if (choice === 'Stop Run') {
          child.kill('SIGINT');
        }
      });
  }

  private finish(code: number): void {
    if (this.finished) {
      return;
    }

    this.finished = true;
    if (this.runId) {
      this.activeRuns.remove(this.runId);
    }

    this.onEnded(this.runId);
    this.closed.fire(code);
  }
}
