import { strict as assert } from 'node:assert';

import {
  FEWEST_POINTS_TO_SUMMARIZE,
  SUMMARY_BLOCK_POINTS,
  summarizeChunk,
} from '../../../src/runindex/chunk-summary';
import type { SeriesPoints } from '../../../src/series/downsample';

function points(values: number[]): SeriesPoints {
  return {
    steps: Float64Array.from(values, (_, index) => index * 2),
    times: Float64Array.from(values, (_, index) => 1_800_000_000 + index / 10),
    values: Float64Array.from(values),
  };
}

function wobble(count: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.sin(index * 0.7));
}

describe('summarising a chunk for long-series charts', () => {
  it('keeps the first and last point and each block’s lowest and highest value', () => {
    const values = wobble(FEWEST_POINTS_TO_SUMMARIZE);
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
    const values = wobble(300);
    values[77] = 1e9;
    const input = points(values);
    const summary = summarizeChunk(input, values.length);
    const spike = Array.from(summary.values).indexOf(1e9);

    assert.equal(summary.steps[spike], 154);
    assert.equal(summary.times[spike], input.times[77]);
  });

  it('keeps the first NaN of a block, and infinities as extremes', () => {
    const values = new Array<number>(FEWEST_POINTS_TO_SUMMARIZE).fill(1);
    values[5] = NaN;
    values[6] = NaN;
    values[9] = -Infinity;
    values[20] = Infinity;
    const summary = summarizeChunk(points(values), values.length);
    const firstBlock = Array.from(summary.steps).filter((step) => step < 2 * SUMMARY_BLOCK_POINTS);

    assert.deepEqual(firstBlock, [0, 10, 18, 40]);
    assert.ok(Number.isNaN(summary.values[1]));
  });

  it('summarises only the first `count` points of a partly filled buffer', () => {
    const values = wobble(FEWEST_POINTS_TO_SUMMARIZE + 40);
    values[FEWEST_POINTS_TO_SUMMARIZE + 1] = 1e9;
    const summary = summarizeChunk(points(values), FEWEST_POINTS_TO_SUMMARIZE);

    assert.ok(!Array.from(summary.values).includes(1e9));
    assert.equal(summary.steps[summary.steps.length - 1], (FEWEST_POINTS_TO_SUMMARIZE - 1) * 2);
  });

  it('leaves a chunk of few points without a summary, to be read whole', () => {
    const summary = summarizeChunk(points(wobble(100)), 100);
    assert.equal(summary.steps.length, 0);
  });
});
