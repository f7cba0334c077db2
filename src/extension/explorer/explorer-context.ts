/** What the command modules share: the store, the tree and the runs started here. */
import type * as vscode from 'vscode';

import type { RunRecord } from '../../runindex/run-records';
import type { ActiveRuns } from '../start/active-runs';
import type { StoreSession } from '../store/store-session';
import type { RunTreeProvider } from './run-tree-provider';
import type { RunTreeNode } from './run-tree-nodes';

export interface ExplorerContext {
  extension: vscode.ExtensionContext;
  session: StoreSession;
  tree: RunTreeProvider;
  view: vscode.TreeView<RunTreeNode>;
  activeRuns: ActiveRuns;
  /** Updates the view's description and context keys after the filter or grouping changed. */
  updateViewState(): void;
}

/**
 * The runs a command applies to: the clicked row and the multi-selection from a context
 * menu, else the tree's selection.
 */
export function targetRuns(
  context: ExplorerContext,
  clicked?: unknown,
  selected?: unknown,
): RunRecord[] {
  const nodes = (Array.isArray(selected) && selected.length > 0 ? selected : [clicked])
    .filter(isRunNode)
    .concat(clicked === undefined ? context.view.selection.filter(isRunNode) : []);

  const seen = new Set<string>();
  return nodes.map((node) => node.run).filter((run) => !seen.has(run.id) && seen.add(run.id));
}

function isRunNode(value: unknown): value is Extract<RunTreeNode, { kind: 'run' }> {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'run'
  );
}
