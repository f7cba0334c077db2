/**
 * Rename, Add Tag, Delete (with Undo) and Restore. Each edit is an event in the run's
 * record (src/store/run-edits.ts), so nothing a person does is lost on a rebuild.
 */
import * as vscode from 'vscode';

import type { RunRecord } from '../../runindex/run-records';
import { appendEdit, restoreRun, RunEditError, trashRun } from '../../store/run-edits';
import { targetRuns, type ExplorerContext } from '../explorer/explorer-context';
import { Logger } from '../logging/logger';

const log = new Logger('edit');

/** The writer name of the extension's edits, in their record files' names. */
export const EXTENSION_WRITER = 'vscode';

export class EditCommands {
  constructor(private readonly context: ExplorerContext) {}

  register(): vscode.Disposable[] {
    const on = (name: string, action: (runs: RunRecord[]) => Promise<void>): vscode.Disposable =>
      vscode.commands.registerCommand(name, async (clicked?: unknown, selected?: unknown) => {
        const runs = targetRuns(this.context, clicked, selected);
        if (runs.length === 0) {
          void vscode.window.showInformationMessage('Select a run in the Labbook view first.');
          return;
        }

        try {
          await action(runs);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log.error(`${name} failed`, error);
          void vscode.window.showErrorMessage(message);
        }

        await this.context.session.catchUpNow();
      });

    return [
      on('labbook.renameRun', (runs) => this.rename(runs)),
      on('labbook.addTag', (runs) => this.addTag(runs)),
      on('labbook.deleteRun', (runs) => this.delete(runs)),
      vscode.commands.registerCommand('labbook.restoreRun', () => this.restore()),
    ];
  }

  private async edit(run: RunRecord, write: Parameters<typeof appendEdit>[3]): Promise<void> {
    const index = await this.context.session.index();
    const detail = index.getRun(run.id, 'any');
    appendEdit(this.context.session.layout, detail, EXTENSION_WRITER, write);
  }

  private async rename([run]: RunRecord[]): Promise<void> {
    if (!run) {
      return;
    }

    const name = await vscode.window.showInputBox({
      title: `Labbook: Rename ${run.name}`,
      value: run.name,
      validateInput: (text) => (text.trim() === '' ? 'A run needs a name.' : undefined),
    });
    if (name && name !== run.name) {
      await this.edit(run, (writer) => writer.rename(name.trim()));
      log.info(`renamed ${run.id} to ${name}`);
    }
  }

  private async addTag(runs: RunRecord[]): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: `Labbook: Add Tag to ${runs.length === 1 ? runs[0]?.name : `${runs.length} runs`}`,
      prompt: 'key=value, for example stage=candidate',
      validateInput: (value) =>
        /^[^=\s][^=]*=.*$/.test(value) ? undefined : 'Write the tag as key=value.',
    });
    if (!text) {
      return;
    }

    const equals = text.indexOf('=');
    const tags = { [text.slice(0, equals).trim()]: text.slice(equals + 1).trim() };
    for (const run of runs) {
      await this.edit(run, (writer) => writer.setTags(tags));
    }
  }

  private async delete(runs: RunRecord[]): Promise<void> {
    const index = await this.context.session.index();
    const { layout } = this.context.session;
    const moved: RunRecord[] = [];
    for (const run of runs) {
      trashRun(layout, index.getRun(run.id, 'runs'), EXTENSION_WRITER);
      moved.push(run);
    }

    await this.context.session.catchUpNow();
    const what = moved.length === 1 ? `${moved[0]?.name}` : `${moved.length} runs`;
    const choice = await vscode.window.showInformationMessage(
      `Moved ${what} to the trash.`,
      'Undo',
    );
    if (choice === 'Undo') {
      const fresh = await this.context.session.index();
      for (const run of moved) {
        restoreRun(layout, fresh.getRun(run.id, 'trash'), EXTENSION_WRITER);
      }
    }
  }

  private async restore(): Promise<void> {
    const index = await this.context.session.index();
    const trashed = index.listRuns({ location: 'trash', limit: 500 });
    if (trashed.length === 0) {
      void vscode.window.showInformationMessage('The trash is empty.');
      return;
    }

    const picked = await vscode.window.showQuickPick(
      trashed.map((run) => ({ label: run.name, description: run.id, run })),
      { title: 'Labbook: Restore Run', canPickMany: true },
    );
    for (const { run } of picked ?? []) {
      try {
        restoreRun(this.context.session.layout, index.getRun(run.id, 'trash'), EXTENSION_WRITER);
      } catch (error) {
        if (!(error instanceof RunEditError)) {
          throw error;
        }

        void vscode.window.showErrorMessage(error.message);
      }
    }

    await this.context.session.catchUpNow();
  }
}
