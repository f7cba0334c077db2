import { strict as assert } from 'node:assert';

import { CHUNK_POINTS, decodeChunk, encodeChunk } from '../../../src/runindex/chunk-codec';
import type { SeriesPoints } from '../../../src/series/downsample';

const BASE = 1_800_000_000.123;

function points(
  steps: number[],
  values: number[],
  times = steps.map((_, index) => BASE + index * 0.25),
): SeriesPoints {
  return {
    steps: Float64Array.from(steps),
    times: Float64Array.from(times),
    values: Float64Array.from(values),
  };
}

function roundTrip(input: SeriesPoints): { output: SeriesPoints; bytes: number } {
  const data = encodeChunk(input, input.steps.length, BASE);
  return { output: decodeChunk(data, BASE), bytes: data.byteLength };
}

describe('packing metric points into chunks', () => {
  it('stores float32-exact values with even steps and regular times in about 4 bytes a point', () => {
    const count = CHUNK_POINTS;
    const input = points(
      Array.from({ length: count }, (_, index) => index * 10),
      Array.from({ length: count }, (_, index) => Math.fround(1 / (index + 1))),
    );
    const { output, bytes } = roundTrip(input);

    assert.deepEqual(output.steps, input.steps);
    assert.deepEqual(output.values, input.values);
    assert.ok(bytes <= 4.2 * count, `${bytes} bytes`);
  });

  it('stores float64 values with jittery times in at most 10 bytes a point', () => {
    const count = CHUNK_POINTS;
    let time = BASE;
    const times = Array.from(
      { length: count },
      () => (time += 0.1 + (((time * 7919) % 1) - 0.5) * 0.006),
    );
    const input = points(
      Array.from({ length: count }, (_, index) => index),
      Array.from({ length: count }, (_, index) => Math.exp(-index / 1000) + Math.sin(index) / 100),
      times,
    );
    const { output, bytes } = roundTrip(input);

    assert.deepEqual(output.values, input.values);
    output.times.forEach((decoded, index) =>
      assert.ok(Math.abs(decoded - (times[index] as number)) <= 0.0005),
    );
    assert.ok(bytes <= 10 * count, `${bytes} bytes`);
  });

  it('squeezes values that mostly repeat, such as a learning rate', () => {
    const count = CHUNK_POINTS;
    const values = Array.from(
      { length: count },
      (_, index) => 0.1 * 0.5 ** Math.floor(index / 1000),
    );
    const { output, bytes } = roundTrip(
      points(
        Array.from({ length: count }, (_, index) => index),
        values,
      ),
    );
    assert.deepEqual(Array.from(output.values), values);
    assert.ok(bytes <= count, `${bytes} bytes`);
  });

  it('keeps every float64 value exactly, NaN, infinities and negative zero included', () => {
    const values = [0.1, NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, 5e-324];
    const { output, bytes } = roundTrip(points([0, 1, 2, 3, 4, 5, 6], values));

    assert.ok(Number.isNaN(output.values[1]));
    assert.deepEqual(
      Array.from(output.values).filter((value) => !Number.isNaN(value)),
      values.filter((value) => !Number.isNaN(value)),
    );
    assert.ok(Object.is(output.values[4], -0));
    assert.ok(bytes <= 40 + 7 * 16);
  });

  it('keeps irregular and huge steps exactly', () => {
    const irregular = [5, 3, 3, 100, -7];
    assert.deepEqual(
      Array.from(roundTrip(points(irregular, [1, 2, 3, 4, 5])).output.steps),
      irregular,
    );

    const huge = [0, 2 ** 40, 2 ** 52 + 1];
    assert.deepEqual(Array.from(roundTrip(points(huge, [1, 2, 3])).output.steps), huge);
  });

  it('keeps times to the millisecond, and exactly when they are far from the base', () => {
    const times = [BASE, BASE + 0.0014, BASE + 3600.9876];
    const near = roundTrip(points([0, 1, 2], [1, 2, 3], times)).output.times;
    times.forEach((time, index) => assert.ok(Math.abs((near[index] as number) - time) <= 0.0005));

    const far = [BASE, BASE + 90 * 86_400 + 0.0001234];
    assert.deepEqual(Array.from(roundTrip(points([0, 1], [1, 2], far)).output.times), far);
  });

  it('decodes a chunk that does not start on an aligned byte offset', () => {
    const input = points([1, 2, 4], [0.5, 0.25, 0.125]);
    const data = encodeChunk(input, 3, BASE);
    const shifted = new Uint8Array(data.byteLength + 3);
    shifted.set(data, 3);
    assert.deepEqual(decodeChunk(shifted.subarray(3), BASE).values, input.values);
  });
});
