import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../../src/runindex/run-index';
import { type ParamInput, RunWriter } from '../../../src/runlog/run-writer';
import type { StoreLayout } from '../../../src/store/layout';
import { mainRecord, startEvent } from '../helpers/record-lines';
import { tempStore } from '../helpers/temp-store';

/** Three finished runs with params, tags and metrics that filters can tell apart. */
async function threeRuns(): Promise<{ layout: StoreLayout; index: RunIndex }> {
  const layout = tempStore();
  const runs: {
    name: string;
    experiment: string;
    params: ParamInput;
    tags: Record<string, string>;
    loss: number[];
  }[] = [
    {
      name: 'baseline',
      experiment: 'mnist',
      params: { lr: 0.1, opt: 'sgd' },
      tags: { stage: 'dev' },
      loss: [0.9, 0.6],
    },
    {
      name: 'Base-wide',
      experiment: 'mnist',
      params: { lr: '0.01', opt: 'adam' },
      tags: { stage: 'final' },
      loss: [0.5, 0.1],
    },
    {
      name: 'diverged',
      experiment: 'cifar',
      params: { lr: 1, seed: NaN },
      tags: {},
      loss: [0.8, NaN],
    },
  ];

  for (const [index, run] of runs.entries()) {
    const { loss, ...options } = run;
    const writer = RunWriter.start(layout, { writer: 'test', ...options });
    loss.forEach((value, step) => writer.log({ loss: value, [`only${index}`]: step }, step));
    writer.end(index === 2 ? 'failed' : 'finished', { exitCode: index === 2 ? 1 : 0 });
  }

  const index = await RunIndex.open(layout);
  index.catchUp();
  return { layout, index };
}

function names(index: RunIndex, filter: string, sort?: string, descending?: boolean): string[] {
  return index
    .listRuns({ filter, sort: sort ?? 'name', ...(descending === undefined ? {} : { descending }) })
    .map((run) => run.name);
}

describe('filtering and sorting runs in the index', () => {
  it('answers filters on metrics, params, tags and attributes', async () => {
    const { index } = await threeRuns();
    const cases: [string, string[]][] = [
      ['metrics.loss < 0.5', ['Base-wide']],
      ['metrics.loss >= 0.5', ['baseline']],
      ['metrics.loss != 0.1', ['baseline']],
      ['params.lr = "0.01"', ['Base-wide']],
      ['params.lr = "0.1"', ['baseline']],
      ['params.lr < 0.5', ['Base-wide', 'baseline']],
      ['params.lr IN (1, 0.1)', ['baseline', 'diverged']],
      ['params.opt NOT IN ("sgd")', ['Base-wide']],
      ['params.seed = "NaN"', ['diverged']],
      ['tags.stage = "final"', ['Base-wide']],
      ['tags.stage != "final"', ['baseline']],
      ['name LIKE "base%"', ['baseline']],
      ['name ILIKE "base%"', ['Base-wide', 'baseline']],
      ['name NOT LIKE "%e"', ['diverged']],
      [
        'experiment = "cifar" or (status = "finished" and tags.stage = "dev")',
        ['baseline', 'diverged'],
      ],
      ['not status = "finished"', ['diverged']],
      ['status = "crashed"', []],
      ['duration >= 0 and started > "2020-01-01"', ['Base-wide', 'baseline', 'diverged']],
      ['metrics.only1 >= 0', ['Base-wide']],
      ['metrics.`only0` = 1', ['baseline']],
    ];

    for (const [filter, expected] of cases) {
      assert.deepEqual(names(index, filter), expected, filter);
    }

    index.close();
  });

  it('sorts by a metric either way, with runs lacking it (or NaN) last', async () => {
    const { index } = await threeRuns();
    assert.deepEqual(names(index, '', 'metrics.loss'), ['Base-wide', 'baseline', 'diverged']);
    assert.deepEqual(names(index, '', 'metrics.loss', true), ['baseline', 'Base-wide', 'diverged']);
    // "0.01" is a string that spells a number, so it sorts as one.
    assert.deepEqual(names(index, '', 'params.lr'), ['Base-wide', 'baseline', 'diverged']);
    assert.deepEqual(names(index, '', 'metrics.only1'), ['Base-wide', 'baseline', 'diverged']);
    index.close();
  });

  it('counts, pages and groups runs', async () => {
    const { index } = await threeRuns();
    assert.equal(index.countRuns({ experiment: 'mnist' }), 2);
    assert.deepEqual(
      index.listRuns({ sort: 'name', limit: 1, offset: 1 }).map((run) => run.name),
      ['baseline'],
    );
    assert.deepEqual(index.groupRuns({ by: 'experiment' }), [
      { value: 'cifar', count: 1 },
      { value: 'mnist', count: 2 },
    ]);
    assert.deepEqual(
      index.groupRuns(
        { by: 'tag', key: 'stage' },
        { filter: 'status = "finished" or status = "failed"' },
      ),
      [
        { value: 'dev', count: 1 },
        { value: 'final', count: 1 },
        { value: null, count: 1 },
      ],
    );
    assert.deepEqual(
      index.listRuns({ tag: { key: 'stage', value: null } }).map((run) => run.name),
      ['diverged'],
    );
    index.close();
  });

  it('finds runs by id, unique id prefix or name, and says when a reference is ambiguous', async () => {
    const { index } = await threeRuns();
    const [first] = index.listRuns({ sort: 'started' });
    assert.equal(index.getRun(first?.id ?? '').name, first?.name);
    assert.equal(index.getRun('diverged').experiment, 'cifar');
    assert.equal(index.getRun((first?.id ?? '').slice(0, 22)).id, first?.id);
    assert.throws(() => index.getRun('2'), /matches 3 runs .*give more of the id/);
    assert.throws(() => index.getRun('nothing'), /No run has the id, id prefix or name "nothing"/);
    assert.throws(() => index.getRun(''), /An empty run reference names no run/);
    index.close();
  });

  it('keeps NaN and the infinities from the writer through to summaries and series', async () => {
    const layout = tempStore();
    const writer = RunWriter.start(layout, {
      writer: 'test',
      name: 'odd',
      params: { big: Infinity, bad: NaN },
    });
    writer.log({ value: 1 }, 0);
    writer.log({ value: Infinity }, 1);
    writer.log({ value: -Infinity }, 2);
    writer.log({ value: NaN }, 3);
    writer.log({ value: -0 }, 4);
    writer.end('finished');
    const index = await RunIndex.open(layout);
    index.catchUp();

    const run = index.getRun('odd');
    assert.deepEqual(run.metrics.value, {
      last: -0,
      min: -Infinity,
      max: Infinity,
      step: 4,
      count: 5,
    });
    assert.ok(Object.is(run.metrics.value?.last, -0));
    assert.deepEqual(run.params, { bad: NaN, big: Infinity });
    assert.deepEqual(Array.from(index.series([run.id], 'value')[0]?.values ?? []), [
      1,
      Infinity,
      -Infinity,
      NaN,
      -0,
    ]);
    index.close();
  });

  it('downsamples series and gives full resolution for a step range', async () => {
    const layout = tempStore();
    const writer = RunWriter.start(layout, { writer: 'test', name: 'long' });
    for (let step = 0; step < 20_000; step += 1) {
      writer.log({ loss: step === 12_345 ? 50 : Math.cos(step) }, step);
    }

    writer.end('finished');
    const index = await RunIndex.open(layout);
    index.catchUp();

    const [coarse] = index.series([writer.id], 'loss', { points: 100 });
    assert.equal(coarse?.total, 20_000);
    assert.equal(coarse?.downsampled, true);
    assert.ok((coarse?.steps.length ?? 0) <= 100);
    assert.ok(Array.from(coarse?.values ?? []).includes(50));

    const [range] = index.series([writer.id], 'loss', {
      points: 100,
      fromStep: 12_300,
      toStep: 12_349,
    });
    assert.equal(range?.downsampled, false);
    assert.deepEqual(
      Array.from(range?.steps ?? []),
      Array.from({ length: 50 }, (_, offset) => 12_300 + offset),
    );
    index.close();
  });
});

describe('the status of unfinished runs', () => {
  const HOST = 'test-host';

  function deadPid(): number {
    return spawnSync(process.execPath, ['-e', '0']).pid as number;
  }

  it('reports a run as crashed when its process is gone, and as finished once its end appears', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-0000000a';
    const main = mainRecord(layout, id).add(
      startEvent(id, { host: HOST, pid: deadPid(), time: Date.now() / 1000 }),
    );
    writeFileSync(join(layout.runDir(id), 'heartbeat'), '');
    const index = await RunIndex.open(layout, { host: HOST });
    index.catchUp();
    assert.equal(index.getRun(id).status, 'crashed');

    main.add({ type: 'end', status: 'finished', exitCode: 0, signal: null, duration: 1 });
    index.catchUp();
    assert.equal(index.getRun(id).status, 'finished');
    index.close();
  });

  it('reports a running run, then crashed when its heartbeat goes stale', async () => {
    const layout = tempStore();
    const id = '20270101-000000-000-0000000b';
    mainRecord(layout, id).add(
      startEvent(id, { host: HOST, pid: process.pid, time: Date.now() / 1000 }),
    );
    const heartbeat = join(layout.runDir(id), 'heartbeat');
    writeFileSync(heartbeat, '');
    let now = Date.now();
    const index = await RunIndex.open(layout, { host: HOST, clock: () => now });
    index.catchUp();
    assert.equal(index.getRun(id).status, 'running');

    now += 10 * 60_000;
    assert.deepEqual(index.catchUp().updated, [id]);
    assert.equal(index.getRun(id).status, 'crashed');
    assert.deepEqual(
      index.listRuns({ filter: 'status = "crashed"' }).map((run) => run.id),
      [id],
    );

    utimesSync(heartbeat, new Date(now), new Date(now));
    index.catchUp();
    assert.equal(index.getRun(id).status, 'running');
    index.close();
  });
});
