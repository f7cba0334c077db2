import { strict as assert } from 'node:assert';

import { SUMMARY_BLOCK_POINTS, summarizeChunk } from '../../../src/runindex/chunk-summary';
import type { SeriesPoints } from '../../../src/series/downsample';

function points(values: number[]): SeriesPoints {
  return {
    steps: Float64Array.from(values, (_, index) => index * 2),
    times: Float64Array.from(values, (_, index) => 1_800_000_000 + index / 10),
    values: Float64Array.from(values),
  };
}

describe('summarising a chunk for long-series charts', () => {
  it('keeps the first and last point and each block’s lowest and highest value', () => {
    const values = Array.from({ length: 4 * SUMMARY_BLOCK_POINTS }, (_, index) =>
      Math.sin(index * 0.7),
    );
    const summary = summarizeChunk(points(values), values.length);
    const steps = Array.from(summary.steps);

    assert.equal(steps[0], 0);
    assert.equal(steps[steps.length - 1], (values.length - 1) * 2);
    for (let start = 0; start < values.length; start += SUMMARY_BLOCK_POINTS) {
      const block = values.slice(start, start + SUMMARY_BLOCK_POINTS);
      const lowest = start + block.indexOf(Math.min(...block));
      const highest = start + block.indexOf(Math.max(...block));
      assert.ok(steps.includes(lowest * 2), `block at ${start} keeps its minimum`);
      assert.ok(steps.includes(highest * 2), `block at ${start} keeps its maximum`);
    }

    assert.ok(steps.length <= 2 + 2 * (values.length / SUMMARY_BLOCK_POINTS));
    assert.deepEqual(
      steps,
      [...steps].sort((a, b) => a - b),
    );
  });

  it('keeps each point whole: its step, time and value together', () => {
    const values = Array.from({ length: 100 }, (_, index) => (index === 77 ? 1e9 : index % 7));
    const input = points(values);
    const summary = summarizeChunk(input, values.length);
    const spike = Array.from(summary.values).indexOf(1e9);

    assert.equal(summary.steps[spike], 154);
    assert.equal(summary.times[spike], input.times[77]);
  });

  it('keeps the first NaN of a block, and infinities as extremes', () => {
    const values = new Array<number>(SUMMARY_BLOCK_POINTS).fill(1);
    values[5] = NaN;
    values[6] = NaN;
    values[9] = -Infinity;
    values[20] = Infinity;
    const summary = summarizeChunk(points(values), values.length);

    assert.deepEqual(Array.from(summary.steps), [0, 10, 18, 40, (values.length - 1) * 2]);
    assert.ok(Number.isNaN(summary.values[1]));
  });

  it('summarises only the first `count` points of a partly filled buffer', () => {
    const buffer = points([5, 1, 9, 3, 100, 100]);
    const summary = summarizeChunk(buffer, 4);
    assert.deepEqual(Array.from(summary.values), [5, 1, 9, 3]);
  });
});
