/**
 * Records no well-behaved writer writes: malformed JSON, wrong types, missing fields, nesting
 * deep enough to break a recursive serialiser, future format versions, sequence numbers that
 * repeat or go back, runs sharing a name and keys named after Object.prototype. Each bad line
 * is reported with its file and line and skipped; everything else is read, and the store
 * stays readable.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runTooltipMarkdown } from '../../src/extension/explorer/run-tooltip';
import { BAD_LINES, NAMES_AND_KEYS, SEQUENCES, START_FIELDS } from './corpus';
import { handRunId, HostileFolder, itEachCase } from './hostile-helpers';
import { renderMarkdown } from './rendered-markup';

interface RunJson {
  id: string;
  name: string;
  status: string;
  params: Record<string, unknown>;
  metrics: Record<string, { count: number }>;
}

const STATUSES = ['running', 'finished', 'failed', 'killed', 'crashed'];

function metricsEvent(step: number): Record<string, unknown> {
  return {
    type: 'metrics',
    steps: [step],
    times: [1_800_000_000 + step],
    values: { loss: [step] },
  };
}

async function listed(store: HostileFolder): Promise<{ runs: RunJson[]; stderr: string }> {
  const done = await store.ok(['ls', '--json']);
  return { runs: JSON.parse(done.stdout) as RunJson[], stderr: done.stderr };
}

describe('hostile input: records', function () {
  this.timeout(60_000);

  itEachCase(BAD_LINES, async (entry, store) => {
    const id = handRunId(1);
    const record = store.handWritten(id, { name: 'r' }).add(metricsEvent(0));
    const { line, reason } = entry.input;
    if (typeof line === 'string') {
      record.raw(`${line}\n`);
    } else {
      record.add(line);
    }

    record.add(metricsEvent(1));
    const { runs, stderr } = await listed(store);
    assert.match(stderr, new RegExp(`skipped line 3 of \\S+${id}/events\\.jsonl: `));
    assert.match(stderr, reason);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    const [run] = runs;
    assert.equal(run?.name, 'r');
    assert.equal(run?.metrics.loss?.count, 2, 'the good lines around it were not all read');
    assert.ok(STATUSES.includes(run?.status ?? ''), `the status is ${run?.status}`);

    const index = await store.index();
    try {
      const tooltip = renderMarkdown(runTooltipMarkdown(index.getRun(id))).text;
      assert.doesNotMatch(tooltip, /command:|<img/);
    } finally {
      index.close();
    }
  });

  itEachCase(
    START_FIELDS,
    async (entry, store) => {
      const id = handRunId(1);
      const { fields, reason } = entry.input;
      if (typeof fields === 'string') {
        mkdirSync(store.layout.runDir(id), { recursive: true });
        writeFileSync(
          join(store.layout.runDir(id), 'events.jsonl'),
          `${fields.replaceAll('{id}', id)}\n`,
        );
      } else {
        store.handWritten(id, fields);
      }

      store.handWritten(handRunId(2), { name: 'beside' });
      const { runs, stderr } = await listed(store);
      assert.match(stderr, new RegExp(`skipped line 1 of \\S+${id}/events\\.jsonl: `));
      assert.match(stderr, reason);
      assert.deepEqual(runs.map((run) => run.name).sort(), ['beside', id].sort());
      const shown = await store.ok(['show', id]);
      assert.match(shown.stdout, new RegExp(`^Run\\s+${id}`));
    },
    { prefix: 'a start event with ' },
  );

  itEachCase(SEQUENCES, async (entry, store) => {
    const id = handRunId(1);
    const record = store.handWritten(id, { name: 'r' });
    entry.input.seqs.forEach((seq, step) => {
      const event = { seq, time: 1_800_000_000 + step, ...metricsEvent(step) };
      record.raw(`${JSON.stringify(event)}\n`);
    });

    const { runs, stderr } = await listed(store);
    assert.match(stderr, /skipped line 4 of \S+: sequence number \d+ repeats or goes back/);
    assert.equal(runs[0]?.metrics.loss?.count, entry.input.kept);
  });

  itEachCase(NAMES_AND_KEYS, async (entry, store) => {
    if (entry.input.kind === 'same name') {
      const made = await store.node(
        `const ids = [0, 1].map(() => { const run = labbook.init({ name: 'dup' }); ` +
          `run.finish(); return run.id; });\nprocess.stdout.write(ids.join(' '));`,
      );
      const [first, second] = made.stdout.split(' ') as [string, string];
      for (const args of [
        ['show', 'dup'],
        ['diff', 'dup', first],
        ['tag', 'dup', 'k=v'],
      ]) {
        const refused = await store.labbook(args);
        assert.equal(refused.code, 1, `labbook ${args.join(' ')}`);
        assert.match(refused.stderr, /"dup" matches 2 runs .*give more of the id/);
        assert.ok(refused.stderr.includes(first) && refused.stderr.includes(second));
      }

      const { runs } = await listed(store);
      assert.ok(runs.every((run) => Object.keys(run).length > 0 && run.name === 'dup'));
      assert.ok((await store.ok(['show', second])).stdout.includes(second));
      assert.ok(!JSON.stringify(runs).includes('"k"'), 'a refused tag was written');
      return;
    }

    const made = await store.node(
      `const keys = { ['__proto__']: 1, constructor: 2, toString: 3 };\n` +
        `labbook.init({ name: 'proto', params: keys }).log(keys);`,
    );
    assert.equal(made.code, 0, made.stderr);
    const [run] = (await listed(store)).runs;
    assert.deepEqual(Object.keys(run?.params ?? {}).sort(), [
      '__proto__',
      'constructor',
      'toString',
    ]);
    assert.deepEqual(Object.keys(run?.metrics ?? {}).sort(), [
      '__proto__',
      'constructor',
      'toString',
    ]);

    const index = await store.index();
    try {
      const record = index.listRuns()[0];
      assert.ok(record && Object.hasOwn(record.params, '__proto__'));
      assert.equal(record.params.__proto__, 1);
      assert.equal(Object.getPrototypeOf(record.params), Object.prototype);
      assert.equal(({} as Record<string, unknown>).constructor, Object);
    } finally {
      index.close();
    }
  });
});
