/** Copy Run ID, Reveal Run Folder and Open Logs: ways to reach a run's files. */
import * as vscode from 'vscode';

import type { RunRecord } from '../../runindex/run-records';
import { targetRuns, type ExplorerContext } from '../explorer/explorer-context';
import { logDocumentUri } from '../explorer/run-tree-provider';

export class InfoCommands {
  constructor(private readonly context: ExplorerContext) {}

  register(): vscode.Disposable[] {
    const on = (name: string, action: (runs: RunRecord[]) => Promise<void>): vscode.Disposable =>
      vscode.commands.registerCommand(name, async (clicked?: unknown, selected?: unknown) => {
        const runs = targetRuns(this.context, clicked, selected);
        if (runs.length === 0) {
          void vscode.window.showInformationMessage('Select a run in the Labbook view first.');
          return;
        }

        await action(runs);
      });

    return [
      on('labbook.copyRunId', async (runs) => {
        await vscode.env.clipboard.writeText(runs.map((run) => run.id).join('\n'));
        vscode.window.setStatusBarMessage(`Copied ${runs.length} run id(s).`, 3000);
      }),
      on('labbook.revealRunFolder', async ([run]) => {
        const index = await this.context.session.index();
        const dir = vscode.Uri.file(index.getRun(run?.id ?? '', 'any').dir);
        await vscode.commands.executeCommand('revealFileInOS', dir);
      }),
      on('labbook.openLogs', async ([run]) => {
        const index = await this.context.session.index();
        const detail = index.getRun(run?.id ?? '', 'any');
        if (detail.logs.length === 0) {
          void vscode.window.showInformationMessage(`The run ${detail.name} has no captured logs.`);
          return;
        }

        for (const log of detail.logs) {
          const document = await vscode.workspace.openTextDocument(
            logDocumentUri(detail.id, log.name),
          );
          await vscode.window.showTextDocument(document, { preview: false });
        }
      }),
    ];
  }
}
