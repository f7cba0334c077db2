import { strict as assert } from 'node:assert';

import { ShapeError } from '../../../src/compare-logic/shape-check';
import {
  COMPARE_PROTOCOL_VERSION,
  columnQueryKey,
  defaultUiState,
  type HostMessage,
  pointsBudget,
  type WebviewMessage,
} from '../../../src/extension/compare/protocol';
import {
  parseHostMessage,
  parseWebviewMessage,
  readUiState,
} from '../../../src/extension/compare/protocol-validation';
import { makeRun } from './fixtures';

/** What crossing postMessage as JSON does to a message. */
function overTheWire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message));
}

const run = makeRun({
  id: '20260105-100000-000-0a1b2c3d',
  params: { lr: 0.01, clip: { $float: 'Infinity' }, name: '<img src=x onerror=alert(1)>' },
  tags: { stage: 'final' },
  metrics: { loss: { last: 'NaN', min: 0.1, max: '-Infinity', step: 9, count: 10 } },
  env: { CUDA_VISIBLE_DEVICES: '0' },
});

const webviewMessages: WebviewMessage[] = [
  { type: 'ready', protocolVersion: COMPARE_PROTOCOL_VERSION },
  { type: 'getSeries', requestId: 1, key: 'loss', runIds: [run.id], points: 1200 },
  {
    type: 'getSeries',
    requestId: 2,
    key: 'loss',
    runIds: [run.id],
    points: 1200,
    range: { fromStep: 10, toStep: 90 },
  },
  {
    type: 'getTableRows',
    requestId: 3,
    offset: 200,
    limit: 100,
    filter: 'metrics.loss < 0.2',
    sort: { column: { kind: 'metric', key: 'loss' }, descending: true },
  },
  { type: 'getTableRows', requestId: 4, offset: 0, limit: 50, filter: '', sort: null },
  { type: 'export', requestId: 5, format: 'png', suggestedName: 'loss.png', content: 'iVBORw0=' },
  { type: 'selectionChanged', runIds: [run.id, 'other'] },
  { type: 'openDiff', document: 'patch', leftRunId: run.id, rightRunId: 'other' },
  { type: 'log', level: 'error', message: 'chart failed' },
];

const hostMessages: HostMessage[] = [
  { type: 'init', protocolVersion: COMPARE_PROTOCOL_VERSION, runs: [run] },
  { type: 'selectionChanged', runs: [] },
  { type: 'runsUpdated', runs: [{ ...run, status: 'running', endedAt: null, git: null }] },
  {
    type: 'pointsAppended',
    runId: run.id,
    key: 'loss',
    points: { steps: [10, 11], times: [1.5, 2.5], values: [0.3, 'Infinity'] },
  },
  { type: 'tableInvalidated' },
  {
    type: 'series',
    requestId: 1,
    key: 'loss',
    series: [
      { runId: run.id, steps: [0, 5], times: [1, 2], values: [1, 'NaN'], downsampled: true },
    ],
  },
  {
    type: 'tableRows',
    requestId: 3,
    total: 1,
    offset: 0,
    rows: [run],
    columns: [{ kind: 'param', key: 'lr', differs: false }],
    filterError: null,
  },
  {
    type: 'tableRows',
    requestId: 4,
    total: 0,
    offset: 0,
    rows: [],
    columns: [],
    filterError: { message: 'expected a value after "<"', position: 15 },
  },
  { type: 'exported', requestId: 5, saved: false },
  { type: 'requestFailed', requestId: 2, message: 'The index is being rebuilt; try again.' },
];

describe('the Compare protocol', () => {
  it('carries every webview message across JSON unchanged', () => {
    for (const message of webviewMessages) {
      assert.deepEqual(parseWebviewMessage(overTheWire(message)), message);
    }
  });

  it('carries every host message across JSON unchanged, NaN and infinities included', () => {
    for (const message of hostMessages) {
      assert.deepEqual(parseHostMessage(overTheWire(message)), message);
    }
  });

  it('rejects a message without a known type', () => {
    assert.throws(() => parseWebviewMessage({ requestId: 1 }), ShapeError);
    assert.throws(() => parseWebviewMessage({ type: 'deleteEverything' }), /known message type/);
    assert.throws(() => parseHostMessage('init'), ShapeError);
    assert.throws(() => parseHostMessage(null), ShapeError);
  });

  it('rejects fields of the wrong kind, naming where', () => {
    assert.throws(
      () =>
        parseWebviewMessage({
          type: 'getSeries',
          requestId: 1.5,
          key: 'loss',
          runIds: [],
          points: 10,
        }),
      /requestId should be an integer/,
    );
    assert.throws(
      () =>
        parseWebviewMessage({
          type: 'openDiff',
          document: 'secrets',
          leftRunId: 'a',
          rightRunId: 'b',
        }),
      /document should be one of/,
    );
    assert.throws(
      () =>
        parseHostMessage({ type: 'init', protocolVersion: 1, runs: [{ ...run, status: 'lost' }] }),
      /runs\[0\]\.status/,
    );
    assert.throws(
      () =>
        parseHostMessage({
          type: 'init',
          protocolVersion: 1,
          runs: [{ ...run, params: { x: [1] } }],
        }),
      /params\["x"\]/,
    );
  });

  it('rejects series whose columns differ in length', () => {
    const series = { runId: 'a', steps: [0, 1], times: [0], values: [1, 2], downsampled: false };
    assert.throws(
      () => parseHostMessage({ type: 'series', requestId: 1, key: 'loss', series: [series] }),
      /columns of one length/,
    );
  });

  it('rejects raw non-finite numbers, which JSON cannot carry', () => {
    const points = { steps: [0], times: [0], values: [NaN] };
    assert.throws(
      () => parseHostMessage({ type: 'pointsAppended', runId: 'a', key: 'loss', points }),
      /values\[0\]/,
    );
  });

  it('drops fields it does not know and keeps odd keys as plain data', () => {
    const parsed = parseWebviewMessage({
      type: 'selectionChanged',
      runIds: ['a'],
      extra: 'ignored',
    });
    assert.deepEqual(Object.keys(parsed), ['type', 'runIds']);
    const hostile = JSON.parse(
      `{"type":"init","protocolVersion":1,"runs":[${JSON.stringify({ ...run, params: {} }).replace('"params":{}', '"params":{"__proto__":1}')}]}`,
    );
    const init = parseHostMessage(hostile);
    assert.equal(init.type, 'init');
    if (init.type === 'init') {
      assert.equal(Object.getPrototypeOf(init.runs[0].params), Object.prototype);
      assert.deepEqual(Object.keys(init.runs[0].params), ['__proto__']);
    }
  });

  it('restores saved UI state and falls back to defaults, keeping the selection', () => {
    const state = { ...defaultUiState(['a', 'b']), tab: 'diff' as const };
    assert.deepEqual(readUiState(overTheWire(state)), state);
    assert.deepEqual(readUiState({ version: 0, selection: ['a', 7] }), defaultUiState(['a']));
    assert.deepEqual(readUiState(undefined), defaultUiState());
  });

  it('writes column keys the way the query language reads them', () => {
    assert.equal(columnQueryKey({ kind: 'metric', key: 'val/loss' }), 'metrics.`val/loss`');
    assert.equal(columnQueryKey({ kind: 'param', key: 'lr' }), 'params.lr');
    assert.equal(columnQueryKey({ kind: 'attribute', key: 'duration' }), 'duration');
  });

  it('asks for about two points per pixel', () => {
    assert.equal(pointsBudget(600), 1200);
    assert.equal(pointsBudget(0), 64);
  });
});
