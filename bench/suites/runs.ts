/**
 * `open_10k_runs_ms` and `filter_10k_runs_ms`: a sweep's worth of finished runs, their
 * index built and saved once, then opened cold in fresh processes as the extension
 * opens it on start.
 */
import { RunIndex } from '../../src/runindex/run-index';
import { runChild } from '../child-process';
import { cachedStore } from '../datasets';
import { writeSweepRuns } from '../generate-runs';
import { measured, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { median, rounded, timeMsAsync } from '../timing';
import { BENCH_FILTER } from '../workloads';

interface OpenFigures {
  openMs: number;
  filterMs: number[];
  listed: number;
  matches: number;
  origin: string;
}

export async function runRunsSuite(
  scale: BenchScale,
  dataFolder: string,
): Promise<{ results: SuiteResults; storeRoot: string }> {
  const { runs, rows } = scale.sweep;
  const { layout } = cachedStore(dataFolder, `sweep-${runs}x${rows}`, (store) =>
    writeSweepRuns(store, runs, rows),
  );

  // Two catch-ups: a finished run settles in the first catch-up that finds nothing new.
  const buildMs = await timeMsAsync(async () => {
    const index = await RunIndex.open(layout);
    index.catchUp();
    index.catchUp();
    index.persist();
    index.close();
  });

  const figures: OpenFigures[] = [];
  for (let start = 0; start < scale.repeats; start += 1) {
    figures.push(runChild<OpenFigures>('open-runs', [layout.root]));
  }

  const [first] = figures;
  if (!first || first.origin !== 'loaded' || first.listed !== Math.min(200, runs)) {
    throw new Error(`The cold open did not load the saved index: ${JSON.stringify(first)}`);
  }

  const openMs = figures.map((figure) => figure.openMs);
  const filterMs = figures.map((figure) => figure.filterMs[0] as number);
  const warmMs = median(figures.flatMap((figure) => figure.filterMs.slice(1)));
  const size = `${runs.toLocaleString('en')} runs of 20 params and 10 metrics`;
  const results: SuiteResults = {
    open_10k_runs_ms: measured(
      'open_10k_runs_ms',
      rounded(median(openMs)),
      `${size}: load sql.js and the index, catch up, list 200 by metrics.val_loss; ` +
        `median of ${openMs.length} fresh processes (index built in ${rounded(buildMs)} ms)`,
      { samples: openMs.map(rounded) },
    ),
    filter_10k_runs_ms: measured(
      'filter_10k_runs_ms',
      rounded(median(filterMs)),
      `${BENCH_FILTER} (${first.matches} matches): a page of 201 and the count, first ` +
        `call after a cold open; median of ${filterMs.length} (warm: ${rounded(warmMs)} ms)`,
      { samples: filterMs.map(rounded) },
    ),
  };
  return { results, storeRoot: layout.root };
}
