/**
 * The Runs tree. Children are fetched lazily a page at a time, so 10,000 runs open at
 * once: the root lists groups with counts, a group lists its first page of runs and a
 * "Show more" row, and a run's sections are read only when it is expanded.
 */
import * as vscode from 'vscode';

import type { RunIndex } from '../../runindex/run-index';
import type { RunQuery } from '../../runindex/run-queries';
import type { RunIntegrity } from '../../audit/audit-api';
import type { RunRecord } from '../../runindex/run-records';
import { runDescription, runTooltip, statusIcon } from './run-presentation';
import { sectionLeaves, sectionNodes } from './run-sections';
import { nodeId, type RunTreeNode } from './run-tree-nodes';
import { type Grouping, groupQuery, type SortOrder } from './run-view-model';

/** Runs per page in a group; more appear through the "Show more" row. */
export const PAGE_SIZE = 200;

/** The scheme of the read-only log documents. */
export const LOG_SCHEME = 'labbook';

export interface TreeState {
  grouping: Grouping;
  filter: string | undefined;
  sort: SortOrder | undefined;
  keyMetric: string;
  /** Each run's state from the last Verify Store, when there was one. */
  verification?: Map<string, RunIntegrity>;
}

const SECTION_LABELS = {
  params: ['Params', 'symbol-parameter'],
  metrics: ['Metrics', 'graph-line'],
  tags: ['Tags', 'tag'],
  artifacts: ['Artifacts', 'package'],
  notes: ['Notes', 'note'],
  logs: ['Logs', 'output'],
} as const;

/** The address of a run's log as a read-only document. */
export function logDocumentUri(runId: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${runId}/${name}` });
}

function groupValueOf(run: RunRecord, grouping: Grouping): string | null | undefined {
  switch (grouping.by) {
    case 'experiment':
      return run.experiment;
    case 'status':
      return run.status;
    case 'tag':
      return run.tags[grouping.key] ?? null;
    case 'none':
      return undefined;
  }
}

export class RunTreeProvider implements vscode.TreeDataProvider<RunTreeNode> {
  private readonly changed = new vscode.EventEmitter<RunTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** How many runs each group shows, keyed by group value ('' without grouping). */
  private readonly shown = new Map<string, number>();

  constructor(
    private readonly index: () => Promise<RunIndex>,
    readonly state: TreeState,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** Redraws the tree, for example after the store changed. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Starts paging again, for a new filter, sort or grouping. */
  resetPaging(): void {
    this.shown.clear();
    this.refresh();
  }

  /** Shows the next page of a group. */
  showMore(groupValue: string | null): void {
    const key = groupValue ?? '';
    this.shown.set(key, (this.shown.get(key) ?? PAGE_SIZE) + PAGE_SIZE);
    this.refresh();
  }

  /** The query of the current filter and sort, for the runs of one group. */
  query(groupValue: string | null): RunQuery {
    const { filter, sort, grouping } = this.state;
    return {
      ...groupQuery(grouping, groupValue),
      ...(filter ? { filter } : {}),
      ...(sort ? { sort: sort.key, descending: sort.descending } : {}),
    };
  }

  getTreeItem(node: RunTreeNode): vscode.TreeItem {
    const item = this.buildItem(node);
    item.id = nodeId(node);
    return item;
  }

  private buildItem(node: RunTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const label = node.value === null || node.value === '' ? '(none)' : node.value;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.count}`;
        item.contextValue = 'group';
        item.iconPath = new vscode.ThemeIcon('folder-library');
        return item;
      }

      case 'run': {
        const { run } = node;
        const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = runDescription(
          run,
          this.state.keyMetric,
          this.state.verification?.get(run.id),
        );
        item.tooltip = runTooltip(run);
        item.iconPath = statusIcon(run.status);
        item.contextValue = `run run-${run.status}`;
        return item;
      }

      case 'more': {
        const item = new vscode.TreeItem('Show more…', vscode.TreeItemCollapsibleState.None);
        item.description = `${node.shown} of ${node.total}`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        item.command = {
          command: 'labbook.showMore',
          title: 'Show More',
          arguments: [node.groupValue],
        };
        return item;
      }

      case 'section': {
        const [label, icon] = SECTION_LABELS[node.section];
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.count}`;
        item.iconPath = new vscode.ThemeIcon(icon);
        item.contextValue = `section-${node.section}`;
        return item;
      }

      case 'leaf':
        return this.leafItem(node);
    }
  }

  private leafItem(node: Extract<RunTreeNode, { kind: 'leaf' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;

    // VS Code reads a string tooltip to screen readers instead of the label and description
    // ("3 points, last step 2" for a metric); a spoken row should say what the row shows.
    item.accessibilityInformation = {
      label: [node.label, node.description, node.tooltip].filter(Boolean).join(', '),
    };
    item.contextValue = node.contextValue;
    if (node.icon) {
      item.iconPath = new vscode.ThemeIcon(node.icon);
    }

    if (node.open) {
      const uri =
        node.open.kind === 'file'
          ? vscode.Uri.file(node.open.path)
          : logDocumentUri(node.open.runId, node.open.name);
      item.command = { command: 'vscode.open', title: node.open.title, arguments: [uri] };
    }

    return item;
  }

  async getChildren(node?: RunTreeNode): Promise<RunTreeNode[]> {
    const index = await this.index();
    const { grouping } = this.state;

    if (!node) {
      if (grouping.by === 'none') {
        return this.runPage(index, null);
      }

      const filter = this.state.filter ? { filter: this.state.filter } : {};
      return index.groupRuns(grouping, filter).map((group) => ({
        kind: 'group' as const,
        grouping,
        value: group.value,
        count: group.count,
      }));
    }

    switch (node.kind) {
      case 'group':
        return this.runPage(index, node.value);
      case 'run':
        return sectionNodes(index.getRun(node.run.id, 'any'));
      case 'section':
        return sectionLeaves(index.getRun(node.runId, 'any'), node.section);
      default:
        return [];
    }
  }

  private runPage(index: RunIndex, groupValue: string | null): RunTreeNode[] {
    const limit = this.shown.get(groupValue ?? '') ?? PAGE_SIZE;
    const query = this.query(groupValue);
    const runs = index.listRuns({ ...query, offset: 0, limit: limit + 1 });

    const nodes: RunTreeNode[] = runs.slice(0, limit).map((run) => ({ kind: 'run', run }));
    if (runs.length > limit) {
      nodes.push({ kind: 'more', groupValue, shown: limit, total: index.countRuns(query) });
    }

    return nodes;
  }

  /** The parent of a run row, so that `TreeView.reveal` can expand its group. */
  getParent(node: RunTreeNode): RunTreeNode | undefined {
    if (node.kind !== 'run') {
      return undefined;
    }

    const value = groupValueOf(node.run, this.state.grouping);
    if (value === undefined || this.state.grouping.by === 'none') {
      return undefined;
    }

    return { kind: 'group', grouping: this.state.grouping, value, count: 0 };
  }
}
