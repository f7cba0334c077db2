/**
 * What the explorer needs from the index, in the run JSON shape that the CLI prints
 * (issue 2): the tree never touches SQL or files directly.
 */
import type { RunStatus } from '../../runlog/events';

export interface MetricSummary {
  last: number | null;
  min: number | null;
  max: number | null;
  step: number | null;
  count: number;
}

export interface RunSummary {
  id: string;
  name: string;
  experiment: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  command: string[] | null;
  params: Record<string, unknown>;
  tags: Record<string, string>;
  metrics: Record<string, MetricSummary>;
  git: { commit: string; branch: string | null; dirty: boolean } | null;
}

/** How the explorer groups runs. */
export type Grouping =
  { kind: 'experiment' } | { kind: 'status' } | { kind: 'tag'; key: string } | { kind: 'none' };

export interface RunGroup {
  value: string;
  count: number;
}

export interface SortOrder {
  key: string;
  descending: boolean;
}
