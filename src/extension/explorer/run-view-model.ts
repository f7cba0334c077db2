/** How the explorer groups and orders runs; the runs themselves come from the index. */
import type { RunGrouping, RunQuery } from '../../runindex/run-queries';

/** How the explorer groups runs. */
export type Grouping = RunGrouping | { by: 'none' };

export interface SortOrder {
  /** A key in the query language, such as `metrics.val_loss` or `params.lr`. */
  key: string;
  descending: boolean;
}

/** The index query that selects one group's runs. A null value means "without the tag". */
export function groupQuery(grouping: Grouping, value: string | null): RunQuery {
  switch (grouping.by) {
    case 'experiment':
      return { experiment: value ?? '' };
    case 'status':
      return value ? { status: value as NonNullable<RunQuery['status']> } : {};
    case 'tag':
      return { tag: { key: grouping.key, value } };
    case 'none':
      return {};
  }
}

/** A short label for the grouping, for the view's description and quick picks. */
export function groupingLabel(grouping: Grouping): string {
  return grouping.by === 'tag' ? `tag ${grouping.key}` : grouping.by;
}
