/**
 * Compare Selected and Open Charts open the Compare panel on the explorer's selection;
 * the panel's serializer brings it back after a reload.
 */
import * as vscode from 'vscode';

import { ComparePanel, COMPARE_VIEW_TYPE } from '../compare/compare-panel';
import { readUiState } from '../compare/protocol-validation';
import { targetRuns, type ExplorerContext } from '../explorer/explorer-context';
import { PARAMS_DOCUMENT } from '../explorer/log-documents';
import { logDocumentUri } from '../explorer/run-tree-provider';

/** Runs shown by Open Charts when nothing is selected: the newest ones. */
const DEFAULT_CHART_RUNS = 5;

const DIFF_FILES: Record<string, string> = {
  patch: 'git.patch',
  config: PARAMS_DOCUMENT,
  stdout: 'stdout.log',
};

/**
 * Whether the open panel follows a new explorer selection. Selecting several runs points it
 * at them. A single click on a run, often only to look at it, moves a panel that shows one
 * run, but leaves a comparison of several in place.
 */
function followsSelection(shown: number, selected: number): boolean {
  return selected > 1 || (selected === 1 && shown <= 1);
}

export class CompareCommands implements vscode.WebviewPanelSerializer {
  private panel: ComparePanel | undefined;

  constructor(private readonly context: ExplorerContext) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(
        'labbook.compareSelected',
        (clicked?: unknown, selected?: unknown) => this.open(clicked, selected, 2),
      ),
      vscode.commands.registerCommand(
        'labbook.openCharts',
        (clicked?: unknown, selected?: unknown) => this.open(clicked, selected, 1),
      ),
      vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, this),
      this.context.view.onDidChangeSelection((event) => {
        const runIds = targetRuns(this.context, undefined, event.selection).map((run) => run.id);
        if (this.panel && followsSelection(this.panel.runIds.length, runIds.length)) {
          void this.panel.show(runIds);
        }
      }),
      new vscode.Disposable(() => this.panel?.dispose()),
    ];
  }

  /** The panel that is open, for tests and for the explorer's selection changes. */
  get current(): ComparePanel | undefined {
    return this.panel;
  }

  private async open(clicked: unknown, selected: unknown, minimum: number): Promise<void> {
    let runIds = targetRuns(this.context, clicked, selected).map((run) => run.id);
    if (runIds.length < minimum) {
      const index = await this.context.session.index();
      const newest = index.listRuns({ limit: Math.max(DEFAULT_CHART_RUNS, minimum) });
      if (minimum > 1 && runIds.length < minimum) {
        void vscode.window.showInformationMessage(
          'Select two or more runs (Ctrl or Shift+click) to compare them; showing the newest.',
        );
      }

      runIds = newest.map((run) => run.id);
    }

    await this.showPanel(runIds);
  }

  /** Opens the panel on these runs, or points the open one at them. */
  async showPanel(runIds: string[]): Promise<ComparePanel> {
    if (this.panel) {
      await this.panel.show(runIds);
      return this.panel;
    }

    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      'Labbook: Compare',
      vscode.ViewColumn.Active,
      { enableScripts: true, retainContextWhenHidden: true },
    );
    return this.adopt(panel, runIds);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.adopt(panel, readUiState(state).selection);
  }

  private adopt(panel: vscode.WebviewPanel, runIds: string[]): ComparePanel {
    this.panel = new ComparePanel(
      panel,
      this.context.session,
      this.context.extension.extensionUri,
      runIds,
      (document, left, right) => this.openDiff(document, left, right),
      // The explorer selects one row at a time, so a narrowed webview selection stays there.
      () => undefined,
      () => {
        this.panel = undefined;
      },
    );
    return this.panel;
  }

  private openDiff(document: string, left: string, right: string): void {
    const file = DIFF_FILES[document] ?? 'stdout.log';
    void vscode.commands.executeCommand(
      'vscode.diff',
      logDocumentUri(left, file),
      logDocumentUri(right, file),
      `${file}: ${left} ↔ ${right}`,
    );
  }
}
