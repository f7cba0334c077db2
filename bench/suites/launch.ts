/**
 * `launch_overhead_ratio`: `labbook run -- python3 print_lines.py N` against the bare
 * command, both with stdout read through a pipe as a terminal-less caller would. One in
 * a hundred lines is a `key: value` scalar, so stdout capture has metrics to record.
 * PYTHONUNBUFFERED is removed for both sides: the launcher sets it only for live output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { STDOUT_LOG } from '../../src/launch/launcher';
import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import { REPOSITORY_ROOT } from '../paths';
import { measured, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { median, rounded } from '../timing';

const PRINTER = join(REPOSITORY_ROOT, 'test', 'fixtures', 'print_lines.py');

interface Timed {
  ms: number;
  stdoutBytes: number;
}

/** Runs a command to its end, reading and dropping its stdout; times it from spawn to exit. */
function timedRun(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
      } else {
        resolve({ ms, stdoutBytes });
      }
    });
  });
}

/** Every launched run finished with all of its output and scalar lines recorded. */
async function checkRecordedRuns(
  root: string,
  count: number,
  lines: number,
  reference: Timed,
): Promise<void> {
  const index = await RunIndex.open(new StoreLayout(root));
  index.catchUp();
  const runs = index.listRuns();
  index.close();
  for (const run of runs) {
    const output = statSync(join(root, 'runs', run.id, STDOUT_LOG)).size;
    const scalars = run.metrics.loss?.count;
    if (run.status !== 'finished' || output !== reference.stdoutBytes || scalars !== lines / 100) {
      throw new Error(`labbook run recorded ${run.id} incompletely: ${JSON.stringify(run)}`);
    }
  }

  if (runs.length !== count) {
    throw new Error(`labbook run recorded ${runs.length} runs; ${count} were started.`);
  }
}

export async function runLaunchSuite(
  scale: BenchScale,
  dataFolder: string,
  cli: string,
): Promise<SuiteResults> {
  const lines = scale.launch.lines;
  const folder = mkdtempSync(join(dataFolder, 'launch-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LABBOOK_STORE: join(folder, '.labbook') };
  delete env.PYTHONUNBUFFERED;
  delete env.LABBOOK_LIVE_OUTPUT;
  delete env.LABBOOK_RUN_ID;
  const bareArgs = [PRINTER, String(lines)];
  const bare: number[] = [];
  const launched: number[] = [];
  try {
    // One of each first, unmeasured, so that both start from warm file caches.
    const reference = await timedRun('python3', bareArgs, env);
    await timedRun(process.execPath, [cli, 'run', '--', 'python3', ...bareArgs], env);
    for (let repeat = 0; repeat < scale.repeats; repeat += 1) {
      bare.push((await timedRun('python3', bareArgs, env)).ms);
      const run = await timedRun(process.execPath, [cli, 'run', '--', 'python3', ...bareArgs], env);
      if (run.stdoutBytes !== reference.stdoutBytes) {
        throw new Error('labbook run passed on a different amount of output than the command.');
      }

      launched.push(run.ms);
    }

    await checkRecordedRuns(join(folder, '.labbook'), scale.repeats + 1, lines, reference);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const ratio = median(launched) / median(bare);
  return {
    launch_overhead_ratio: measured(
      'launch_overhead_ratio',
      rounded(ratio),
      `python3 print_lines.py ${lines.toLocaleString('en')} (1% scalar lines) through ` +
        'labbook run (the production dist/cli.js) against bare, stdout piped, ' +
        `PYTHONUNBUFFERED unset; medians of ${scale.repeats}, interleaved`,
      {
        ratio: rounded(ratio),
        against:
          `bare command: ${rounded(median(bare))} ms; ` +
          `labbook run: ${rounded(median(launched))} ms`,
        samples: launched.map((ms, position) => rounded(ms / (bare[position] as number))),
      },
    ),
  };
}
