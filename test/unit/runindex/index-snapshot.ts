/** Everything an index answers, gathered so that two indexes can be compared whole. */
import type { RunIndex } from '../../../src/runindex/run-index';

/** Filters whose answers a snapshot records, covering every kind of key. */
export const SNAPSHOT_FILTERS = [
  'metrics.loss < 0.5',
  'params.lr = "0.01" or tags.stage = "final"',
  'status IN ("finished", "failed") and duration >= 0',
  'name LIKE "run-%"',
];

export function snapshot(index: RunIndex): unknown {
  const runs = index.listRuns({ sort: 'name' });
  const trashed = index.listRuns({ location: 'trash', sort: 'name' });
  const all = [...runs, ...trashed].map((run) => run.id);
  return {
    runs,
    trashed,
    details: all.map((id) => ({ ...index.getRun(id, 'any'), dir: undefined })),
    series: index.metricKeys(all).flatMap((key) => index.series(all, key)),
    downsampled: index.metricKeys(all).flatMap((key) => index.series(all, key, { points: 8 })),
    keys: [index.metricKeys(), index.paramKeys(), index.tagKeys()],
    groups: index.groupRuns({ by: 'experiment' }),
    filtered: SNAPSHOT_FILTERS.map((filter) => index.listRuns({ filter }).map((run) => run.id)),
    sorted: index.listRuns({ sort: 'metrics.loss' }).map((run) => run.id),
    totals: index.totals(),
  };
}
