import { strict as assert } from 'node:assert';

import { diffRuns } from '../../../src/compare-logic/run-diff';
import { makeRun } from './fixtures';

describe('diff of runs', () => {
  const base = { lr: 0.01, batch: 32, optimizer: 'adam', seed: 1 };
  const left = makeRun({
    id: 'a',
    name: 'baseline',
    params: base,
    metrics: { loss: { last: 0.5, min: 0.4, max: 2, step: 99, count: 100 } },
  });
  const right = makeRun({
    id: 'b',
    name: 'baseline',
    params: { ...base, lr: 0.1 },
    metrics: { loss: { last: 0.25, min: 0.2, max: 2, step: 99, count: 100 } },
  });

  it('shows exactly the differing param when only differences are shown', () => {
    const diff = diffRuns([left, right], true);
    const params = diff.rows.filter((row) => row.section === 'params');
    assert.deepEqual(
      params.map((row) => [row.key, row.values]),
      [['lr', [0.01, 0.1]]],
    );
  });

  it('counts the equal keys it hides, and shows them all when asked', () => {
    const only = diffRuns([left, right], true);
    const all = diffRuns([left, right], false);
    assert.equal(all.hiddenEqual, 0);
    assert.equal(only.hiddenEqual, all.rows.length - only.rows.length);
    assert.ok(only.hiddenEqual > 0);
    const equalParams = all.rows.filter((row) => row.section === 'params' && !row.differs);
    assert.deepEqual(
      equalParams.map((row) => row.key),
      ['batch', 'optimizer', 'seed'],
    );
  });

  it('gives metric deltas from the first run', () => {
    const last = diffRuns([left, right], true).rows.find(
      (row) => row.section === 'metrics' && row.field === 'last',
    );
    assert.deepEqual(last?.values, [0.5, 0.25]);
    assert.deepEqual(last?.deltas, [0, -0.25]);
  });

  it('treats a key one run lacks as a difference, and 1 as different from "1"', () => {
    const first = makeRun({ id: 'a', params: { depth: 1, width: 8 } });
    const second = makeRun({ id: 'b', params: { depth: '1' } });
    const params = diffRuns([first, second], true).rows.filter((row) => row.section === 'params');
    assert.deepEqual(
      params.map((row) => [row.key, row.values]),
      [
        ['depth', [1, '1']],
        ['width', [8, undefined]],
      ],
    );
  });

  it('treats NaN params as equal to each other', () => {
    const first = makeRun({ id: 'a', params: { clip: { $float: 'NaN' } } });
    const second = makeRun({ id: 'b', params: { clip: { $float: 'NaN' } } });
    const row = diffRuns([first, second], false).rows.find((entry) => entry.key === 'clip');
    assert.equal(row?.differs, false);
  });

  it('compares three runs against each other, not only against the first', () => {
    const runs = ['x', 'x', 'y'].map((value, index) =>
      makeRun({ id: String(index), params: { mode: value } }),
    );
    const row = diffRuns(runs, true).rows.find((entry) => entry.key === 'mode');
    assert.deepEqual(row?.values, ['x', 'x', 'y']);
  });
});
