/**
 * Fault 8: the disk fills up. On a tmpfs of 2 MB made by the test, a write that fails part-way
 * leaves no torn line behind, `labbook run` says in one line that the disk is full and lets the
 * command go on, and everything recorded before the failure stays readable and unbroken.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { readRecordFile } from '../../src/runlog/reader';
import { RecordWriteError } from '../../src/runlog/record-file';
import { RunWriter } from '../../src/runlog/run-writer';
import { StoreLayout } from '../../src/store/layout';
import {
  CLI,
  cleanEnv,
  completion,
  type Finished,
  hasPython,
  REPO_ROOT,
  scratchFolder,
} from '../unit/launch/processes';
import { readRun, verifyChain } from '../unit/launch/run-folder';
import {
  assertEveryPointKept,
  type Points,
  pointsOnDisk,
  waitForText,
  writeScript,
} from './fault-helpers';
import { mountSmallDisk, type SmallDisk } from './small-disk';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** Logs through the SDK and prints scalars and padding, so that stdout.log fills the disk. */
const FILLING_SCRIPT = `
import time, labbook
run = labbook.init()
pad = "x" * 2000
for step in range(300):
    run.log({"loss": 1.0 / (step + 1)}, step=step)
    print("acc: %d" % step, flush=True)
    print(pad, flush=True)
    time.sleep(0.01)
`;

describe('fault 8: the disk is full', function () {
  this.timeout(60_000);
  let disk: SmallDisk | undefined;
  let scratch: string;

  beforeEach(function () {
    scratch = scratchFolder();
    disk = mountSmallDisk(join(scratch, 'disk'), '2m');
    if (!disk) {
      console.warn(
        'NOTICE: mounting a tmpfs is not allowed here, so the full-disk tests that need a real ' +
          'file system are skipped; the record test below uses a simulated ENOSPC instead.',
      );
    }
  });

  afterEach(() => {
    disk?.unmount();
    disk = undefined;
  });

  it('cuts a batch that fails part-way back to the last whole line, and goes on later', () => {
    if (!disk) {
      simulatedFullDisk();
      return;
    }

    const layout = new StoreLayout(join(disk.root, '.labbook'));
    const writer = RunWriter.start(layout, { writer: 'test', unrefTimers: true });
    writer.log({ loss: 0.5 }, 0);
    writer.flush();
    const record = join(writer.dir, 'events.jsonl');
    const sizeBefore = statSync(record).size;

    disk.fill(8 * 1024);
    for (let step = 1; step <= 3000; step += 1) {
      writer.log({ loss: 1 / step, accuracy: step / 3000, 'a-long-metric-name': step }, step);
    }

    assert.throws(
      () => writer.flush(),
      (error: unknown) =>
        error instanceof RecordWriteError && /the disk is full/.test(error.message),
    );
    assert.equal(statSync(record).size, sizeBefore, 'a torn batch was left in the record');

    disk.free();
    writer.end('finished');
    const run = readRun(writer.dir);
    assert.equal(run.metrics.get('loss')?.length, 3001, 'the failed batch is written later');
    assert.equal(run.end?.status, 'finished');
  });

  it('keeps the Python SDK from leaving a torn line when its write fails', function () {
    if (!disk || !hasPython()) {
      this.skip();
    }

    const path = join(disk.root, 'events-python.jsonl');
    disk.fill(8 * 1024);
    const script = `
import json, os, sys
from labbook.record import RecordFile
record = RecordFile(sys.argv[1])
record.append({"type": "attach", "format": 1, "run": "r", "writer": "python-sdk"})
before = os.path.getsize(sys.argv[1])
try:
    record.append({"type": "note", "text": "x" * 200000, "user": "me"})
    failed = None
except OSError as error:
    failed = error.strerror
after = os.path.getsize(sys.argv[1])
os.remove(sys.argv[2])
record.append({"type": "note", "text": "after the disk had room again", "user": "me"})
record.close()
print(json.dumps({"failed": failed, "before": before, "after": after}))
`;
    const result = spawnSync('python3', ['-c', script, path, join(disk.root, 'filler')], {
      env: { ...process.env, PYTHONPATH: join(REPO_ROOT, 'sdk', 'python') },
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const outcome = JSON.parse(result.stdout) as { failed: string; before: number; after: number };
    assert.match(outcome.failed, /No space left/);
    assert.equal(outcome.after, outcome.before, 'a torn line was left in the record');
    verifyChain(path);
    const read = readRecordFile(path);
    assert.deepEqual(read.bad, []);
    assert.deepEqual(
      read.events.map((event) => event.seq),
      [0, 1],
    );
  });

  it('lets the command go on, says why in one line, and records the rest once there is room', async function () {
    if (!disk || !hasPython()) {
      this.skip();
    }

    const { runDir, finished, before } = await fillTheDisk(disk, scratch);
    disk.free();

    const result = await finished;
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /labbook: could not write to \S+ \(the disk is full\)[^\n]*The command goes on/,
    );
    assert.doesNotMatch(result.stderr, STACK_TRACE);

    const run = readRun(runDir);
    assert.equal(run.end?.status, 'finished');
    assertEveryPointKept(before, pointsOnDisk(runDir, 'loss'), 'SDK');
    assert.deepEqual(
      run.metrics.get('acc')?.map(([step]) => step),
      Array.from({ length: 300 }, (_, step) => step),
      'every stdout scalar reaches the record once there is room',
    );
  });

  it('leaves a readable record that reads as crashed when the disk stays full to the end', async function () {
    if (!disk || !hasPython()) {
      this.skip();
    }

    const { store, runId, runDir, finished, before } = await fillTheDisk(disk, scratch);

    const result = await finished;
    assert.equal(result.code, 0, 'labbook run exits as the command did');
    assert.match(result.stderr, /labbook: could not write to \S+ \(the disk is full\)/);
    assert.doesNotMatch(result.stderr, STACK_TRACE);

    for (const name of readdirSync(runDir).filter((file) => file.startsWith('events'))) {
      verifyChain(join(runDir, name));
      const read = readRecordFile(join(runDir, name));
      assert.deepEqual(read.bad, [], `${name} has bad lines`);
      assert.equal(read.pendingBytes, 0, `${name} ends in a torn line`);
    }

    assertEveryPointKept(before, pointsOnDisk(runDir, 'loss'), 'SDK');
    disk.free();
    const index = await RunIndex.open(new StoreLayout(store));
    try {
      const caughtUp = index.catchUp();
      assert.deepEqual(caughtUp.badLines, []);
      const [listed] = index.listRuns();
      assert.equal(listed?.id, runId);
      assert.ok(
        listed?.status === 'crashed' || listed?.status === 'finished',
        `the run reads as ${listed?.status}`,
      );
    } finally {
      index.close();
    }
  });
});

/** Starts the filling script under `labbook run` and waits until the disk is full. */
async function fillTheDisk(
  disk: SmallDisk,
  scratch: string,
): Promise<{
  store: string;
  runId: string;
  runDir: string;
  finished: Promise<Finished>;
  before: Points;
}> {
  const store = join(disk.root, '.labbook');
  const script = writeScript(scratch, 'fill.py', FILLING_SCRIPT);
  disk.fill(300 * 1024);
  const child = spawn(process.execPath, [CLI, 'run', '--', 'python3', script], {
    cwd: scratch,
    env: cleanEnv({ LABBOOK_STORE: store }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const finished = completion(child);
  const started = await waitForText(child.stderr, /labbook: run (\S+) started/);
  const runId = started[1] as string;
  const runDir = join(store, 'runs', runId);
  await waitForText(child.stderr, /the disk is full/);
  return { store, runId, runDir, finished, before: pointsOnDisk(runDir, 'loss') };
}

/**
 * Where no tmpfs can be mounted: the same check against a write call that fails with ENOSPC
 * after half of a large batch, as a full disk does.
 */
function simulatedFullDisk(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const layout = new StoreLayout(join(scratchFolder(), '.labbook'));
  const writer = RunWriter.start(layout, { writer: 'test', unrefTimers: true });
  const record = join(writer.dir, 'events.jsonl');
  const sizeBefore = statSync(record).size;
  const realWrite = fs.writeSync;
  let armed = true;
  const failingWrite = (...args: unknown[]): number => {
    const [fd, buffer, offset, length, position] = args as [number, Buffer, number, number, number];
    if (armed && length > 4096) {
      armed = false;
      realWrite(fd, buffer, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }

    return realWrite(fd, buffer, offset, length, position);
  };
  (fs as { writeSync: unknown }).writeSync = failingWrite;
  try {
    for (let step = 0; step < 2000; step += 1) {
      writer.log({ loss: 1 / (step + 1) }, step);
    }

    assert.throws(() => writer.flush(), RecordWriteError);
    assert.equal(statSync(record).size, sizeBefore, 'a torn batch was left in the record');
  } finally {
    (fs as { writeSync: unknown }).writeSync = realWrite;
  }

  writer.end('finished');
  assert.equal(readRun(writer.dir).metrics.get('loss')?.length, 2000);
}
