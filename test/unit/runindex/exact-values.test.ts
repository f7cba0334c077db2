import { strict as assert } from 'node:assert';

import { exactValues } from '../../../src/runindex/run-rows';

function blob(values: number[]): Uint8Array {
  return new Uint8Array(new Float64Array(values).buffer);
}

describe("a metric's exact blob", () => {
  it('decodes last, min and max bit for bit', () => {
    assert.deepEqual(exactValues(blob([0.1 + 0.2, -0, 1e308])), {
      last: 0.1 + 0.2,
      min: -0,
      max: 1e308,
    });
    assert.ok(Object.is(exactValues(blob([1, -0, 2])).min, -0));
  });

  it('gives null for a min and max of NaN, which stand for "every value was NaN"', () => {
    const decoded = exactValues(blob([NaN, NaN, NaN]));

    assert.ok(Number.isNaN(decoded.last));
    assert.equal(decoded.min, null);
    assert.equal(decoded.max, null);
  });

  it('reads a blob that is a view at an odd offset into a larger buffer', () => {
    const bytes = new Uint8Array(1 + 24);
    bytes.set(blob([3, 1, 4]), 1);

    assert.deepEqual(exactValues(bytes.subarray(1)), { last: 3, min: 1, max: 4 });
  });

  it('does not carry values over from the blob decoded before', () => {
    exactValues(blob([7, 8, 9]));

    const short = exactValues(blob([5]));
    assert.equal(short.last, 5);
    assert.equal(short.min, null);
    assert.equal(short.max, null);
  });
});
