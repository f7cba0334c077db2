/**
 * Fault 4: a torn last line, as a writer killed mid-write leaves it, and garbage lines in the
 * middle of a record. The torn line is left unread until it is complete; a garbage line is
 * reported with its file and line number and skipped; every other point is kept.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { RunWriter } from '../../src/runlog/run-writer';
import { StoreLayout } from '../../src/store/layout';
import { REPO_ROOT, runCli, cleanEnv, scratchFolder } from '../unit/launch/processes';
import { pointsOnDisk, writeScript } from './fault-helpers';

const POINTS = 500;

/** A writer process that logs points in batches, then dies without an end. */
const CRASHING_WRITER = `
const { RunWriter } = require(process.argv[2]);
const { StoreLayout } = require(process.argv[3]);
const writer = RunWriter.start(new StoreLayout(process.argv[4]), { writer: 'test' });
for (let step = 0; step < ${POINTS}; step += 1) {
  writer.log({ loss: 1 / (step + 1) }, step);
  if (step % 50 === 49) writer.flush();
}
process.stdout.write(writer.dir);
process.kill(process.pid, 'SIGKILL');
`;

function crashedRun(folder: string, store: string): string {
  const out = join(REPO_ROOT, 'out', 'src');
  const result = spawnSync(
    process.execPath,
    [
      writeScript(folder, 'crashing-writer.js', CRASHING_WRITER),
      join(out, 'runlog', 'run-writer.js'),
      join(out, 'store', 'layout.js'),
      store,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(result.signal, 'SIGKILL');
  return result.stdout;
}

function expectedLoss(): Map<number, number> {
  return new Map(Array.from({ length: POINTS }, (_, step) => [step, 1 / (step + 1)]));
}

describe('fault 4: a torn last line and garbage lines in a record', function () {
  this.timeout(60_000);

  it('leaves a torn last line unread, keeps every point before it, and reads it once complete', async () => {
    const folder = scratchFolder();
    const store = join(folder, '.labbook');
    const runDir = crashedRun(folder, store);
    const record = join(runDir, 'events.jsonl');
    const torn = JSON.stringify({ seq: 999, time: 1, type: 'metrics', steps: [POINTS] });
    appendFileSync(record, torn.slice(0, 30));
    assert.deepEqual(pointsOnDisk(runDir, 'loss'), expectedLoss());

    const index = await RunIndex.open(new StoreLayout(store));
    try {
      const first = index.catchUp();
      assert.deepEqual(first.badLines, [], 'a torn last line is not a bad line');
      const [run] = index.listRuns();
      assert.equal(run?.status, 'crashed');
      assert.equal(run?.metrics.loss?.count, POINTS);

      const lines = readFileSync(record, 'utf8').split('\n');
      const lastSeq = (JSON.parse(lines[lines.length - 2] as string) as { seq: number }).seq;
      const completed = JSON.stringify({
        seq: lastSeq + 1,
        time: 1_800_000_000,
        type: 'metrics',
        steps: [POINTS],
        times: [1_800_000_000],
        values: { loss: [0] },
      });
      writeFileSync(record, `${lines.slice(0, -1).join('\n')}\n${completed}\n`);
      const second = index.catchUp();
      assert.deepEqual(second.badLines, []);
      assert.equal(index.listRuns()[0]?.metrics.loss?.count, POINTS + 1);
    } finally {
      index.close();
    }
  });

  it('skips garbage lines in the middle with their line numbers, and keeps every other point', async () => {
    const folder = scratchFolder();
    const store = join(folder, '.labbook');
    const writer = RunWriter.start(new StoreLayout(store), { writer: 'test', name: 'garbled' });
    for (let step = 0; step < POINTS; step += 1) {
      writer.log({ loss: 1 / (step + 1) }, step);
      if (step % 100 === 99) {
        writer.flush();
      }
    }

    writer.end('finished', { exitCode: 0 });
    const record = join(writer.dir, 'events.jsonl');
    const lines = readFileSync(record, 'utf8').split('\n');
    const garbage = [
      '{"seq": 3, "time": 1, "type": "metr',
      '\u0000\u0001binary\u00ff junk',
      'x'.repeat(1_000_000),
    ];
    // After the start line and the first metrics batch: lines 3, 4 and 5 of the new file.
    writeFileSync(record, [...lines.slice(0, 2), ...garbage, ...lines.slice(2)].join('\n'));

    const listed = await runCli(['ls', '--json'], folder, cleanEnv({ LABBOOK_STORE: store }));
    assert.equal(listed.code, 0, listed.stderr);
    const [run] = JSON.parse(listed.stdout) as {
      status: string;
      metrics: { loss: { count: number; last: number } };
    }[];
    assert.equal(run?.status, 'finished');
    assert.equal(run?.metrics.loss.count, POINTS);
    assert.equal(run?.metrics.loss.last, 1 / POINTS);
    for (const line of [3, 4, 5]) {
      assert.match(
        listed.stderr,
        new RegExp(`skipped line ${line} of \\S+events\\.jsonl: not valid JSON`),
      );
    }

    assert.deepEqual(pointsOnDisk(writer.dir, 'loss'), expectedLoss());
  });
});
