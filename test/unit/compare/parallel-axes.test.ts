import { strict as assert } from 'node:assert';

import {
  brushBetween,
  labelAt,
  niceTicks,
  passesBrushes,
  positionOf,
  scaleOf,
} from '../../../src/compare-logic/parallel-axes';

describe('parallel coordinates axes', () => {
  it('places numbers linearly between the lowest and highest', () => {
    const scale = scaleOf([0.001, 0.01, 0.1, undefined]);
    assert.deepEqual(scale, { kind: 'number', min: 0.001, max: 0.1 });
    assert.equal(positionOf(scale, 0.1), 1);
    assert.equal(positionOf(scale, undefined), null);
    assert.equal(labelAt(scale, 0), '0.001');
  });

  it('spaces text values evenly as categories', () => {
    const scale = scaleOf(['sgd', 'adam', 'adamw', 'adam']);
    assert.deepEqual(scale, { kind: 'category', categories: ['adam', 'adamw', 'sgd'] });
    assert.equal(positionOf(scale, 'adamw'), 0.5);
    assert.equal(labelAt(scale, 0.9), 'sgd');
  });

  it('keeps only runs inside every brush', () => {
    const positions = [
      [0.1, 0.9],
      [0.5, 0.5],
      [0.9, null],
    ];
    assert.deepEqual(passesBrushes(positions, [null, null]), [true, true, true]);
    assert.deepEqual(passesBrushes(positions, [brushBetween(0.6, 0), null]), [true, true, false]);
    assert.deepEqual(passesBrushes(positions, [brushBetween(0, 1), brushBetween(0.4, 1.5)]), [
      true,
      true,
      false,
    ]);
  });

  it('puts ticks on round numbers', () => {
    assert.deepEqual(niceTicks(32, 128, 5), [40, 60, 80, 100, 120]);
    assert.deepEqual(niceTicks(0.0001, 0.003, 4), [0.001, 0.002, 0.003]);
    assert.deepEqual(niceTicks(0, 1, 6), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(niceTicks(5, 5, 5), [5]);
  });
});
