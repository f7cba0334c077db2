/**
 * A fresh process that opens a store's index as the extension does on start (load the
 * file, catch up, list the first page sorted by a metric), then filters it. Prints its
 * figures as one JSON line. Usage: node open-runs.js STORE_ROOT
 */
import { performance } from 'node:perf_hooks';

import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { BENCH_FILTER } from '../workloads';

async function main(): Promise<void> {
  const layout = new StoreLayout(process.argv[2] ?? '');
  const started = performance.now();
  const index = await RunIndex.open(layout);
  index.catchUp();
  const page = index.listRuns({ sort: 'metrics.val_loss', limit: 200 });
  const openMs = performance.now() - started;

  // The Runs view asks for one more run than it shows, and counts the rest.
  const filterMs: number[] = [];
  let matches = 0;
  for (let repeat = 0; repeat < 5; repeat += 1) {
    const from = performance.now();
    index.listRuns({ filter: BENCH_FILTER, limit: 201 });
    matches = index.countRuns({ filter: BENCH_FILTER });
    filterMs.push(performance.now() - from);
  }

  const result = { openMs, filterMs, listed: page.length, matches, origin: index.origin };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  index.close();
}

void main();
