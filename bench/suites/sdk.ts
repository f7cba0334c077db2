/**
 * `sdk_points_per_s` and `sdk_vs_optuna`: the Python SDK's `log()` of single scalars,
 * flushed to disk, against Optuna's `trial.report(value, step)` with SQLite storage.
 * The ratio compares both in the same interpreter (Debian's, which has Optuna), in the
 * same bench run; Optuna is far slower, so it logs fewer of the same points.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { REPOSITORY_ROOT } from '../paths';
import { measured, skipped, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { median, rounded } from '../timing';

/** Debian's interpreter, which sees Debian's python3-optuna. */
const SYSTEM_PYTHON = '/usr/bin/python3';

const SCRIPTS = join(REPOSITORY_ROOT, 'bench', 'python');

interface PythonFigures {
  seconds?: number;
  points?: number;
  run?: string;
  optuna?: string;
  missing?: string;
}

function pythonVersion(python: string): string | undefined {
  const probe = spawnSync(python, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? `${probe.stdout}${probe.stderr}`.trim() : undefined;
}

function runPython(python: string, script: string, args: string[], store: string): PythonFigures {
  const env = { ...process.env };
  delete env.LABBOOK_RUN_ID;
  env.LABBOOK_STORE = store;
  env.PYTHONPATH = [join(REPOSITORY_ROOT, 'sdk', 'python'), SCRIPTS].join(delimiter);
  const child = spawnSync(python, [join(SCRIPTS, script), ...args], { encoding: 'utf8', env });
  if (child.status !== 0) {
    throw new Error(`${python} ${script} failed (${child.status}): ${child.stderr.trim()}`);
  }

  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as PythonFigures;
}

/** Points per second of the SDK in `python`, checked against what the index then reads. */
async function sdkRate(python: string, calls: number, folder: string): Promise<number> {
  const scratch = mkdtempSync(join(folder, 'sdk-'));
  const layout = new StoreLayout(join(scratch, '.labbook'));
  const figures = runPython(python, 'sdk_log.py', [String(calls)], layout.root);
  const index = await RunIndex.open(layout);
  index.catchUp();
  const logged = index.getRun(figures.run ?? '').metrics.loss?.count;
  index.close();
  rmSync(scratch, { recursive: true, force: true });
  if (logged !== calls) {
    throw new Error(`The SDK run holds ${logged} points of loss; ${calls} were logged.`);
  }

  return calls / (figures.seconds as number);
}

function optunaRate(reports: number, folder: string): PythonFigures & { rate?: number } {
  const database = join(mkdtempSync(join(folder, 'optuna-')), 'optuna.sqlite3');
  const figures = runPython(SYSTEM_PYTHON, 'optuna_report.py', [String(reports), database], folder);
  rmSync(join(database, '..'), { recursive: true, force: true });
  return figures.seconds === undefined ? figures : { ...figures, rate: reports / figures.seconds };
}

export async function runSdkSuite(scale: BenchScale, dataFolder: string): Promise<SuiteResults> {
  const results: SuiteResults = {};
  const { calls, optunaReports, repeats } = scale.sdk;
  const python = pythonVersion('python3');
  if (python === undefined) {
    results.sdk_points_per_s = skipped('sdk_points_per_s', 'python3 was not found on PATH.');
  } else {
    const rates: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      rates.push(await sdkRate('python3', calls, dataFolder));
    }

    results.sdk_points_per_s = measured(
      'sdk_points_per_s',
      rounded(median(rates)),
      `${calls.toLocaleString('en')} calls of labbook.log({"loss": x}) then finish() ` +
        `(flushed, fsynced), ${python}; median of ${rates.length}`,
      { samples: rates.map(rounded) },
    );
  }

  if (!existsSync(SYSTEM_PYTHON)) {
    results.sdk_vs_optuna = skipped('sdk_vs_optuna', `${SYSTEM_PYTHON} does not exist.`);
    return results;
  }

  const sdkRates: number[] = [];
  const optunaRates: number[] = [];
  let optunaVersion = '';
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const optuna = optunaRate(optunaReports, dataFolder);
    if (optuna.rate === undefined) {
      results.sdk_vs_optuna = skipped(
        'sdk_vs_optuna',
        `Optuna is not installed for ${SYSTEM_PYTHON} (${optuna.missing}); ` +
          'install it with apt-get install python3-optuna.',
      );
      return results;
    }

    optunaVersion = optuna.optuna ?? '';
    optunaRates.push(optuna.rate);
    sdkRates.push(await sdkRate(SYSTEM_PYTHON, calls, dataFolder));
  }

  const ratio = median(sdkRates) / median(optunaRates);
  results.sdk_vs_optuna = measured(
    'sdk_vs_optuna',
    rounded(ratio),
    `both in ${pythonVersion(SYSTEM_PYTHON)}: the SDK logging ${calls.toLocaleString('en')} ` +
      `points at ${rounded(median(sdkRates))} points/s; Optuna ${optunaVersion} reporting the ` +
      `first ${optunaReports.toLocaleString('en')} of them; medians of ${repeats}, interleaved`,
    {
      ratio: rounded(ratio),
      against: `Optuna trial.report with SQLite storage: ${rounded(median(optunaRates))} points/s`,
    },
  );
  return results;
}
