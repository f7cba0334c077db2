/**
 * Start Tracked Run, Rerun, Rerun with Changes and Stop. Runs start as VS Code tasks
 * whose pseudoterminal runs `labbook run`; nothing starts in Restricted Mode.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';

import * as vscode from 'vscode';

import type { RunRecord } from '../../runindex/run-records';
import { targetRuns, type ExplorerContext } from '../explorer/explorer-context';
import { Logger } from '../logging/logger';
import { shownCommandLine } from '../start/run-process';
import { RunPseudoterminal } from '../start/run-terminal';
import { readSettings, runEnvironment } from '../start/settings';
import { type RunChoice, StartRunPicker } from '../start/start-run-picker';
import type { TrackedRunRequest } from '../start/tracked-run-request';

const log = new Logger('launch');

/** The task type of tracked runs (package.json `taskDefinitions`). */
export const TASK_TYPE = 'labbook';

/** Arguments that scripts and tests may pass to `labbook.startTrackedRun`. */
export interface StartArguments {
  command: string | string[];
  cwd?: string;
  name?: string;
  experiment?: string;
  params?: Record<string, string>;
}

const RESTRICTED =
  'Labbook does not start runs in Restricted Mode. Trust this workspace to start runs; ' +
  'you can still browse the runs that are recorded.';

function refuseWhenUntrusted(): boolean {
  if (vscode.workspace.isTrusted) {
    return false;
  }

  void vscode.window.showWarningMessage(RESTRICTED, 'Manage Workspace Trust').then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand('workbench.trust.manage');
    }
  });
  return true;
}

function isStartArguments(value: unknown): value is StartArguments {
  const command = (value as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' || Array.isArray(command);
}

export class LaunchCommands {
  private readonly picker: StartRunPicker;

  constructor(private readonly context: ExplorerContext) {
    this.picker = new StartRunPicker(
      context.extension.workspaceState,
      this.workspaceRoot(),
      context.session.layout.launchConfigPath,
    );
  }

  private workspaceRoot(): string {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('labbook.startTrackedRun', (args?: unknown) =>
        this.start(args),
      ),
      vscode.commands.registerCommand('labbook.rerun', (clicked?: unknown, selected?: unknown) =>
        this.rerun(clicked, selected, false),
      ),
      vscode.commands.registerCommand('labbook.rerunWithChanges', (clicked?: unknown) =>
        this.rerun(clicked, undefined, true),
      ),
      vscode.commands.registerCommand('labbook.stopRun', (clicked?: unknown, selected?: unknown) =>
        this.stop(clicked, selected),
      ),
    ];
  }

  /** Starts a run from the picker, or directly from arguments (scripts and tests). */
  async start(args?: unknown): Promise<string | undefined> {
    if (refuseWhenUntrusted()) {
      return undefined;
    }

    let choice: RunChoice | undefined;
    if (isStartArguments(args)) {
      const base =
        typeof args.command === 'string'
          ? this.picker.fromLine(args.command)
          : { ...this.picker.fromLine(''), command: args.command };
      choice = {
        ...base,
        ...(args.cwd ? { cwd: args.cwd } : {}),
        ...(args.name ? { name: args.name } : {}),
        ...(args.experiment ? { experiment: args.experiment } : {}),
        params: { ...base.params, ...args.params },
      };
    } else {
      choice = await this.picker.pick(vscode.workspace.isTrusted);
    }

    if (!choice || choice.command.length === 0) {
      return undefined;
    }

    await this.picker.remember(choice.command);
    return this.launch(choice);
  }

  /** Runs a choice as a task; resolves to the run id once the run has ended. */
  launch(choice: RunChoice): Promise<string | undefined> {
    const settings = readSettings();
    const request: TrackedRunRequest = {
      command: choice.command,
      cwd: choice.cwd,
      ...(choice.name ? { name: choice.name } : {}),
      experiment: choice.experiment ?? settings.defaultExperiment,
      params: choice.params,
      tags: {},
      env: { ...runEnvironment(settings), ...choice.env },
      captureStdout: settings.captureStdout,
      store: this.context.session.layout.root,
    };

    const cliPath = join(this.context.extension.extensionPath, 'dist', 'cli.js');
    return new Promise((resolve) => {
      const terminal = new RunPseudoterminal(request, cliPath, this.context.activeRuns, (runId) => {
        this.context.session.scheduleCatchUp();
        resolve(runId);
      });

      const label = choice.name ?? shownCommandLine(request);
      const task = new vscode.Task(
        { type: TASK_TYPE, command: choice.command },
        vscode.TaskScope.Workspace,
        label,
        'Labbook',
        new vscode.CustomExecution(async () => terminal),
      );
      task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
      void vscode.tasks.executeTask(task).then(undefined, (error: unknown) => {
        log.error(`could not start the task for ${label}`, error);
        resolve(undefined);
      });
      this.context.session.scheduleCatchUp();
    });
  }

  private async rerun(clicked: unknown, selected: unknown, withChanges: boolean): Promise<void> {
    if (refuseWhenUntrusted()) {
      return;
    }

    const [run] = targetRuns(this.context, clicked, selected);
    if (!run) {
      void vscode.window.showInformationMessage('Select a run in the Labbook view to rerun it.');
      return;
    }

    const index = await this.context.session.index();
    const detail = index.getRun(run.id, 'any');
    if (!detail.command) {
      void vscode.window.showWarningMessage(
        `The run ${run.name} was started from an SDK, not a command, so it cannot be rerun.`,
      );
      return;
    }

    const params = Object.fromEntries(
      Object.entries(detail.params).map(([key, value]) => [key, String(value)]),
    );
    let choice: RunChoice | undefined = {
      command: detail.command,
      cwd: detail.cwd ?? this.workspaceRoot(),
      params,
      env: {},
      name: detail.name,
      experiment: detail.experiment,
      paramsAsFlags: false,
    };

    if (withChanges) {
      choice = await this.picker.editParams({ ...choice, paramsAsFlags: true });
    }

    if (choice) {
      await this.launch(choice);
    }
  }

  private stop(clicked: unknown, selected: unknown): void {
    const runs = targetRuns(this.context, clicked, selected).filter(
      (run) => run.status === 'running',
    );
    if (runs.length === 0) {
      void vscode.window.showInformationMessage('Select a running run to stop it.');
      return;
    }

    for (const run of runs) {
      void this.stopOne(run);
    }
  }

  private async stopOne(run: RunRecord): Promise<void> {
    const active = this.context.activeRuns.get(run.id);
    if (active) {
      log.info(`stopping run ${run.id} (started here, pid ${active.pid})`);
      active.stop();
      return;
    }

    // The pid comes from the record, which an untrusted repository may have written to
    // point at any process of the user's.
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        `In Restricted Mode Labbook stops only the runs this window started; trust this ` +
          `workspace to stop ${run.name}.`,
      );
      return;
    }

    // A run started elsewhere: its owner relays SIGINT to the command's process group.
    const detail = (await this.context.session.index()).getRun(run.id, 'any');
    if (detail.pid === null || detail.host !== hostname()) {
      void vscode.window.showWarningMessage(
        `The run ${run.name} is running on ${detail.host ?? 'another machine'}; stop it there.`,
      );
      return;
    }

    try {
      process.kill(detail.pid, 'SIGINT');
      log.info(`sent SIGINT to the owner of run ${run.id} (pid ${detail.pid})`);
    } catch (error) {
      void vscode.window.showWarningMessage(`Labbook could not stop ${run.name}: ${String(error)}`);
    }
  }
}
