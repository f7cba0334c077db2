import { strict as assert } from 'node:assert';

import { smoothDebiasedEma } from '../../../src/compare-logic/smoothing';

function assertClose(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, index) => {
    assert.ok(
      Math.abs(value - expected[index]) < 1e-12,
      `index ${index}: ${value} ≠ ${expected[index]}`,
    );
  });
}

describe('debiased EMA smoothing', () => {
  it('matches a hand-worked case with weight 0.5', () => {
    // s1 = 0.5·1 = 0.5, debiased by 1 − 0.5 → 1
    // s2 = 0.5·0.5 + 0.5·2 = 1.25, debiased by 1 − 0.25 → 5/3
    // s3 = 0.5·1.25 + 0.5·3 = 2.125, debiased by 1 − 0.125 → 17/7
    assertClose(smoothDebiasedEma([1, 2, 3], 0.5), [1, 5 / 3, 17 / 7]);
  });

  it('starts at the first raw value whatever the weight', () => {
    for (const weight of [0.1, 0.6, 0.9, 0.99]) {
      assert.equal(smoothDebiasedEma([7, 0, 0], weight)[0], 7);
    }
  });

  it('keeps a constant series constant instead of pulling it towards zero', () => {
    assertClose(smoothDebiasedEma([4, 4, 4, 4], 0.9), [4, 4, 4, 4]);
  });

  it('returns the values unchanged when smoothing is off', () => {
    assert.deepEqual(smoothDebiasedEma([3, 1, 2], 0), [3, 1, 2]);
  });

  it('passes NaN and infinities through without poisoning later points', () => {
    const smoothed = smoothDebiasedEma([1, NaN, 3, Infinity], 0.5);
    assert.ok(Number.isNaN(smoothed[1]));
    assert.equal(smoothed[3], Infinity);
    // The NaN is skipped, so 3 is the average's second point: s = 0.5·0.5 + 0.5·3 = 1.75,
    // debiased by 1 − 0.25 → 7/3.
    assertClose([smoothed[0], smoothed[2]], [1, 7 / 3]);
  });
});
