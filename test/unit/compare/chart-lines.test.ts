import { strict as assert } from 'node:assert';

import {
  chartLines,
  type ChartSettings,
  type RunPoints,
} from '../../../src/compare-logic/chart-lines';

const settings: ChartSettings = {
  xAxis: 'step',
  smoothing: 0,
  logScale: false,
  groupOf: null,
  band: 'minMax',
};

function run(runId: string, steps: number[], values: number[], startTime = 100): RunPoints {
  return {
    runId,
    label: runId,
    steps,
    times: steps.map((step) => startTime + step * 2),
    values,
    startTime,
  };
}

describe('chart lines', () => {
  it('overlays runs on the union of their steps, leaving gaps where a run has no point', () => {
    const lines = chartLines([run('a', [0, 2], [1, 3]), run('b', [1, 2], [5, 6])], settings);
    assert.deepEqual(lines.xs, [0, 1, 2]);
    assert.deepEqual(
      lines.lines.map((line) => [line.colourKey, line.role, line.values]),
      [
        ['a', 'raw', [1, null, 3]],
        ['b', 'raw', [null, 5, 6]],
      ],
    );
  });

  it('draws a smoothed line over each raw line when smoothing is on', () => {
    const lines = chartLines([run('a', [0, 1, 2], [1, 2, 3])], { ...settings, smoothing: 0.5 });
    assert.deepEqual(
      lines.lines.map((line) => line.role),
      ['raw', 'smoothed'],
    );
    assert.deepEqual(lines.lines[0].values, [1, 2, 3]);
    assert.ok(Math.abs((lines.lines[1].values[2] ?? 0) - 17 / 7) < 1e-12);
  });

  it('measures time since each run started on the relative time axis', () => {
    const lines = chartLines([run('a', [0, 5], [1, 2], 100), run('b', [0, 5], [3, 4], 500)], {
      ...settings,
      xAxis: 'relativeTime',
    });
    assert.deepEqual(lines.xs, [0, 10]);
  });

  it('groups runs by a param into a mean line between band edges', () => {
    const groupOf = (runId: string): string => (runId === 'c' ? 'lr=0.1' : 'lr=0.01');
    const lines = chartLines(
      [run('a', [0, 1], [1, 3]), run('b', [0, 1], [3, 5]), run('c', [0, 1], [10, 10])],
      { ...settings, groupOf },
    );
    const small = lines.lines.filter((line) => line.colourKey === 'group:lr=0.01');
    assert.deepEqual(
      small.map((line) => [line.role, line.values]),
      [
        ['upper', [3, 5]],
        ['lower', [1, 3]],
        ['mean', [2, 4]],
      ],
    );
    assert.equal(small[0].label, 'lr=0.01 (2 runs)');
  });

  it('leaves out zero, negatives and non-finite values on a log scale', () => {
    const lines = chartLines([run('a', [0, 1, 2, 3], [0, -1, 10, NaN])], {
      ...settings,
      logScale: true,
    });
    assert.deepEqual(lines.lines[0].values, [null, null, 10, null]);
  });
});
