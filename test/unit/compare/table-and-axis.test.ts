import { strict as assert } from 'node:assert';

import { columnText, tableCsv } from '../../../src/compare-logic/table-cells';
import { formatDuration } from '../../../src/compare-logic/value-format';
import { stepRangeOfX, xValues } from '../../../src/compare-logic/x-axis';
import { makeRun } from './fixtures';

describe('runs table cells', () => {
  const run = makeRun({
    id: 'r1',
    name: '<b>bold</b>',
    params: { lr: 0.0003 },
    metrics: { loss: { last: 0.123456789, min: 0.1, max: 1, step: 9, count: 10 } },
  });

  it('reads attributes, params and metric summaries', () => {
    assert.equal(columnText(run, { kind: 'attribute', key: 'name' }), '<b>bold</b>');
    assert.equal(columnText(run, { kind: 'attribute', key: 'duration' }), '5m 00s');
    assert.equal(columnText(run, { kind: 'param', key: 'lr' }), '0.0003');
    assert.equal(columnText(run, { kind: 'metric', key: 'loss' }), '0.123457');
    assert.equal(columnText(run, { kind: 'tag', key: 'missing' }), '—');
  });

  it('exports the chosen columns at full precision', () => {
    const csv = tableCsv(
      [run],
      [
        { kind: 'attribute', key: 'name' },
        { kind: 'metric', key: 'loss' },
      ],
    );
    assert.equal(csv, 'name,metrics.loss\r\n<b>bold</b>,0.123456789\r\n');
  });
});

describe('the x axis', () => {
  it('shows steps, wall time, or time since the run started', () => {
    assert.deepEqual(xValues('step', [0, 5], [100, 160], 90), [0, 5]);
    assert.deepEqual(xValues('wallTime', [0, 5], [100, 160], 90), [100, 160]);
    assert.deepEqual(xValues('relativeTime', [0, 5], [100, 160], 90), [10, 70]);
  });

  it('maps a zoomed x range back to the steps it covers across runs', () => {
    const curves = [
      { steps: [0, 10, 20, 30], xs: [0, 1, 2, 3] },
      { steps: [0, 15, 25], xs: [0, 1.5, 2.5] },
    ];
    assert.deepEqual(stepRangeOfX(curves, 0.9, 2.6), { fromStep: 10, toStep: 25 });
    assert.equal(stepRangeOfX(curves, 5, 6), null);
  });

  it('formats durations as people say them', () => {
    assert.equal(formatDuration(12.5), '12.5s');
    assert.equal(formatDuration(185), '3m 05s');
    assert.equal(formatDuration(7620), '2h 07m');
  });
});
