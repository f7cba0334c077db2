import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describeMachine } from '../../../bench/machine';
import { formatReport } from '../../../bench/report';
import { BENCH_KEYS, type BenchEntry, type BenchKey } from '../../../bench/results';
import { tempFolder } from '../helpers/temp-store';

const BENCH = join(__dirname, '..', '..', '..', 'bench', 'main.js');

// The bench's timings are not checked here (they are not the suite's to pass or fail);
// only that a quick run measures, or explains, every key.
describe('npm run bench -- --quick', function () {
  this.timeout(180_000);

  it('reports every key of the issue as a figure with its unit and goal, or says why not', () => {
    const run = spawnSync(process.execPath, [BENCH, '--quick', '--json', '--data', tempFolder()], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    assert.equal(run.status, 0, run.stderr);

    const results = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of BENCH_KEYS) {
      const entry = results[key] as BenchEntry | undefined;
      assert.ok(entry, `${key} is reported`);
      assert.equal(entry.error, undefined, `${key}: ${entry.error}`);
      assert.ok(entry.unit && entry.goal, `${key} has a unit and a goal`);
      if (entry.skipped === undefined) {
        assert.equal(typeof entry.value, 'number', `${key} has a figure`);
        assert.ok(Number.isFinite(entry.value) && (entry.value as number) > 0, `${key} > 0`);
      } else {
        assert.equal(entry.value, null, `${key} is skipped without a figure`);
        assert.match(entry.skipped, /\w/);
      }
    }

    assert.ok((results.machine as { cores: number }).cores > 0);
    assert.equal(results.scale, 'quick');

    const table = formatReport(
      describeMachine(),
      'quick',
      results as unknown as Record<BenchKey, BenchEntry>,
    );
    for (const key of BENCH_KEYS) {
      assert.match(table, new RegExp(`^${key} `, 'm'), `the table has a row for ${key}`);
    }
  });
});
