import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { launchRun } from '../../../src/launch/launcher';
import { StoreLayout } from '../../../src/store/layout';
import { cleanEnv, FIXTURES, hasPython, scratchFolder } from '../launch/processes';
import { readRun } from '../launch/run-folder';

/** Runs a Python script as a tracked run and returns the metrics its stdout produced. */
async function metricsOf(python: string, script: string): Promise<Map<string, [number, number][]>> {
  const folder = scratchFolder();
  const run = await launchRun({
    command: [python, join(FIXTURES, script)],
    store: new StoreLayout(join(folder, '.labbook')),
    cwd: folder,
    env: cleanEnv(),
    stdin: 'ignore',
  });
  const outcome = await run.outcome;
  assert.equal(outcome.status, 'finished', readRun(run.runDir).end?.error);
  return readRun(run.runDir).metrics;
}

/** A Python interpreter that can import tqdm, if there is one. */
function pythonWithTqdm(): string | undefined {
  return ['python3', '/usr/bin/python3'].find(
    (python) => spawnSync(python, ['-c', 'import tqdm']).status === 0,
  );
}

describe('stdout scalars from progress-bar output', () => {
  it('takes only the real scalars from tqdm-style bars, colours and headers', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const metrics = await metricsOf('python3', 'tqdm_like.py');

    assert.deepEqual([...metrics.keys()].sort(), ['acc', 'loss']);
    assert.deepEqual(metrics.get('loss'), [
      [0, 1],
      [1, 0.5],
      [2, 0.333],
    ]);
    assert.deepEqual(metrics.get('acc'), [
      [0, 0.6],
      [1, 0.7],
      [2, 0.8],
    ]);
  });

  it('takes only the real scalars from the real tqdm library', async function () {
    const python = pythonWithTqdm();
    if (!python) {
      console.warn('SKIPPED: no Python here can import tqdm (apt-get install python3-tqdm).');
      this.skip();
    }

    const metrics = await metricsOf(python, 'real_tqdm.py');

    assert.deepEqual([...metrics.keys()].sort(), ['acc', 'loss']);
    assert.deepEqual(
      metrics.get('loss')?.map(([, value]) => value),
      [1, 0.5, 0.333],
    );
    assert.deepEqual(
      metrics.get('acc')?.map(([, value]) => value),
      [0.6, 0.7, 0.8],
    );
  });
});
