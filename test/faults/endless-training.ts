/**
 * The run that faults 1 and 2 interrupt: `labbook run` around a Python training loop that
 * never ends by itself, started and brought to the point where 100 SDK points are on disk.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  cleanEnv,
  completion,
  type Finished,
  scratchFolder,
  startCli,
  waitFor,
} from '../unit/launch/processes';
import {
  ENDLESS_TRAINING,
  type Points,
  pointsOnDisk,
  startedRunId,
  writeScript,
} from './fault-helpers';

/** A training run going, just before the fault. */
export interface TrainingRun {
  folder: string;
  env: NodeJS.ProcessEnv;
  runDir: string;
  /** The `labbook run` process. */
  launcher: ChildProcess;
  finished: Promise<Finished>;
  /** The Python command's process id. */
  commandPid: number;
  /** The SDK's points on disk now. */
  sdkPoints: Points;
  /** What `labbook run` has passed through on its stdout so far. */
  printed(): string;
}

/** Starts the training loop under `labbook run` and waits until 100 SDK points are on disk. */
export async function startTraining(): Promise<TrainingRun> {
  const folder = scratchFolder();
  const store = join(folder, '.labbook');
  const pidFile = join(folder, 'command.pid');
  const script = writeScript(folder, 'train.py', ENDLESS_TRAINING);
  const env = cleanEnv({ LABBOOK_STORE: store });
  const launcher = startCli(['run', '--', 'python3', script, pidFile], folder, env);
  let printed = '';
  launcher.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const finished = completion(launcher);
  const runDir = join(store, 'runs', await startedRunId(launcher));
  await waitFor(() => pointsOnDisk(runDir, 'loss').size >= 100, 20_000);

  return {
    folder,
    env,
    runDir,
    launcher,
    finished,
    commandPid: Number(readFileSync(pidFile, 'utf8')),
    sdkPoints: pointsOnDisk(runDir, 'loss'),
    printed: () => printed,
  };
}
