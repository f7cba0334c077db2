/**
 * The workloads of a full run (the sizes the issue names) and of `--quick`, which keeps
 * every key but shrinks each workload so that the whole bench takes well under a minute.
 */
export interface BenchScale {
  name: 'full' | 'quick';
  /** How often each timed step is repeated; the figure is the median. */
  repeats: number;
  ingest: { runs: number; rowsPerRun: number; rowsPerEvent: number };
  /** Finished runs with 20 params and 10 metrics of `rows` rows each. */
  sweep: { runs: number; rows: number };
  /** Runs with one long metric; the first `seriesRuns` of them are charted. */
  long: { runs: number; rows: number; rowsPerEvent: number; seriesRuns: number };
  /** `repeats` is separate: Python and Optuna take seconds to start. */
  sdk: { calls: number; optunaReports: number; repeats: number };
  launch: { lines: number };
  activate: { starts: number };
}

export const FULL_SCALE: BenchScale = {
  name: 'full',
  repeats: 5,
  ingest: { runs: 100, rowsPerRun: 5_000, rowsPerEvent: 1_000 },
  sweep: { runs: 10_000, rows: 10 },
  long: { runs: 100, rows: 100_000, rowsPerEvent: 10_000, seriesRuns: 20 },
  sdk: { calls: 2_000_000, optunaReports: 2_000, repeats: 3 },
  launch: { lines: 1_000_000 },
  activate: { starts: 9 },
};

export const QUICK_SCALE: BenchScale = {
  name: 'quick',
  repeats: 3,
  ingest: { runs: 20, rowsPerRun: 2_500, rowsPerEvent: 1_000 },
  sweep: { runs: 500, rows: 10 },
  long: { runs: 4, rows: 20_000, rowsPerEvent: 10_000, seriesRuns: 4 },
  sdk: { calls: 200_000, optunaReports: 50, repeats: 1 },
  launch: { lines: 50_000 },
  activate: { starts: 3 },
};
