/**
 * A fresh process that opens a store's index and holds it: its resident memory, then
 * the time to chart one metric of several runs, downsampled, at the whole length and at
 * shorter step ranges. Prints one JSON line. Run with --expose-gc.
 * Usage: node --expose-gc hold-index.js STORE_ROOT RUNS REPEATS
 */
import { performance } from 'node:perf_hooks';

import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { median } from '../timing';
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
  const timeSeries = (runs: string[], toStep?: number): number => {
    const started = performance.now();
    const series = index.series(runs, 'loss', {
      points: CHART_POINTS,
      ...(toStep === undefined ? {} : { fromStep: 0, toStep: toStep - 1 }),
    });
    const elapsed = performance.now() - started;
    if (
      series.length !== runs.length ||
      series.some((one) => one.steps.length > CHART_POINTS + 1)
    ) {
      throw new Error('The series came back with the wrong number of runs or points.');
    }

    return elapsed;
  };

  const coldMs = timeSeries(others);
  for (let warming = 0; warming < 5; warming += 1) {
    timeSeries(others);
  }

  const seriesMs = Array.from({ length: Number(repeatCount) }, () => timeSeries(ids));
  const total = index.series(ids.slice(0, 1), 'loss', { points: CHART_POINTS })[0]?.total ?? 0;
  const sweep = RANGES.filter((range) => range < total).map((range) => ({
    points: range,
    ms: median([timeSeries(ids, range), timeSeries(ids, range), timeSeries(ids, range)]),
  }));
  sweep.push({ points: total, ms: median(seriesMs) });

  process.stdout.write(
    `${JSON.stringify({ rssBytes, points, runs: ids.length, perRun: total, coldMs, seriesMs, sweep })}\n`,
  );
  index.close();
}

void main();
