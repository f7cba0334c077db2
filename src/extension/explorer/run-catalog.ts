/**
 * The explorer's questions to the index. The extension answers them from the sql.js
 * index; keeping them behind this interface keeps the tree free of SQL.
 */
import type { Grouping, RunGroup, RunSummary, SortOrder } from './run-view-model';

export interface RunPageQuery {
  grouping: Grouping;
  /** The group's value; absent when grouping is `none`. */
  groupValue?: string;
  filter?: string;
  sort?: SortOrder;
  offset: number;
  limit: number;
}

export interface RunNote {
  time: string;
  user: string;
  text: string;
  decision?: string;
}

export interface RunArtifact {
  name: string;
  path: string;
  sha256: string;
  size: number;
}

/** What expanding a run shows beyond its summary. */
export interface RunDetail extends RunSummary {
  dir: string;
  notes: RunNote[];
  artifacts: RunArtifact[];
  logs: { name: string; path: string }[];
}

export interface RunCatalog {
  groups(grouping: Grouping, filter: string | undefined): RunGroup[];
  runs(query: RunPageQuery): RunSummary[];
  detail(runId: string): RunDetail | undefined;
}
