import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hashBody, splitChainedLine } from '../../../src/runlog/chain';
import { decodeParam } from '../../../src/runlog/numbers';
import { readRecordFile } from '../../../src/runlog/reader';
import { cleanEnv, hasPython, REPO_ROOT, scratchFolder } from '../launch/processes';
import { readRun, runFolders } from '../launch/run-folder';

describe('a run written by the Python SDK', () => {
  it('is read by the Node reader with every chain hash recomputed equal', function () {
    if (!hasPython()) {
      this.skip();
    }

    const folder = scratchFolder();
    const script = [
      'import math, labbook',
      'with labbook.init(name="Überlauf ✓", params={"lr": 0.1, "bad": math.nan, "s": "NaN"}):',
      '    for i in range(1000):',
      '        labbook.log({"loss": 1 / (i + 1), "edge": [math.nan, math.inf, -math.inf, -0.0][i % 4]})',
      '    labbook.log({"late": 1}, step=5000)',
      '    labbook.set_tags({"note": "naïve"})',
    ].join('\n');
    const done = spawnSync('python3', ['-c', script], {
      cwd: folder,
      env: cleanEnv({ PYTHONPATH: join(REPO_ROOT, 'sdk', 'python') }),
      encoding: 'utf8',
    });
    assert.equal(done.status, 0, done.stderr);

    const runDir = runFolders(join(folder, '.labbook'))[0] as string;
    const file = join(runDir, 'events.jsonl');
    let previous = '';
    for (const line of readFileSync(file, 'utf8').split('\n').slice(0, -1)) {
      const split = splitChainedLine(line);
      assert.ok(split, 'every line ends with its hash');
      assert.equal(hashBody(previous, split.body), split.hash);
      previous = split.hash;
    }

    assert.deepEqual(readRecordFile(file).bad, []);
    const summary = readRun(runDir);
    assert.equal(summary.start.name, 'Überlauf ✓');
    assert.ok(Number.isNaN(decodeParam(summary.params.bad as never)));
    assert.equal(summary.params.s, 'NaN');
    assert.equal(summary.metrics.get('loss')?.length, 1000);
    const edge = summary.metrics
      .get('edge')
      ?.slice(0, 4)
      .map(([, value]) => value);
    assert.ok(Number.isNaN(edge?.[0]));
    assert.deepEqual(edge?.slice(1, 3), [Infinity, -Infinity]);
    assert.ok(Object.is(edge?.[3], -0));
    assert.deepEqual(summary.metrics.get('late'), [[5000, 1]]);
    assert.equal(summary.tags.note, 'naïve');
    assert.equal(summary.end?.status, 'finished');
  });
});
