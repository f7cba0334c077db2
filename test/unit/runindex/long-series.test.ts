import { strict as assert } from 'node:assert';

import { RunIndex, type RunSeries } from '../../../src/runindex/run-index';
import { RunWriter } from '../../../src/runlog/run-writer';
import { tempStore } from '../helpers/temp-store';

const POINTS = 100_000;
const SPIKES = new Map([
  [3, 40],
  [25_000, -30],
  [61_234, 75],
  [99_990, -12],
]);
const NAN_STEP = 80_001;

function lossAt(step: number): number {
  if (step === NAN_STEP) {
    return NaN;
  }

  return SPIKES.get(step) ?? 1 + Math.sin(step / 500) + 0.01 * Math.cos(step * 1.3);
}

/** One finished run whose `loss` has 100,000 points (or `count`), a few spikes and a NaN. */
async function longRun(count = POINTS): Promise<{ index: RunIndex; id: string }> {
  const layout = tempStore();
  const writer = RunWriter.start(layout, { writer: 'test', name: 'long' });
  for (let step = 0; step < count; step += 1) {
    writer.log({ loss: lossAt(step) }, step, 1_800_000_000 + step / 100);
  }

  writer.end('finished');
  const index = await RunIndex.open(layout);
  index.catchUp();
  return { index, id: writer.id };
}

function assertRealPoints(series: RunSeries): void {
  series.steps.forEach((step, position) => {
    assert.ok(Object.is(series.values[position], lossAt(step)), `the value at step ${step}`);
    // Times are kept to the millisecond.
    const time = series.times[position] as number;
    assert.ok(Math.abs(time - (1_800_000_000 + step / 100)) < 0.001, `the time at step ${step}`);
  });
}

describe('downsampling a long series from the index', () => {
  it('keeps every spike, the NaN and both ends, within the asked number of points', async () => {
    const { index, id } = await longRun();
    const [series] = index.series([id], 'loss', { points: 1000 });
    assert.ok(series);

    const values = Array.from(series.values);
    assert.equal(series.total, POINTS);
    assert.equal(series.downsampled, true);
    assert.ok(series.steps.length <= 1000 + 1, `${series.steps.length} points`);
    assert.ok(series.steps.length >= 900, `${series.steps.length} points`);
    for (const spike of SPIKES.values()) {
      assert.ok(values.includes(spike), `keeps the spike ${spike}`);
    }

    assert.ok(values.some(Number.isNaN));
    assert.equal(series.steps[0], 0);
    assert.equal(series.steps[series.steps.length - 1], POINTS - 1);
    assertRealPoints(series);
    index.close();
  });

  it('reads a last chunk too short for a summary whole', async () => {
    const count = 20 * 4096 + 100;
    const { index, id } = await longRun(count);
    const [series] = index.series([id], 'loss', { points: 1000 });
    assert.ok(series);

    assert.equal(series.total, count);
    assert.equal(series.steps[series.steps.length - 1], count - 1);
    assert.ok(Array.from(series.values).includes(75));
    assert.ok(series.steps.length <= 1001);
    assertRealPoints(series);
    index.close();
  });

  it('cuts a step range through the middle of chunks exactly', async () => {
    const { index, id } = await longRun();
    const [series] = index.series([id], 'loss', { points: 500, fromStep: 10_001, toStep: 90_000 });
    assert.ok(series);

    const steps = Array.from(series.steps);
    assert.equal(series.total, 80_000);
    assert.equal(steps[0], 10_001);
    assert.equal(steps[steps.length - 1], 90_000);
    assert.ok(steps.every((step) => step >= 10_001 && step <= 90_000));
    assert.ok(Array.from(series.values).includes(75));
    assert.ok(!Array.from(series.values).includes(40));
    assert.ok(series.steps.length <= 500 + 1);
    assertRealPoints(series);
    index.close();
  });

  it('gives the same points as reading every point when the range is short', async () => {
    const { index, id } = await longRun();
    const [downsampled] = index.series([id], 'loss', {
      points: 100,
      fromStep: 61_000,
      toStep: 61_999,
    });
    const [all] = index.series([id], 'loss', { fromStep: 61_000, toStep: 61_999 });
    assert.ok(downsampled && all);

    assert.equal(downsampled.total, 1000);
    assert.equal(all.total, 1000);
    assert.ok(Array.from(downsampled.values).includes(75));
    const allSteps = new Set(Array.from(all.steps));
    assert.ok(Array.from(downsampled.steps).every((step) => allSteps.has(step)));
    index.close();
  });
});
