/** The kinds of rows in the Runs tree. Each becomes a TreeItem in `run-tree-items.ts`. */
import type { RunRecord } from '../../runindex/run-records';
import type { Grouping } from './run-view-model';

export type SectionName = 'params' | 'metrics' | 'tags' | 'artifacts' | 'notes' | 'logs';

/** What clicking a leaf opens: a file in an editor, or a log as a read-only document. */
export type LeafTarget =
  | { kind: 'file'; path: string; title: string }
  | { kind: 'log'; runId: string; name: string; title: string };

export type RunTreeNode =
  | { kind: 'group'; grouping: Grouping; value: string | null; count: number }
  | { kind: 'run'; run: RunRecord }
  | { kind: 'more'; groupValue: string | null; shown: number; total: number }
  | { kind: 'section'; runId: string; section: SectionName; count: number }
  | {
      kind: 'leaf';
      id: string;
      label: string;
      description?: string;
      tooltip?: string;
      icon?: string;
      contextValue?: string;
      open?: LeafTarget;
    };

/** Stable ids, so that expansion and selection survive refreshes and reveal works. */
export function nodeId(node: RunTreeNode): string {
  switch (node.kind) {
    case 'group':
      return `group:${node.grouping.by}:${node.value ?? ''}`;
    case 'run':
      return `run:${node.run.id}`;
    case 'more':
      return `more:${node.groupValue ?? ''}`;
    case 'section':
      return `section:${node.runId}:${node.section}`;
    case 'leaf':
      return `leaf:${node.id}`;
  }
}
