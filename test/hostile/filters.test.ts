/**
 * The filter language against a real sql.js index of real runs: quotes, semicolons,
 * comments, UNION, injections in keys, values, patterns and sort keys, and very long or
 * deeply nested filters. Each gets a clean error or exactly the right runs, within a time
 * bound, and the runs are all still there afterwards.
 */
import { strict as assert } from 'node:assert';

import type { RunIndex } from '../../src/runindex/run-index';
import { FILTER_RUN_NAMES, FILTERS } from './corpus';
import { HostileFolder } from './hostile-helpers';

/** No filter may take longer than this, whatever it holds. */
const BOUND_MS = 3000;

const LONG_PARAM = 10 * 1024 * 1024;

/** The four runs, written by the Node SDK. */
async function filterRuns(store: HostileFolder): Promise<void> {
  const names = JSON.stringify(FILTER_RUN_NAMES);
  const made = await store.node(
    [
      `const [plain, long, ...hostile] = ${names};`,
      `let run = labbook.init({ name: plain }); run.log({ loss: 0.3 }); run.finish();`,
      `run = labbook.init({ name: long, params: { long: 'a'.repeat(${LONG_PARAM}) } });`,
      `run.log({ loss: 0.5 }); run.finish();`,
      `for (const name of hostile) { labbook.init({ name }).finish(); }`,
    ].join('\n'),
  );
  assert.equal(made.code, 0, made.stderr);
}

describe('hostile input: the filter language', function () {
  this.timeout(60_000);
  const store = new HostileFolder();
  let index: RunIndex;

  before(async () => {
    await filterRuns(store);
    index = await store.index();
  });

  after(() => {
    index.close();
    store.remove();
  });

  for (const entry of FILTERS) {
    it(`${entry.name}: ${entry.expected}`, async () => {
      const { filter, sort, viaCli, outcome } = entry.input;
      const started = Date.now();
      let names: string[] | undefined;
      let message: string | undefined;
      if (viaCli) {
        const done = await store.labbook(['ls', '--filter', filter]);
        assert.equal(done.code, 2, done.stderr);
        assert.equal(done.stderr.trimEnd().split('\n').length, 1, done.stderr);
        assert.doesNotMatch(done.stderr, /\n\s+at /, 'a stack trace');
        message = done.stderr;
      } else {
        try {
          names = index.listRuns({ filter, ...(sort ? { sort } : {}) }).map((run) => run.name);
        } catch (error) {
          assert.equal((error as Error).name, 'QueryError', String(error));
          message = (error as Error).message;
        }
      }

      const took = Date.now() - started;
      assert.ok(took < BOUND_MS, `the filter took ${took} ms`);
      if ('error' in outcome) {
        assert.equal(names, undefined, `the filter was accepted and gave ${JSON.stringify(names)}`);
        assert.match(message ?? '', outcome.error);
        assert.ok((message ?? '').length < 300, `the error is not one short sentence: ${message}`);
      } else {
        assert.equal(message, undefined, message);
        assert.deepEqual(names?.sort(), [...outcome.names].sort());
      }

      assert.deepEqual(
        index
          .listRuns()
          .map((run) => run.name)
          .sort(),
        [...FILTER_RUN_NAMES].sort(),
        'a run is gone after the filter',
      );
    });
  }
});
