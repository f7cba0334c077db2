/**
 * A fresh process that opens a store's index as the extension does on start (load the
 * file, catch up, list the first page sorted by a metric), then filters it. Prints its
 * figures as one JSON line. Usage: node open-runs.js STORE_ROOT
 */
import { performance } from 'node:perf_hooks';
import { cpuUsage } from 'node:process';

import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { cpuMsSince, type Elapsed, measure } from '../timing';
import { BENCH_FILTER } from '../workloads';

async function main(): Promise<void> {
  const layout = new StoreLayout(process.argv[2] ?? '');
  const opening = cpuUsage();
  const started = performance.now();
  const index = await RunIndex.open(layout);
  index.catchUp();
  const page = index.listRuns({ sort: 'metrics.val_loss', limit: 200 });
  const open: Elapsed = { wallMs: performance.now() - started, cpuMs: cpuMsSince(opening) };

  // The Runs view asks for one more run than it shows, and counts the rest.
  const filters: Elapsed[] = [];
  let matches = 0;
  for (let repeat = 0; repeat < 5; repeat += 1) {
    filters.push(
      measure(() => {
        index.listRuns({ filter: BENCH_FILTER, limit: 201 });
        matches = index.countRuns({ filter: BENCH_FILTER });
      }),
    );
  }

  const result = { open, filters, listed: page.length, matches, origin: index.origin };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  index.close();
}

void main();
