/**
 * Verify Store, Show History, Mark as Decision, Reproduce Run and Export Experiment
 * Report: the audit trail (docs/audit.md) from the editor.
 */
import { join } from 'node:path';

import * as vscode from 'vscode';

import {
  describeEntry,
  prepareReproduction,
  ReproduceError,
  runHistory,
  runReproduction,
  verifyStore,
  writeReport,
} from '../../audit/audit-api';
import { RunIndex } from '../../runindex/run-index';
import type { RunRecord } from '../../runindex/run-records';
import { appendEdit } from '../../store/run-edits';
import { targetRuns, type ExplorerContext } from '../explorer/explorer-context';
import { Logger } from '../logging/logger';
import { EXTENSION_WRITER } from './edit-commands';

const log = new Logger('audit');

async function showMarkdown(content: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
  await vscode.window.showTextDocument(document, { preview: false });
}

/** Markdown inline code that a value cannot break out of. */
function code(text: string): string {
  return `\`${text.replace(/[`\r\n]/g, ' ')}\``;
}

export class AuditCommands {
  constructor(private readonly context: ExplorerContext) {}

  register(): vscode.Disposable[] {
    const onRun = (name: string, action: (run: RunRecord) => Promise<void>): vscode.Disposable =>
      vscode.commands.registerCommand(name, async (clicked?: unknown) => {
        const [run] = targetRuns(this.context, clicked);
        if (!run) {
          void vscode.window.showInformationMessage('Select a run in the Labbook view first.');
          return;
        }

        try {
          await action(run);
        } catch (error) {
          log.error(`${name} failed`, error);
          void vscode.window.showErrorMessage(
            error instanceof Error ? error.message : String(error),
          );
        }
      });

    return [
      vscode.commands.registerCommand('labbook.verifyStore', () => this.verify()),
      vscode.commands.registerCommand('labbook.exportReport', () => this.report()),
      onRun('labbook.showHistory', (run) => this.history(run)),
      onRun('labbook.markDecision', (run) => this.decide(run)),
      onRun('labbook.reproduceRun', (run) => this.reproduce(run)),
    ];
  }

  /** Checks every chain and the ledger, and shows each run's state in the tree. */
  async verify(): Promise<boolean> {
    const { layout } = this.context.session;
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Labbook: verifying the store…' },
      async () => {
        // An index that has not caught up still holds the values as first read, which
        // lets verification name the fields that changed since.
        const wasmPath = join(this.context.extension.extensionPath, 'dist', 'sql-wasm.wasm');
        const earlier = await RunIndex.open(layout, { wasmPath });
        try {
          // git runs only in a trusted workspace, since a repository's config can make git
          // run commands.
          const gitAnchor = vscode.workspace.isTrusted;
          return await verifyStore(layout, undefined, { index: earlier, gitAnchor });
        } finally {
          earlier.close();
        }
      },
    );

    this.context.tree.state.verification = new Map(
      report.runs.map((run) => [run.run, run.integrity]),
    );
    this.context.tree.refresh();

    for (const problem of report.problems) {
      log.warn(
        `verify: ${problem.run ?? 'ledger'} ${problem.file}` +
          `${problem.line ? `:${problem.line}` : ''}` +
          `${problem.field ? ` (${problem.field})` : ''}: ` +
          problem.message,
      );
    }

    if (report.ok) {
      void vscode.window.showInformationMessage(
        `Labbook verified ${report.runs.length} runs: ` +
          'every record matches its chain and the ledger.',
      );
    } else {
      const choice = await vscode.window.showWarningMessage(
        `Labbook found ${report.problems.length} problem(s): ` +
          'a record no longer matches what was written.',
        'Show Problems',
      );
      if (choice) {
        const lines = report.problems.map(
          (problem) =>
            `- run ${code(problem.run ?? 'ledger')}, file ${code(problem.file ?? '(none)')}` +
            `${problem.line ? `, line ${problem.line}` : ''}` +
            `${problem.field ? `, field ${code(problem.field)}` : ''}: ${code(problem.message)}`,
        );
        await showMarkdown(`# Labbook verification\n\n${lines.join('\n')}\n`);
      }
    }

    return report.ok;
  }

  private async history(run: RunRecord): Promise<void> {
    const detail = (await this.context.session.index()).getRun(run.id, 'any');
    const history = runHistory(detail.dir);
    const lines = history.entries.map(
      (entry) =>
        `- ${entry.time} · ${code(entry.user ?? 'unknown')} · ${code(describeEntry(entry))}` +
        (entry.text ? `\n\n  > ${code(entry.text)}` : ''),
    );
    await showMarkdown(
      `# History of ${code(detail.name)}\n\n${code(detail.id)}\n\n${lines.join('\n')}\n`,
    );
  }

  private async decide(run: RunRecord): Promise<void> {
    const title = await vscode.window.showInputBox({
      title: `Labbook: Decision on ${run.name}`,
      prompt: 'A short title, such as "Selected for submission" or "Rejected: overfits site B"',
      validateInput: (text) => (text.trim() === '' ? 'A decision needs a title.' : undefined),
    });
    if (!title) {
      return;
    }

    const reason = await vscode.window.showInputBox({
      title: `Labbook: Why — ${title}`,
      prompt: 'The reasons, as they should stand in the record and the report',
    });
    if (reason === undefined) {
      return;
    }

    const detail = (await this.context.session.index()).getRun(run.id, 'any');
    appendEdit(this.context.session.layout, detail, EXTENSION_WRITER, (writer) =>
      writer.note(reason.trim() === '' ? title : reason, title.trim()),
    );
    await this.context.session.catchUpNow();
  }

  private async reproduce(run: RunRecord): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Labbook does not reproduce runs in Restricted Mode.');
      return;
    }

    const { layout } = this.context.session;
    const detail = (await this.context.session.index()).getRun(run.id, 'any');
    let plan;
    try {
      plan = await prepareReproduction(layout, detail);
    } catch (error) {
      if (error instanceof ReproduceError) {
        await showMarkdown(
          `# ${code(run.name)} cannot be reproduced yet\n\n` +
            error.problems.map((problem) => `- ${problem}`).join('\n') +
            '\n\nNothing was run.\n',
        );
        return;
      }

      throw error;
    }

    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Labbook: reproducing ${run.name}…`,
      },
      () => runReproduction(plan, layout, {}),
    );
    await this.context.session.catchUpNow();

    const rows = result.comparison.metrics.map(
      (metric) =>
        `| ${code(metric.key)} | ${metric.originalLast ?? '–'} | ` +
        `${metric.reproducedLast ?? '–'} | ` +
        `${metric.matches ? 'yes' : 'no'} |`,
    );
    await showMarkdown(
      `# Reproduction of ${code(run.name)}\n\n` +
        `New run ${code(result.reproduction)}: ${result.outcome.status}. ` +
        `${result.matches ? 'Every metric matches' : 'Some metrics differ'} ` +
        `(tolerance ${result.comparison.tolerance}).\n\n` +
        (plan.warnings.length > 0
          ? `${plan.warnings.map((line) => `- ${line}`).join('\n')}\n\n`
          : '') +
        `| metric | original | reproduced | matches |\n|---|---|---|---|\n${rows.join('\n')}\n`,
    );
  }

  private async report(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'labbook-report.html') } : {}),
      filters: { 'HTML report': ['html'], Markdown: ['md'] },
      title: 'Labbook: Export Experiment Report',
    });
    if (!target) {
      return;
    }

    const filter = this.context.tree.state.filter;
    const written = await writeReport(
      this.context.session.layout,
      filter ? { filter } : {},
      target.fsPath,
    );
    const choice = await vscode.window.showInformationMessage(
      `Labbook wrote a report of ${written.runs} runs ` +
        `(${written.verified ? 'verified' : 'VERIFICATION FAILED'}).`,
      'Open',
    );
    if (choice) {
      await vscode.commands.executeCommand('vscode.open', target);
    }
  }
}
