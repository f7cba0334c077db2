import { strict as assert } from 'node:assert';
import { readdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../../src/runindex/run-index';
import { RunWriter } from '../../../src/runlog/run-writer';
import type { StoreLayout } from '../../../src/store/layout';
import { mainRecord, otherRecord, RecordLines, startEvent } from '../helpers/record-lines';
import { tempStore } from '../helpers/temp-store';
import { snapshot } from './index-snapshot';

const LATER = (): number => Date.now() + 60_000;

async function openIndex(layout: StoreLayout, clock?: () => number): Promise<RunIndex> {
  return RunIndex.open(layout, clock ? { clock } : {});
}

/** Writes a store step by step, catching up after each step, with runs of every kind. */
async function growStore(layout: StoreLayout, index: RunIndex): Promise<RunIndex> {
  const first = RunWriter.start(layout, {
    writer: 'test',
    name: 'run-a',
    experiment: 'x',
    params: { lr: 0.01 },
  });
  for (let step = 0; step < 5000; step += 1) {
    first.log({ loss: 1 / (step + 1), acc: step === 10 ? NaN : step / 5000 }, step);
  }

  first.flush();
  index.catchUp();

  const sdk = RunWriter.attach(layout, first.id, 'sdk', false);
  sdk.log({ loss: 0.3, extra: -Infinity }, 4999);
  sdk.logParams({ lr: 0.02, note: 'from sdk' });
  sdk.flush();
  index.catchUp();
  index.persist();
  index.close();
  const reopened = await openIndex(layout);
  assert.equal(reopened.origin, 'loaded');

  for (let step = 5000; step < 9000; step += 1) {
    first.log({ loss: 0.5 + Math.sin(step) }, step);
  }

  first.end('finished', { exitCode: 0 });
  sdk.close();
  reopened.catchUp();

  const second = RunWriter.start(layout, {
    writer: 'test',
    name: 'run-b',
    experiment: 'y',
    tags: { stage: 'final' },
  });
  second.log({ loss: 0.2 }, 0);
  second.end('failed', { exitCode: 3 });
  const edit = RunWriter.attach(layout, second.id, 'cli', false);
  edit.rename('run-b2');
  edit.note('looked at it');
  edit.setTags({ stage: null, reviewed: 'yes' });
  edit.close();
  reopened.catchUp();

  const third = RunWriter.start(layout, { writer: 'test', name: 'gone', experiment: 'x' });
  third.end('killed', { exitCode: null, signal: 'SIGTERM' });
  reopened.catchUp();
  renameSync(layout.runDir(third.id), layout.trashedRunDir(third.id));
  reopened.catchUp();
  return reopened;
}

describe('the index catching up with the store', () => {
  it('answers every query after a rebuild exactly as after incremental catch-ups', async () => {
    const layout = tempStore();
    const incremental = await growStore(layout, await openIndex(layout));
    const before = snapshot(incremental);
    incremental.persist();
    incremental.close();

    rmSync(layout.indexPath);
    const rebuilt = await openIndex(layout);
    assert.equal(rebuilt.origin, 'missing');
    rebuilt.catchUp();
    assert.deepStrictEqual(snapshot(rebuilt), before);
    assert.deepStrictEqual(snapshot(rebuilt), (rebuilt.rebuild(), snapshot(rebuilt)));
    rebuilt.close();
  });

  it('stops at a time budget and continues on the next call to the same result', async () => {
    const layout = tempStore();
    for (let run = 0; run < 4; run += 1) {
      const writer = RunWriter.start(layout, { writer: 'test', name: `run-${run}` });
      for (let step = 0; step < 300_000; step += 1) {
        writer.log({ loss: step }, step);
      }

      writer.end('finished');
    }

    const sliced = await openIndex(layout);
    const first = sliced.catchUp({ budgetMs: 1 });
    assert.equal(first.complete, false);
    assert.ok(first.added.length < 4, `${first.added.length} runs in the first slice`);
    while (!sliced.catchUp({ budgetMs: 1 }).complete) {
      assert.ok(sliced.countRuns() <= 4);
    }

    const whole = await openIndex(layout);
    whole.rebuild();
    assert.deepStrictEqual(snapshot(sliced), snapshot(whole));
    sliced.close();
    whole.close();
  });

  it('reads only what is new and reports which runs changed', async () => {
    const layout = tempStore();
    const index = await openIndex(layout);
    const writer = RunWriter.start(layout, { writer: 'test', name: 'live' });
    writer.log({ loss: 1 }, 0);
    writer.flush();

    assert.deepEqual(index.catchUp().added, [writer.id]);
    assert.deepEqual(index.catchUp(), {
      added: [],
      updated: [],
      removed: [],
      badLines: [],
      complete: true,
    });

    writer.log({ loss: 0.5 }, 1);
    writer.flush();
    const changes = index.catchUp();
    assert.deepEqual(changes.updated, [writer.id]);
    assert.deepEqual(Array.from(index.series([writer.id], 'loss')[0]?.values ?? []), [1, 0.5]);
    assert.equal(index.getRun('live').metrics.loss?.count, 2);
    writer.end('finished');
    index.close();
  });

  it('waits for a torn line and reads it once it is whole', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-00000001';
    mainRecord(layout, id).add(startEvent(id));
    const sdk = otherRecord(layout, id, 'sdk');
    sdk.raw('{"seq":0,"time":1800000001,"type":"params","params":{"lr"');
    const index = await openIndex(layout);
    index.catchUp();
    assert.deepEqual(index.getRun(id).params, {});

    sdk.raw(':0.5}}\n');
    index.catchUp();
    assert.deepEqual(index.getRun(id).params, { lr: 0.5 });
    index.close();
  });

  it('keeps bad lines out, reports them with file and line, and keeps them after a reload', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-00000002';
    mainRecord(layout, id)
      .add(startEvent(id))
      .raw('garbage\n')
      .add({ type: 'params', params: { kept: true } });
    const index = await openIndex(layout);
    const { badLines } = index.catchUp();
    const file = join(layout.runDir(id), 'events.jsonl');

    assert.deepEqual(badLines, [{ file, line: 2, reason: 'not valid JSON' }]);
    assert.deepEqual(index.getRun(id).params, { kept: true });
    index.persist();
    index.close();

    const reopened = await openIndex(layout);
    assert.deepEqual(reopened.badLines(), badLines);
    assert.deepEqual(reopened.getRun(id).badLines, badLines);
    reopened.close();
  });

  it('lists a run whose start line is unreadable, named by its id', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-00000003';
    mainRecord(layout, id)
      .raw('{"seq":0,"type":"start"}\n')
      .add({ type: 'params', params: { a: 1 } });
    const index = await openIndex(layout);
    index.catchUp();
    const run = index.getRun(id);
    assert.equal(run.name, id);
    assert.equal(run.startedAt, '2027-01-01T00:00:00.000Z');
    assert.deepEqual(run.params, { a: 1 });
    index.close();
  });

  it('leaves out a run whose owner has not finished its first line', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-00000004';
    mainRecord(layout, id).raw('{"seq":0,');
    const index = await openIndex(layout);
    assert.deepEqual(index.catchUp().added, []);
    assert.equal(index.countRuns(), 0);
    index.close();
  });

  it('moves runs between the list and the trash, and forgets deleted folders', async () => {
    const layout = tempStore();
    const writer = RunWriter.start(layout, { writer: 'test', name: 'doomed' });
    writer.end('finished');
    const index = await openIndex(layout, LATER);
    index.catchUp();

    renameSync(writer.dir, layout.trashedRunDir(writer.id));
    assert.deepEqual(index.catchUp().updated, [writer.id]);
    assert.equal(index.countRuns(), 0);
    assert.equal(index.countRuns({ location: 'trash' }), 1);
    assert.equal(index.getRun('doomed', 'trash').location, 'trash');
    assert.throws(() => index.getRun('doomed'), /No run has the id, id prefix or name "doomed"/);

    rmSync(layout.trashedRunDir(writer.id), { recursive: true });
    assert.deepEqual(index.catchUp().removed, [writer.id]);
    assert.equal(index.countRuns({ location: 'trash' }), 0);
    index.close();
  });

  it('only stats a settled run, and notices an edit by its new record file', async () => {
    const layout = tempStore();
    const writer = RunWriter.start(layout, { writer: 'test', name: 'done' });
    writer.end('finished');
    const index = await openIndex(layout, LATER);
    index.catchUp();
    index.catchUp();

    // A line appended behind the index's back to a settled file is not looked for...
    otherRecord(layout, writer.id, 'late').add({
      type: 'attach',
      run: writer.id,
      writer: 'late',
      format: 1,
    });
    assert.deepEqual(index.catchUp().updated, [writer.id]);
    index.catchUp();
    const late = readdirSync(writer.dir).find((name) => name.startsWith('events-late')) ?? '';
    new RecordLines(join(writer.dir, late), 1).add({ type: 'note', text: 'unseen', user: 'u' });
    assert.deepEqual(index.catchUp().updated, []);
    assert.deepEqual(index.getRun(writer.id).notes, []);

    // ...but an edit, which always creates its own file, is.
    const edit = RunWriter.attach(layout, writer.id, 'cli', false);
    edit.rename('edited');
    edit.close();
    assert.deepEqual(index.catchUp().updated, [writer.id]);
    assert.equal(index.getRun(writer.id).name, 'edited');
    index.close();
  });

  it('saves that a run settled, so that the next start only stats it', async () => {
    const layout = tempStore();
    const writer = RunWriter.start(layout, { writer: 'test', name: 'done' });
    writer.end('finished');
    const index = await openIndex(layout, LATER);
    index.catchUp();
    index.persist();

    // The run settles in a catch-up that changes nothing anyone can see.
    assert.deepEqual(index.catchUp().updated, []);
    assert.equal(index.hasUnsavedChanges, true);
    index.persist();
    index.close();

    const reopened = await openIndex(layout, LATER);
    new RecordLines(join(writer.dir, 'events.jsonl'), 2).add({
      type: 'note',
      text: 'unseen',
      user: 'u',
    });
    assert.deepEqual(reopened.catchUp().updated, []);
    assert.deepEqual(reopened.getRun(writer.id).notes, []);
    assert.equal(reopened.hasUnsavedChanges, false);
    reopened.close();
  });

  it('folds a run again when a record file was replaced by a shorter one', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-00000005';
    const main = mainRecord(layout, id).add(startEvent(id), {
      type: 'params',
      params: { a: 1, b: 2 },
    });
    const index = await openIndex(layout);
    index.catchUp();
    assert.deepEqual(index.getRun(id).params, { a: 1, b: 2 });

    truncateSync(main.path, 0);
    mainRecord(layout, id).add(startEvent(id), { type: 'params', params: { a: 9 } });
    index.catchUp();
    assert.deepEqual(index.getRun(id).params, { a: 9 });
    index.close();
  });

  it('rebuilds by itself from a corrupt file or another schema version', async () => {
    const layout = tempStore();
    RunWriter.start(layout, { writer: 'test', name: 'survivor' }).end('finished');

    writeFileSync(layout.indexPath, 'this is not a database');
    const fromGarbage = await openIndex(layout);
    assert.equal(fromGarbage.origin, 'corrupt');
    fromGarbage.catchUp();
    assert.equal(fromGarbage.getRun('survivor').status, 'finished');
    fromGarbage.persist();
    fromGarbage.close();

    const older = await openIndex(layout);
    assert.equal(older.origin, 'loaded');
    const db = (older as unknown as { db: { run(sql: string): void } }).db;
    db.run("UPDATE meta SET value = '0' WHERE key = 'schema'");
    (older as unknown as { dirty: boolean }).dirty = true;
    older.persist();
    older.close();

    const fromOlder = await openIndex(layout);
    assert.equal(fromOlder.origin, 'other-version');
    fromOlder.catchUp();
    assert.equal(fromOlder.countRuns(), 1);
    fromOlder.close();
  });

  it('persists through a temporary file and leaves none behind', async () => {
    const layout = tempStore();
    RunWriter.start(layout, { writer: 'test', name: 'kept' }).end('finished');
    const index = await openIndex(layout);
    index.catchUp();
    index.persist();
    index.close();
    assert.deepEqual(
      readdirSync(layout.root).filter((name) => name.startsWith('index')),
      ['index.sqlite'],
    );
  });
});
