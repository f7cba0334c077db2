/** Refresh, Filter, Clear Filter, Sort By, Group By, Show More and Show Running. */
import * as vscode from 'vscode';

import { QueryError } from '../../query/query-error';
import { parseFilter } from '../../query/parse-filter';
import type { ExplorerContext } from '../explorer/explorer-context';
import type { Grouping } from '../explorer/run-view-model';

/** Checks a filter as it is typed; returns the parser's error, or undefined when it parses. */
export function filterProblem(text: string): string | undefined {
  if (text.trim() === '') {
    return undefined;
  }

  try {
    parseFilter(text);
    return undefined;
  } catch (error) {
    if (error instanceof QueryError) {
      const { position, expected, found } = error;
      return `At character ${position + 1}: expected ${expected}, found ${found}.`;
    }

    throw error;
  }
}

export class ViewCommands {
  constructor(private readonly context: ExplorerContext) {}

  register(): vscode.Disposable[] {
    const { tree } = this.context;
    return [
      vscode.commands.registerCommand('labbook.refresh', async () => {
        await this.context.session.catchUpNow();
        tree.refresh();
      }),
      vscode.commands.registerCommand('labbook.filterRuns', () => this.filter()),
      vscode.commands.registerCommand('labbook.clearFilter', () => this.setFilter(undefined)),
      vscode.commands.registerCommand('labbook.sortBy', () => this.sortBy()),
      vscode.commands.registerCommand('labbook.groupBy', () => this.groupBy()),
      vscode.commands.registerCommand('labbook.showMore', (group?: string | null) =>
        tree.showMore(group ?? null),
      ),
      vscode.commands.registerCommand('labbook.showRunning', () =>
        this.setFilter('status = "running"'),
      ),
    ];
  }

  /** Sets or clears the filter; also used by tests and the status bar item. */
  setFilter(filter: string | undefined): void {
    this.context.tree.state.filter = filter?.trim() ? filter.trim() : undefined;
    this.context.tree.resetPaging();
    this.context.updateViewState();
  }

  private async filter(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: 'Labbook: Filter Runs',
      prompt: 'e.g. metrics.val_loss < 0.3 and params.lr = "0.01" (empty shows all runs)',
      value: this.context.tree.state.filter ?? '',
      validateInput: filterProblem,
    });
    if (text !== undefined) {
      this.setFilter(text);
    }
  }

  private async sortBy(): Promise<void> {
    const index = await this.context.session.index();
    const keys = [
      { label: 'started', description: 'start time' },
      { label: 'name' },
      { label: 'duration' },
      ...index.metricKeys().map((key) => ({ label: `metrics.${key}`, description: 'metric' })),
      ...index.paramKeys().map((key) => ({ label: `params.${key}`, description: 'param' })),
    ];
    const key = await vscode.window.showQuickPick(keys, { title: 'Labbook: Sort Runs By' });
    if (!key) {
      return;
    }

    const direction = await vscode.window.showQuickPick(
      [
        { label: 'Descending', descending: true },
        { label: 'Ascending', descending: false },
      ],
      { title: `Labbook: Sort by ${key.label}` },
    );
    if (!direction) {
      return;
    }

    const quoted = /^[A-Za-z_][\w.]*$/.test(key.label) ? key.label : null;
    this.context.tree.state.sort = {
      key: quoted ?? key.label.replace(/^(metrics|params)\.(.*)$/, '$1.`$2`'),
      descending: direction.descending,
    };
    this.context.tree.resetPaging();
    this.context.updateViewState();
  }

  private async groupBy(): Promise<void> {
    const index = await this.context.session.index();
    const options: { label: string; grouping: Grouping }[] = [
      { label: 'Experiment', grouping: { by: 'experiment' } },
      { label: 'Status', grouping: { by: 'status' } },
      { label: 'None', grouping: { by: 'none' } },
      ...index.tagKeys().map((key) => ({
        label: `Tag: ${key}`,
        grouping: { by: 'tag' as const, key },
      })),
    ];
    const picked = await vscode.window.showQuickPick(options, { title: 'Labbook: Group Runs By' });
    if (picked) {
      this.context.tree.state.grouping = picked.grouping;
      this.context.tree.resetPaging();
      this.context.updateViewState();
    }
  }
}
