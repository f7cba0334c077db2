import { strict as assert } from 'node:assert';

import { aggregateBand, unionOfXs } from '../../../src/compare-logic/band-aggregation';

describe('band aggregation across a group of runs', () => {
  const first = { xs: [0, 10, 20], ys: [1, 3, 5] };
  const second = { xs: [0, 20], ys: [3, 7] };

  it('reads each run between its points by linear interpolation', () => {
    const xs = unionOfXs([first, second]);
    assert.deepEqual(xs, [0, 10, 20]);
    const band = aggregateBand([first, second], xs, 'minMax');
    // At x = 10 the second run is halfway from 3 to 7, so 5; the mean of 3 and 5 is 4.
    assert.deepEqual(band.mean, [2, 4, 6]);
    assert.deepEqual(band.lower, [1, 3, 5]);
    assert.deepEqual(band.upper, [3, 5, 7]);
  });

  it('spreads one population standard deviation each side with std', () => {
    const band = aggregateBand([first, second], [0, 20], 'std');
    // Values 1 and 3: mean 2, deviation 1. Values 5 and 7: mean 6, deviation 1.
    assert.deepEqual(band.lower, [1, 5]);
    assert.deepEqual(band.upper, [3, 7]);
  });

  it('leaves out a run where it has no data instead of counting it as zero', () => {
    const short = { xs: [0, 5], ys: [10, 10] };
    const long = { xs: [0, 5, 100], ys: [20, 20, 20] };
    const band = aggregateBand([short, long], [0, 5, 100, 200], 'minMax');
    assert.deepEqual(band.mean, [15, 15, 20, null]);
    assert.deepEqual(band.lower, [10, 10, 20, null]);
  });

  it('ignores non-finite points of a run', () => {
    const band = aggregateBand([{ xs: [0, 1, 2], ys: [1, NaN, 3] }], [0, 1, 2], 'minMax');
    assert.deepEqual(band.mean, [1, 2, 3]);
  });
});
