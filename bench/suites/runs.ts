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
import { type Elapsed, median, rounded, timeMsAsync } from '../timing';
import { BENCH_FILTER } from '../workloads';

interface OpenFigures {
  open: Elapsed;
  filters: Elapsed[];
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

  const opens = figures.map((figure) => figure.open);
  const filters = figures.flatMap((figure) => figure.filters);
  const firstFilters = figures.map((figure) => figure.filters[0] as Elapsed);
  const wall = (times: Elapsed[]): number => rounded(median(times.map((time) => time.wallMs)));
  const cpu = (times: Elapsed[]): number => rounded(median(times.map((time) => time.cpuMs)));
  const size = `${runs.toLocaleString('en')} runs of 20 params and 10 metrics`;
  const results: SuiteResults = {
    open_10k_runs_ms: measured(
      'open_10k_runs_ms',
      wall(opens),
      `${size}: load sql.js and the index, catch up, list 200 by metrics.val_loss; ` +
        `median of ${opens.length} fresh processes, CPU time ${cpu(opens)} ms ` +
        `(index built in ${rounded(buildMs)} ms)`,
      { samples: opens.map((time) => rounded(time.wallMs)) },
    ),
    filter_10k_runs_ms: measured(
      'filter_10k_runs_ms',
      wall(filters),
      `${BENCH_FILTER} (${first.matches} matches): a page of 201 and the count, as the Runs ` +
        `view asks; median of ${filters.length} calls, 5 in each fresh process after its ` +
        `open, CPU time ${cpu(filters)} ms (first calls alone: ${wall(firstFilters)} ms)`,
      { samples: filters.map((time) => rounded(time.wallMs)) },
    ),
  };
  return { results, storeRoot: layout.root };
}
