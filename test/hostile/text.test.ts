/**
 * Text: ANSI escapes, carriage-return progress bars, control characters, NUL bytes and
 * invalid UTF-8 on a tracked command's stdout; custom stdout patterns that capture keys no
 * record may hold; and control characters and lone surrogates in names, params and tags.
 * The log keeps every byte, only real scalars become metrics, and values round-trip.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { OUTPUT_TEXT, PATTERN_KEYS, VALUE_TEXT } from './corpus';
import { HostileFolder, itEachCase, rawControlCharacters } from './hostile-helpers';

interface RunJson {
  id: string;
  name: string;
  dir: string;
  params: Record<string, unknown>;
  tags: Record<string, string>;
  metrics: Record<string, unknown>;
}

/** The values of each metric of run `name`, by key, in step order. */
async function recordedMetrics(
  store: HostileFolder,
  name: string,
): Promise<Record<string, number[]>> {
  const run = await store.showJson(name);
  const recorded: Record<string, number[]> = {};
  for (const key of Object.keys(run.metrics as object)) {
    const series = JSON.parse((await store.ok(['metrics', name, key, '--json'])).stdout) as {
      points: { value: number }[];
    };
    recorded[key] = series.points.map((point) => point.value);
  }

  return recorded;
}

describe('hostile input: text', function () {
  this.timeout(60_000);

  itEachCase(OUTPUT_TEXT, async (entry, store) => {
    const printed = join(store.folder, 'printed.bin');
    const source = [
      'import sys',
      `data = b"${entry.input.stdout}"`,
      `open(${JSON.stringify(printed)}, "wb").write(data)`,
      'sys.stdout.buffer.write(data)',
    ].join('\n');
    const done = await store.labbook(['run', '--name', 't', '--', 'python3', '-c', source]);
    assert.equal(done.code, 0, done.stderr);

    const run = (await store.showJson('t')) as unknown as RunJson;
    const log = readFileSync(join(run.dir, 'stdout.log'));
    assert.ok(log.equals(readFileSync(printed)), 'stdout.log differs from what was printed');
    assert.deepEqual(await recordedMetrics(store, 't'), entry.input.metrics);
  });

  itEachCase(
    PATTERN_KEYS,
    async (entry, store) => {
      const { pattern, prints, outcome } = entry.input;
      mkdirSync(store.layout.root, { recursive: true });
      writeFileSync(
        store.layout.configPath,
        JSON.stringify({ stdoutScalars: { patterns: [pattern] } }),
      );
      const done = await store.labbook(['run', '--name', 't', '--', 'python3', '-c', prints]);
      if ('refused' in outcome) {
        assert.notEqual(done.code, 0);
        assert.match(done.stderr, outcome.refused);
        assert.equal(done.stderr.trimEnd().split('\n').length, 1, done.stderr);
        return;
      }

      assert.equal(done.code, 0, done.stderr);
      assert.doesNotMatch(done.stderr, /skipped line/);
      assert.deepEqual(await recordedMetrics(store, 't'), outcome.metrics);
    },
    { prefix: 'a custom stdout pattern with ' },
  );

  itEachCase(VALUE_TEXT, async (entry, store) => {
    const { value, shownAs = value } = entry.input;
    const text = JSON.stringify(value);
    const made = await store.node(
      `labbook.init({ name: ${text}, params: { p: ${text} }, tags: { t: ${text} } });`,
    );
    assert.equal(made.code, 0, made.stderr);

    const [run] = JSON.parse((await store.ok(['ls', '--json'])).stdout) as RunJson[];
    assert.equal(run?.name, shownAs);
    assert.equal(run?.params.p, value);
    assert.equal(run?.tags.t, shownAs);

    const shown = await store.ok(['show', run?.id as string]);
    assert.deepEqual(rawControlCharacters(shown.stdout), []);
    for (const control of value.match(/[\u0000-\u001f]/g) ?? []) {
      const picture = String.fromCharCode(0x2400 + control.charCodeAt(0));
      assert.ok(shown.stdout.includes(picture), `show does not print ${picture}`);
    }

    if (!shownAs.includes('\u0000')) {
      // A process argument cannot hold a NUL; every other name is looked up as given.
      const byName = await store.ok(['show', shownAs]);
      assert.ok(byName.stdout.includes(run?.id as string), 'not found by its name');
    }
  });
});
