/**
 * Fault 3: the extension host dies while a run it started is going. The extension starts
 * `labbook run` detached, in a process group of its own (src/extension/start/run-process.ts);
 * the decision (docs/launcher.md, "Runs started from the editor") is that the run continues,
 * records everything to its end, and the next window adopts it from the store. Here a parent
 * Node process starts the run through the very same function, and is killed with SIGKILL.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { StoreLayout } from '../../src/store/layout';
import {
  CLI,
  cleanEnv,
  completion,
  REPO_ROOT,
  scratchFolder,
  waitFor,
} from '../unit/launch/processes';
import { readRun } from '../unit/launch/run-folder';
import { alive, startedRunId, writeScript } from './fault-helpers';

const STEPS = 60;

/** Prints a scalar every 50 ms, for three seconds, then exits 0. */
const STEADY_COMMAND = `
import time
for step in range(${STEPS}):
    print("loss: %d" % step, flush=True)
    time.sleep(0.05)
`;

/** The extension host's part: start the run as run-terminal.ts does, and relay its output. */
const HOST = `
const { spawnRunProcess } = require(process.argv[2]);
const request = JSON.parse(process.argv[3]);
const child = spawnRunProcess({ ...request, env: process.env }, process.argv[4]);
child.stdout.on('data', (chunk) => process.stdout.write(chunk));
child.stderr.on('data', (chunk) => process.stderr.write(chunk));
child.stdin.on('error', () => undefined);
process.stdout.write('launcher pid ' + child.pid + '\\n');
`;

describe('fault 3: the extension host dies during a run it started', function () {
  this.timeout(60_000);

  it('lets the run go on to its end, fully recorded, and adopted from the store', async () => {
    const folder = scratchFolder();
    const store = join(folder, '.labbook');
    const script = writeScript(folder, 'steady.py', STEADY_COMMAND);
    const host = writeScript(folder, 'host.js', HOST);
    const request = {
      command: ['python3', script],
      cwd: folder,
      params: {},
      tags: {},
      captureStdout: true,
      store,
    };
    const runProcess = join(REPO_ROOT, 'out', 'src', 'extension', 'start', 'run-process.js');
    const parent = spawn(process.execPath, [host, runProcess, JSON.stringify(request), CLI], {
      cwd: folder,
      env: cleanEnv({ LABBOOK_STORE: store }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let launcherPid = 0;
    parent.stdout.on('data', (chunk: Buffer) => {
      launcherPid ||= Number(/launcher pid (\d+)/.exec(chunk.toString())?.[1] ?? 0);
    });
    const parentGone = completion(parent);
    const runId = await startedRunId(parent);
    const runDir = join(store, 'runs', runId);
    await waitFor(() => readFileSync(join(runDir, 'stdout.log'), 'utf8').includes('loss: 5\n'));

    parent.kill('SIGKILL');
    assert.equal((await parentGone).signal, 'SIGKILL');
    assert.ok(alive(launcherPid), 'labbook run died with the extension host');

    const index = await RunIndex.open(new StoreLayout(store));
    try {
      index.catchUp();
      assert.equal(index.getRun(runId).status, 'running', 'the next window adopts a live run');

      await waitFor(() => !alive(launcherPid), 20_000);
      index.catchUp();
      const adopted = index.getRun(runId);
      assert.equal(adopted.status, 'finished');
      assert.equal(adopted.exitCode, 0);
      assert.equal(adopted.metrics.loss?.count, STEPS);
    } finally {
      index.close();
    }

    const run = readRun(runDir);
    assert.deepEqual(
      run.metrics.get('loss')?.map(([, value]) => value),
      Array.from({ length: STEPS }, (_, step) => step),
      'every point of the run is recorded, after the host died too',
    );
    const logged = readFileSync(join(runDir, 'stdout.log'), 'utf8');
    assert.equal(logged.split('\n').filter((line) => line.startsWith('loss: ')).length, STEPS);
  });
});
