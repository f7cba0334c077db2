import { strict as assert } from 'node:assert';

import type { RunEvent } from '../../../src/runlog/events';
import { applyEvent } from '../../../src/runlog/fold';
import { emptyRunState, type RunState } from '../../../src/runlog/run-state';

const ID = '20261203-184512-123-9f86d081';

type Sourced = [file: string, event: RunEvent];

function event(fields: Record<string, unknown>): RunEvent {
  return fields as unknown as RunEvent;
}

function fold(events: Sourced[]): RunState {
  const state = emptyRunState(ID);
  for (const [file, each] of events) {
    applyEvent(state, each, file);
  }

  return state;
}

/** The parts of a state that a reader sees, in comparable form. */
function visible(state: RunState): unknown {
  return {
    name: state.name.value,
    params: [...state.params].map(([key, entry]) => [key, entry.value]).sort(),
    tags: [...state.tags].map(([key, entry]) => [key, entry.value]).sort(),
    notes: state.notes.map((note) => note.value.text),
    end: state.end?.value ?? null,
    metrics: [...state.metrics].sort(),
  };
}

const main: Sourced[] = [
  [
    'events.jsonl',
    event({
      seq: 0,
      time: 100,
      type: 'start',
      name: 'first',
      experiment: 'e',
      host: 'h',
      pid: 5,
      command: null,
      cwd: '/',
      writer: 't',
      user: 'u',
      run: ID,
      format: 1,
    }),
  ],
  ['events.jsonl', event({ seq: 1, time: 101, type: 'params', params: { lr: 0.1 } })],
  [
    'events.jsonl',
    event({
      seq: 2,
      time: 102,
      type: 'metrics',
      steps: [0, 1],
      times: [102, 102],
      values: { loss: [1, 'NaN'] },
    }),
  ],
  [
    'events.jsonl',
    event({
      seq: 3,
      time: 110,
      type: 'end',
      status: 'finished',
      exitCode: 0,
      signal: null,
      duration: 10,
    }),
  ],
];
const sdk: Sourced[] = [
  [
    'events-sdk-1.jsonl',
    event({ seq: 0, time: 100.5, type: 'attach', run: ID, writer: 'sdk', format: 1 }),
  ],
  [
    'events-sdk-1.jsonl',
    event({ seq: 1, time: 103, type: 'params', params: { lr: 0.2, batch: 32 } }),
  ],
  [
    'events-sdk-1.jsonl',
    event({
      seq: 2,
      time: 104,
      type: 'metrics',
      steps: [1, 2],
      times: [104, 104],
      values: { loss: [0.5, 0.25] },
    }),
  ],
  [
    'events-sdk-1.jsonl',
    event({
      seq: 3,
      time: 105,
      type: 'end',
      status: 'failed',
      exitCode: 1,
      signal: null,
      duration: 5,
    }),
  ],
];
const edits: Sourced[] = [
  [
    'events-cli-2.jsonl',
    event({ seq: 0, time: 200, type: 'attach', run: ID, writer: 'cli', format: 1 }),
  ],
  ['events-cli-2.jsonl', event({ seq: 1, time: 201, type: 'rename', name: 'renamed', user: 'u' })],
  ['events-cli-2.jsonl', event({ seq: 2, time: 202, type: 'tags', tags: { stage: 'final' } })],
  ['events-cli-2.jsonl', event({ seq: 3, time: 203, type: 'note', text: 'second', user: 'u' })],
  ['events-cli-2.jsonl', event({ seq: 4, time: 99, type: 'note', text: 'first', user: 'u' })],
  ['events-cli-2.jsonl', event({ seq: 5, time: 204, type: 'tags', tags: { stage: null } })],
];

describe('folding a run', () => {
  it('gives the same state whatever order the files are read in', () => {
    const inOrder = fold([...main, ...sdk, ...edits]);
    const reversed = fold([...edits, ...sdk, ...main]);
    const interleaved = fold(
      main
        .flatMap((each, index) => [each, sdk[index] as Sourced, edits[index] as Sourced])
        .concat(edits.slice(4)),
    );

    assert.deepEqual(visible(reversed), visible(inOrder));
    assert.deepEqual(visible(interleaved), visible(inOrder));
  });

  it('lets the later event win for params, names and tags, and keeps removed tags removed', () => {
    const state = fold([...edits, ...sdk, ...main]);
    assert.equal(state.name.value, 'renamed');
    assert.equal(state.params.get('lr')?.value, 0.2);
    assert.equal(state.params.get('batch')?.value, 32);
    assert.equal(state.tags.get('stage')?.value, null);
    assert.deepEqual(
      state.notes.map((note) => note.value.text),
      ['first', 'second'],
    );
  });

  it("prefers the owner's end event over another writer's", () => {
    const state = fold([...main, ...sdk]);
    assert.equal(state.end?.value.status, 'finished');
    assert.equal(state.end?.value.exitCode, 0);
  });

  it('summarises metrics with NaN kept as last value but left out of min and max', () => {
    const state = fold([...main, ...sdk]);
    const loss = state.metrics.get('loss');
    assert.equal(loss?.count, 4);
    assert.equal(loss?.min, 0.25);
    assert.equal(loss?.max, 1);
    assert.equal(loss?.last, 0.25);
    assert.equal(loss?.lastOrder.step, 2);

    const onlyNaN = fold([main[0] as Sourced, main[2] as Sourced]);
    assert.ok(Number.isNaN(onlyNaN.metrics.get('loss')?.last));
    assert.equal(onlyNaN.metrics.get('loss')?.min, 1);
  });

  it('starts a run only from the main file', () => {
    const start = (main[0] as Sourced)[1];
    const state = fold([['events-sdk-1.jsonl', start]]);
    assert.equal(state.start.recorded, false);
    assert.equal(state.name.value, ID);
    assert.equal(state.start.time, Date.UTC(2026, 11, 3, 18, 45, 12, 123) / 1000);
  });
});
