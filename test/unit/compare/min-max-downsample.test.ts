import { strict as assert } from 'node:assert';

import { downsampleMinMax, type PointColumns } from '../../../src/compare-logic/min-max-downsample';

function ramp(length: number): PointColumns {
  const steps = Array.from({ length }, (_, index) => index);
  return { steps, times: steps.map((step) => 1000 + step), values: steps.map((step) => step / 10) };
}

describe('min/max downsampling', () => {
  it('keeps every point of a series that fits the budget', () => {
    const points = ramp(10);
    assert.deepEqual(downsampleMinMax(points, 10), points);
  });

  it('reads typed arrays as well as plain ones', () => {
    const values = new Float64Array([1, 9, 2, 8, 3, 7]);
    const steps = new Float64Array([0, 1, 2, 3, 4, 5]);
    assert.deepEqual(downsampleMinMax({ steps, times: steps, values }, 2).values, [1, 9]);
  });

  it('stays within the budget', () => {
    const result = downsampleMinMax(ramp(100_000), 1200);
    assert.ok(result.values.length <= 1200, `${result.values.length} points`);
    assert.ok(result.values.length >= 1000);
  });

  it('keeps a one-step spike and a one-step dip', () => {
    const points = ramp(10_000);
    points.values[4321] = 1e6;
    points.values[7777] = -1e6;
    const result = downsampleMinMax(points, 100);
    assert.ok(result.values.includes(1e6));
    assert.ok(result.values.includes(-1e6));
    assert.equal(result.steps[result.values.indexOf(1e6)], 4321);
    assert.equal(result.times[result.values.indexOf(-1e6)], 1000 + 7777);
  });

  it('keeps points in step order', () => {
    const points = ramp(5000);
    points.values.reverse();
    const { steps } = downsampleMinMax(points, 64);
    assert.deepEqual(
      steps,
      [...steps].sort((left, right) => left - right),
    );
  });

  it('never lets NaN win a bucket, but keeps a bucket that is all NaN', () => {
    const points: PointColumns = {
      steps: [0, 1, 2, 3, 4, 5],
      times: [0, 1, 2, 3, 4, 5],
      values: [NaN, 2, 1, NaN, NaN, NaN],
    };
    const result = downsampleMinMax(points, 4);
    assert.deepEqual(result.steps, [1, 2, 3]);
    assert.ok(Number.isNaN(result.values[2]));
  });
});
