/** Fixed parts of the workloads, shared by the suites and the child processes they start. */

/** The filter of `filter_10k_runs_ms`. */
export const BENCH_FILTER = 'metrics.val_loss < 0.3 and params.lr = "0.01"';

/** Points per run a chart asks for. */
export const CHART_POINTS = 1000;
