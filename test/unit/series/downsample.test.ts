import { strict as assert } from 'node:assert';

import {
  downsample,
  type SeriesPoints,
  sliceSteps,
  sortPoints,
} from '../../../src/series/downsample';

function series(values: number[], steps = values.map((_, index) => index)): SeriesPoints {
  return {
    steps: Float64Array.from(steps),
    times: Float64Array.from(steps, (step) => 1_800_000_000 + step),
    values: Float64Array.from(values),
  };
}

function noisy(count: number): number[] {
  // A deterministic wobble, so that every bucket has its own lowest and highest point.
  return Array.from(
    { length: count },
    (_, index) => Math.sin(index * 0.37) + Math.cos(index * 1.91),
  );
}

describe('downsampling a series', () => {
  it('returns the points unchanged when they fit', () => {
    const points = series([3, 1, 2]);
    assert.equal(downsample(points, 3), points);
  });

  it('keeps a single spike among a million points', () => {
    const values = new Array<number>(1_000_000).fill(0.5);
    values[654_321] = 99;
    values[123_456] = -42;
    const result = downsample(series(values), 500);

    assert.ok(result.steps.length <= 500);
    assert.ok(Array.from(result.values).includes(99));
    assert.ok(Array.from(result.values).includes(-42));
    assert.ok(Array.from(result.steps).includes(654_321));
  });

  it('keeps the lowest and highest value of every step range, and the ends', () => {
    const values = noisy(10_000);
    const points = series(values);
    const result = downsample(points, 102);
    const buckets = 50;
    const kept = new Set(Array.from(result.steps));

    for (let bucket = 0; bucket < buckets; bucket += 1) {
      const inBucket = values
        .map((value, step) => ({ value, step }))
        .filter(
          ({ step }) => Math.min(buckets - 1, Math.floor((step / 9_999) * buckets)) === bucket,
        );
      const lowest = inBucket.reduce((a, b) => (b.value < a.value ? b : a));
      const highest = inBucket.reduce((a, b) => (b.value > a.value ? b : a));
      assert.ok(kept.has(lowest.step), `bucket ${bucket} keeps its minimum`);
      assert.ok(kept.has(highest.step), `bucket ${bucket} keeps its maximum`);
    }

    assert.equal(result.steps[0], 0);
    assert.equal(result.steps[result.steps.length - 1], 9_999);
    assert.ok(result.steps.length <= 102);
    assert.deepEqual(
      Array.from(result.steps),
      [...kept].sort((a, b) => a - b),
    );
  });

  it('keeps a NaN so that a diverged run still shows it', () => {
    const values = new Array<number>(1000).fill(1);
    values[500] = NaN;
    const result = downsample(series(values), 10);
    assert.ok(Array.from(result.values).some(Number.isNaN));
  });

  it('keeps infinities as extremes', () => {
    const values = noisy(1000);
    values[10] = Infinity;
    values[20] = -Infinity;
    const result = Array.from(downsample(series(values), 20).values);
    assert.ok(result.includes(Infinity));
    assert.ok(result.includes(-Infinity));
  });
});

describe('ordering and slicing a series', () => {
  it('sorts by step, then time, then value', () => {
    const points: SeriesPoints = {
      steps: Float64Array.from([2, 1, 1, 1]),
      times: Float64Array.from([5, 7, 6, 6]),
      values: Float64Array.from([0, 1, NaN, 3]),
    };
    const sorted = sortPoints(points);
    assert.deepEqual(Array.from(sorted.steps), [1, 1, 1, 2]);
    assert.deepEqual(Array.from(sorted.times), [6, 6, 7, 5]);
    assert.deepEqual(Array.from(sorted.values), [3, NaN, 1, 0]);
  });

  it('gives every point of a step range, bounds included', () => {
    const points = series(noisy(100));
    const slice = sliceSteps(points, 10, 19);
    assert.deepEqual(
      Array.from(slice.steps),
      Array.from({ length: 10 }, (_, index) => index + 10),
    );
    assert.equal(sliceSteps(points, 200).steps.length, 0);
    assert.equal(sliceSteps(points, undefined, 4).steps.length, 5);
  });
});
