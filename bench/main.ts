/**
 * `npm run bench`: measures every key of issue 7 on this machine and prints a table, or
 * with `--json` one JSON object keyed by the keys. Options:
 *
 *   --quick       smaller workloads, same keys, well under a minute
 *   --json        JSON on stdout instead of the table (progress goes to stderr)
 *   --out FILE    also write the JSON to FILE (docs/benchmarks.md's chart reads it)
 *   --data DIR    where generated data goes (default: the git-ignored .bench-data/)
 *   --only KEYS   comma-separated keys; runs only the suites that measure them
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { describeMachine } from './machine';
import { DEFAULT_DATA_FOLDER } from './paths';
import { buildProduction, type ProductionBuild } from './production-build';
import { formatReport } from './report';
import { BENCH_KEYS, type BenchEntry, type BenchKey, failed, type SuiteResults } from './results';
import { type BenchScale, FULL_SCALE, QUICK_SCALE } from './scales';
import { runExtensionSuite } from './suites/extension';
import { runIngestSuite } from './suites/ingest';
import { runLaunchSuite } from './suites/launch';
import { runRunsSuite } from './suites/runs';
import { runSdkSuite } from './suites/sdk';
import { runSeriesSuite, type SeriesSweep } from './suites/series';

interface Suite {
  keys: BenchKey[];
  run(): Promise<SuiteResults>;
}

function option(name: string): string | undefined {
  const position = process.argv.indexOf(name);
  return position === -1 ? undefined : process.argv[position + 1];
}

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

async function main(): Promise<number> {
  const scale: BenchScale = process.argv.includes('--quick') ? QUICK_SCALE : FULL_SCALE;
  const dataFolder = resolve(option('--data') ?? DEFAULT_DATA_FOLDER);
  const only = option('--only')?.split(',');
  mkdirSync(dataFolder, { recursive: true });
  const machine = describeMachine();
  let chart: SeriesSweep | undefined;
  let workspace = dataFolder;
  let build: ProductionBuild | undefined;
  const production = (): ProductionBuild => {
    build ??= buildProduction(dataFolder);
    return build;
  };

  const suites: Suite[] = [
    {
      keys: ['ingest_points_per_s', 'ingest_vs_row_insert'],
      run: () => runIngestSuite(scale, dataFolder),
    },
    {
      keys: ['open_10k_runs_ms', 'filter_10k_runs_ms'],
      run: async () => {
        const { results, storeRoot } = await runRunsSuite(scale, dataFolder);
        workspace = dirname(storeRoot);
        return results;
      },
    },
    {
      keys: ['series_20x100k_ms', 'rss_10m_points_mb', 'persist_10m_points_ms'],
      run: async () => {
        const { results, chart: sweep } = await runSeriesSuite(scale, dataFolder);
        chart = sweep;
        return results;
      },
    },
    { keys: ['sdk_points_per_s', 'sdk_vs_optuna'], run: () => runSdkSuite(scale, dataFolder) },
    {
      keys: ['launch_overhead_ratio'],
      run: () => runLaunchSuite(scale, dataFolder, production().cli),
    },
    {
      keys: ['activate_ms', 'bundle_kb'],
      run: () => Promise.resolve(runExtensionSuite(scale, production(), workspace)),
    },
  ];

  const entries = {} as Record<BenchKey, BenchEntry>;
  for (const suite of suites) {
    if (only && !suite.keys.some((key) => only.includes(key))) {
      continue;
    }

    progress(`measuring ${suite.keys.join(', ')}`);
    const started = performance.now();
    try {
      Object.assign(entries, await suite.run());
      progress(`  took ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      progress(`failed: ${message}`);
      for (const key of suite.keys) {
        entries[key] = failed(key, message);
      }
    }
  }

  build?.remove();
  const measuredKeys = BENCH_KEYS.filter((key) => entries[key] !== undefined);
  const json = {
    ...Object.fromEntries(measuredKeys.map((key) => [key, entries[key]])),
    machine,
    scale: scale.name,
    ...(chart ? { seriesSweep: chart } : {}),
    finishedAt: new Date().toISOString(),
  };
  const outFile = option('--out');
  if (outFile) {
    writeFileSync(outFile, `${JSON.stringify(json, null, 2)}\n`);
  }

  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (measuredKeys.length === BENCH_KEYS.length) {
    process.stdout.write(formatReport(machine, scale.name, entries));
  } else {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  return measuredKeys.some((key) => entries[key].error !== undefined) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
