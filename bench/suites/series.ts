/**
 * `series_20x100k_ms`, `rss_10m_points_mb` and `persist_10m_points_ms`: runs with one
 * long metric, indexed and saved, then held by a fresh process that charts some of them.
 */
import { RunIndex } from '../../src/runindex/run-index';
import { runChild } from '../child-process';
import { cachedStore } from '../datasets';
import { writeLongSeriesRuns } from '../generate-runs';
import { measured, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { type Elapsed, median, rounded, timeMs, timeMsAsync } from '../timing';
import { CHART_POINTS } from '../workloads';

interface HoldFigures {
  rssBytes: number;
  points: number;
  runs: number;
  perRun: number;
  cold: Elapsed;
  series: Elapsed[];
  sweep: { points: number; ms: number }[];
}

/** Series latency against points per run, for docs/benchmarks.md's chart. */
export interface SeriesSweep {
  runs: number;
  sweep: { points: number; ms: number }[];
}

export async function runSeriesSuite(
  scale: BenchScale,
  dataFolder: string,
): Promise<{ results: SuiteResults; chart: SeriesSweep }> {
  const { runs, rows, rowsPerEvent, seriesRuns } = scale.long;
  const { layout } = cachedStore(dataFolder, `long-${runs}x${rows}`, (store) =>
    writeLongSeriesRuns(store, runs, rows, rowsPerEvent),
  );

  let persistMs = 0;
  const buildMs = await timeMsAsync(async () => {
    const index = await RunIndex.open(layout);
    index.catchUp();
    index.catchUp();
    persistMs = timeMs(() => index.persist());
    index.close();
  });

  const held = runChild<HoldFigures>(
    'hold-index',
    [layout.root, String(seriesRuns), String(scale.repeats)],
    ['--expose-gc'],
  );
  const points = held.points.toLocaleString('en');
  return {
    results: {
      series_20x100k_ms: measured(
        'series_20x100k_ms',
        rounded(median(held.series.map((time) => time.wallMs))),
        `one metric of ${held.runs} runs x ${held.perRun.toLocaleString('en')} points, ` +
          `downsampled to ${CHART_POINTS} each, by a process whose code is warm from charting ` +
          `other runs, reading these runs for the first time; median of ` +
          `${held.series.length}, CPU time ` +
          `${rounded(median(held.series.map((time) => time.cpuMs)))} ms (a fresh process's ` +
          `very first chart: ${rounded(held.cold.wallMs)} ms)`,
        { samples: held.series.map((time) => rounded(time.wallMs)) },
      ),
      rss_10m_points_mb: measured(
        'rss_10m_points_mb',
        rounded(held.rssBytes / 2 ** 20),
        `resident set of a fresh process after opening and catching up an index of ${points} ` +
          'points, after a garbage collection',
      ),
      persist_10m_points_ms: measured(
        'persist_10m_points_ms',
        rounded(persistMs),
        `index.persist() of ${points} points (temporary file, then rename); one sample ` +
          `(indexing them took ${rounded(buildMs)} ms in all)`,
      ),
    },
    chart: { runs: held.runs, sweep: held.sweep },
  };
}
