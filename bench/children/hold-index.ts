/**
 * A fresh process that opens a store's index and holds it: its resident memory, then
 * the time to chart one metric of several runs, downsampled, at the whole length and at
 * shorter step ranges. Prints one JSON line. Run with --expose-gc.
 * Usage: node --expose-gc hold-index.js STORE_ROOT RUNS REPEATS
 */
import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { type Elapsed, measure, median } from '../timing';
import { CHART_POINTS } from '../workloads';

/** Shorter step ranges charted for the bench's chart of latency against points. */
const RANGES = [1_000, 3_000, 10_000, 30_000];

async function main(): Promise<void> {
  const [root = '', runCount = '20', repeatCount = '5'] = process.argv.slice(2);
  const index = await RunIndex.open(new StoreLayout(root));
  index.catchUp();
  (globalThis as { gc?: () => void }).gc?.();
  const rssBytes = process.memoryUsage().rss;
  const points = index.totals().points;

  // The extension host is long-lived: its code is warm by the time a chart opens. So the
  // process first charts other runs (the cold first call is reported apart), then
  // charts runs whose rows it has not read yet.
  const listed = index
    .listRuns({ sort: 'started', descending: false, limit: 2 * Number(runCount) })
    .map((run) => run.id);
  const ids = listed.slice(0, Number(runCount));
  const others = listed.length > ids.length ? listed.slice(ids.length) : ids;
  const timeSeries = (runs: string[], toStep?: number): Elapsed => {
    let count = 0;
    const elapsed = measure(() => {
      const series = index.series(runs, 'loss', {
        points: CHART_POINTS,
        ...(toStep === undefined ? {} : { fromStep: 0, toStep: toStep - 1 }),
      });
      count = series.filter((one) => one.steps.length <= CHART_POINTS + 1).length;
    });
    if (count !== runs.length) {
      throw new Error('The series came back with the wrong number of runs or points.');
    }

    return elapsed;
  };

  const cold = timeSeries(others);
  for (let warming = 0; warming < 5; warming += 1) {
    timeSeries(others);
  }

  const series = Array.from({ length: Number(repeatCount) }, () => timeSeries(ids));
  const total = index.series(ids.slice(0, 1), 'loss', { points: CHART_POINTS })[0]?.total ?? 0;
  const wall = (times: Elapsed[]): number => median(times.map((time) => time.wallMs));
  const sweep = RANGES.filter((range) => range < total).map((range) => ({
    points: range,
    ms: wall([timeSeries(ids, range), timeSeries(ids, range), timeSeries(ids, range)]),
  }));
  sweep.push({ points: total, ms: wall(series) });

  const result = { rssBytes, points, runs: ids.length, perRun: total, cold, series, sweep };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  index.close();
}

void main();
