/**
 * Sizes: a 10 MB param, a million distinct metric keys, a 100 MB line on stdout and in a
 * record, and a progress bar that never ends its line. Each is stored and shown correctly or
 * refused with a sentence, and every program involved stays under a time and memory bound,
 * measured as the peak resident memory of its own process.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { type SizeCase, SIZES } from './corpus';
import { type BoundedRun, handRunId, HostileFolder, itEachCase } from './hostile-helpers';

const MB = 1024 * 1024;

interface RunJson {
  id: string;
  params: Record<string, unknown>;
  metrics: Record<string, { count: number; last: unknown }>;
}

function assertWithin(done: BoundedRun, entry: SizeCase, what: string): void {
  const { peakMb, seconds } = entry.bounds;
  assert.ok(done.seconds < seconds, `${what} took ${done.seconds} s`);
  assert.ok(
    done.peakMb !== undefined && done.peakMb > 0 && done.peakMb < peakMb,
    `${what} peaked at ${done.peakMb} MB`,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function largeParam(store: HostileFolder, entry: SizeCase, sdk: string, megabytes: number) {
  const copies = megabytes * (MB / 10);
  const made =
    sdk === 'node'
      ? await store.node(
          `labbook.init({ name: 'big', params: { big: 'abcdefghij'.repeat(${copies}) } });`,
          {
            measureMemory: true,
          },
        )
      : await store.python(
          `import labbook\nlabbook.init(name="big", params={"big": "abcdefghij" * ${copies}})`,
          { measureMemory: true },
        );
  assert.equal(made.code, 0, made.stderr);
  assertWithin(made, entry, `the ${sdk} program`);

  const shown = await store.ok(['show', 'big', '--json'], { measureMemory: true });
  assertWithin(shown, entry, 'labbook show --json');
  const big = (JSON.parse(shown.stdout) as RunJson).params.big as string;
  assert.equal(big.length, megabytes * MB);
  assert.equal(sha256(big), sha256('abcdefghij'.repeat(copies)));

  const text = await store.ok(['show', 'big'], { measureMemory: true });
  assertWithin(text, entry, 'labbook show');
  const longest = Math.max(...text.stdout.split('\n').map((line) => line.length));
  assert.ok(longest < 300, `show printed a line of ${longest} characters`);
}

const REFUSED = /already has 10000 metric keys, the most one run holds/;

function floodProgram(sdk: 'node' | 'python', keys: number): string {
  if (sdk === 'node') {
    return [
      `const run = labbook.init({ name: 'flood' });`,
      `const row = {}; for (let i = 0; i < ${keys}; i++) row['k' + i] = i;`,
      `try { run.log(row, 0); } catch (error) { console.log(error.message); }`,
      `const fits = {}; for (let i = 0; i < 10000; i++) fits['k' + i] = i;`,
      `run.log(fits, 1);`,
      `try { run.log({ extra: 1 }, 2); } catch (error) { console.log(error.message); }`,
    ].join('\n');
  }

  return [
    'import labbook',
    'labbook.init(name="flood")',
    `row = {"k%d" % i: i for i in range(${keys})}`,
    'for values, step in ((row, 0), ({"k%d" % i: i for i in range(10000)}, 1), ({"extra": 1}, 2)):',
    '    try:',
    '        labbook.log(values, step=step)',
    '    except ValueError as error:',
    '        print(error)',
  ].join('\n');
}

/** A record line of `keys` metric keys, written as text: too big to build as an object. */
function floodRecord(store: HostileFolder, keys: number): void {
  const id = handRunId(1);
  store.handWritten(id, { name: 'flood' });
  const columns = Array.from({ length: keys }, (_, at) => `"k${at}":[0.5]`).join(',');
  const path = join(store.layout.runDir(id), 'events.jsonl');
  appendFileSync(
    path,
    `{"seq":1,"time":1800000000,"type":"metrics","steps":[0],"times":[1800000000],` +
      `"values":{${columns}}}\n` +
      `{"seq":2,"time":1800000001,"type":"metrics","steps":[1],"times":[1800000001],` +
      `"values":{"k5":[1],"zz":[2]}}\n`,
  );
}

async function metricKeys(store: HostileFolder, entry: SizeCase, sdk: string, keys: number) {
  if (sdk === 'record') {
    floodRecord(store, keys);
  } else {
    const program = floodProgram(sdk as 'node' | 'python', keys);
    const made =
      sdk === 'node'
        ? await store.node(program, { measureMemory: true, timeoutMs: 60_000 })
        : await store.python(program, { measureMemory: true, timeoutMs: 60_000 });
    assert.equal(made.code, 0, made.stderr);
    assertWithin(made, entry, `the ${sdk} program`);
    const refusals = made.stdout.split('\n').filter((line) => REFUSED.test(line));
    assert.equal(refusals.length, 2, made.stdout.slice(0, 500));
  }

  const listed = await store.ok(['ls', '--json'], { measureMemory: true, timeoutMs: 60_000 });
  assertWithin(listed, entry, 'labbook ls');
  const [run] = JSON.parse(listed.stdout) as RunJson[];
  const metricKeys = Object.keys(run?.metrics ?? {});
  assert.equal(metricKeys.length, 10_000);
  assert.ok(!metricKeys.includes('extra') && !metricKeys.includes('zz'));
  if (sdk === 'record') {
    assert.equal(run?.metrics.k5?.count, 2);
    assert.match(listed.stderr, /line 2 of \S+: 990000 metric keys left out/);
    assert.match(listed.stderr, /line 3 of \S+: 1 metric keys left out/);
  }
}

async function stdoutLine(
  store: HostileFolder,
  entry: SizeCase,
  megabytes: number,
  ended: boolean,
) {
  // Without an end, the "line" is a progress bar redrawn with \r that never prints a newline.
  const body = ended
    ? `chunk = "x" * ${MB}\nfor _ in range(${megabytes}): out.write(chunk)`
    : `for i in range(${(megabytes * MB) / 16}): out.write(b"\\r%15d" % i)`;
  const source = [
    'import sys',
    'out = sys.stdout.buffer',
    'out.write(b"loss: 1\\n")',
    body.replaceAll('"x"', 'b"x"'),
    'out.write(b"\\nloss: 2\\n")',
  ].join('\n');
  const done = await store.labbook(['run', '--name', 'line', '--', 'python3', '-c', source], {
    measureMemory: true,
    discardStdout: true,
    timeoutMs: 60_000,
  });
  assert.equal(done.code, 0, done.stderr);
  assertWithin(done, entry, 'labbook run');

  const detail = await store.showJson('line');
  const logSize = statSync(join(detail.dir as string, 'stdout.log')).size;
  assert.equal(logSize, 'loss: 1\n'.length + megabytes * MB + '\nloss: 2\n'.length);
  const points = JSON.parse((await store.ok(['metrics', 'line', 'loss', '--json'])).stdout) as {
    points: { value: number }[];
  };
  assert.deepEqual(
    points.points.map((point) => point.value),
    [1, 2],
  );
}

async function recordLine(store: HostileFolder, entry: SizeCase, megabytes: number) {
  const id = handRunId(2);
  const record = store.handWritten(id, { name: 'long line' });
  record.add({ type: 'metrics', steps: [0], times: [1], values: { loss: [1] } });
  const fd = openSync(record.path, 'a');
  try {
    writeSync(fd, '{"seq":2,"time":1,"type":"note","text":"');
    const block = Buffer.alloc(MB, 'x');
    for (let written = 0; written < megabytes; written += 1) {
      writeSync(fd, block);
    }

    writeSync(fd, '"}\n');
  } finally {
    closeSync(fd);
  }

  const tail = JSON.stringify({
    seq: 3,
    time: 2,
    type: 'metrics',
    steps: [1],
    times: [2],
    values: { loss: [2] },
  });
  appendFileSync(record.path, `${tail}\n`);
  const listed = await store.ok(['ls', '--json'], { measureMemory: true });
  assertWithin(listed, entry, 'labbook ls');
  assert.match(listed.stderr, /skipped line 3 of \S+: line longer than 67108864 bytes/);
  const [run] = JSON.parse(listed.stdout) as RunJson[];
  assert.equal(run?.metrics.loss?.count, 2);
}

describe('hostile input: sizes', function () {
  this.timeout(120_000);

  itEachCase(SIZES, async (entry, store) => {
    const { input } = entry;
    switch (input.kind) {
      case 'large param':
        return await largeParam(store, entry, input.sdk, input.megabytes);
      case 'metric keys':
        return await metricKeys(store, entry, input.sdk, input.keys);
      case 'stdout line':
        return await stdoutLine(store, entry, input.megabytes, true);
      case 'unfinished progress bar':
        return await stdoutLine(store, entry, input.megabytes, false);
      case 'record line':
        return await recordLine(store, entry, input.megabytes);
    }
  });
});
