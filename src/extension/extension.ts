/**
 * The extension's entry point. Activation only wires things up: the index (and sql.js)
 * loads the first time the Runs view or a command needs it.
 */
import { join, resolve } from 'node:path';

import * as vscode from 'vscode';

import { StoreLayout, STORE_FOLDER } from '../store/layout';
import { AuditCommands } from './commands/audit-commands';
import { CompareCommands } from './commands/compare-commands';
import { EditCommands } from './commands/edit-commands';
import { InfoCommands } from './commands/info-commands';
import { LaunchCommands, TASK_TYPE } from './commands/launch-commands';
import { registerNoteEditor } from './commands/note-editor';
import { ViewCommands } from './commands/view-commands';
import type { ExplorerContext } from './explorer/explorer-context';
import { LogDocumentProvider } from './explorer/log-documents';
import { LOG_SCHEME, RunTreeProvider } from './explorer/run-tree-provider';
import { groupingLabel } from './explorer/run-view-model';
import { RunningStatusItem } from './explorer/running-status-item';
import { createLogChannel, Logger } from './logging/logger';
import { ActiveRuns } from './start/active-runs';
import { readSettings } from './start/settings';
import { StoreSession } from './store/store-session';

const log = new Logger('activate');

/** What `activate` returns, so that integration tests reach the live objects. */
export interface LabbookApi {
  context: ExplorerContext;
  launch: LaunchCommands;
  view: ViewCommands;
  compare: CompareCommands;
}

function storeRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const setting = readSettings().storePath.trim();
  return setting ? resolve(folder, setting) : join(folder, STORE_FOLDER);
}

export function activate(extension: vscode.ExtensionContext): LabbookApi {
  extension.subscriptions.push(createLogChannel());

  const layout = new StoreLayout(storeRoot());
  const session = new StoreSession(layout, join(extension.extensionPath, 'dist', 'sql-wasm.wasm'));
  const settings = readSettings();
  const tree = new RunTreeProvider(() => session.index(), {
    grouping: { by: 'experiment' },
    filter: undefined,
    sort: undefined,
    keyMetric: settings.keyMetric,
  });
  const view = vscode.window.createTreeView('labbook.runs', {
    treeDataProvider: tree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  extension.subscriptions.push(session, tree, view);

  const context: ExplorerContext = {
    extension,
    session,
    tree,
    view,
    activeRuns: new ActiveRuns(),
    updateViewState() {
      const { filter, grouping, sort } = tree.state;
      const parts = [
        filter ? `filter: ${filter}` : undefined,
        grouping.by === 'experiment' ? undefined : `by ${groupingLabel(grouping)}`,
        sort ? `sorted by ${sort.key}${sort.descending ? ' ↓' : ' ↑'}` : undefined,
      ].filter(Boolean);
      view.description = parts.length > 0 ? parts.join(' · ') : undefined;
      void vscode.commands.executeCommand('setContext', 'labbook.filterActive', Boolean(filter));
    },
  };

  // Run commands show in the palette only once the store exists; the context is set only when
  // that changes, not on every catch-up.
  let storeOpen: boolean | undefined;
  const showStoreOpen = (): void => {
    const exists = session.exists;
    if (storeOpen !== exists) {
      storeOpen = exists;
      void vscode.commands.executeCommand('setContext', 'labbook.storeOpen', exists);
    }
  };

  const launch = new LaunchCommands(context);
  const viewCommands = new ViewCommands(context);
  const compare = new CompareCommands(context);
  const status = new RunningStatusItem(session);
  extension.subscriptions.push(
    status,
    ...launch.register(),
    ...viewCommands.register(),
    ...new EditCommands(context).register(),
    ...new InfoCommands(context).register(),
    ...compare.register(),
    ...new AuditCommands(context).register(),
    ...registerNoteEditor(context),
    vscode.workspace.registerTextDocumentContentProvider(
      LOG_SCHEME,
      new LogDocumentProvider(layout, async (runId) => {
        const run = (await session.index()).getRun(runId, 'any');
        return `${JSON.stringify(run.params, null, 2)}\n`;
      }),
    ),
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => [],
      resolveTask: () => undefined,
    }),
    vscode.commands.registerCommand('labbook.openGuide', () =>
      vscode.commands.executeCommand(
        'markdown.showPreview',
        vscode.Uri.joinPath(extension.extensionUri, 'README.md'),
      ),
    ),
    session.onDidChange(() => {
      tree.refresh();
      showStoreOpen();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('labbook.keyMetric')) {
        tree.state.keyMetric = readSettings().keyMetric;
        tree.refresh();
      }
    }),
  );

  showStoreOpen();
  log.info(`store: ${layout.root}${session.exists ? '' : ' (not created yet)'}`);
  return { context, launch, view: viewCommands, compare };
}

export function deactivate(): void {
  // Everything is disposed through the context's subscriptions. Runs started from the
  // editor keep going: their `labbook run` process owns them, and the next window
  // adopts them from the store.
}
