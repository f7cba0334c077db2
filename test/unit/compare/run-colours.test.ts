import { strict as assert } from 'node:assert';

import {
  assignColourSlots,
  colourOfSlot,
  PALETTE_SIZE,
} from '../../../src/compare-logic/run-colours';

const ids = Array.from({ length: 20 }, (_, index) => `20260105-100000-000-${index}abc`);

describe('run colours', () => {
  it('gives every selected run its own slot', () => {
    const slots = assignColourSlots(ids);
    assert.equal(new Set(slots.values()).size, ids.length);
  });

  it('uses distinct palette hues while the selection fits the palette', () => {
    const slots = assignColourSlots(ids.slice(0, PALETTE_SIZE));
    assert.ok([...slots.values()].every((slot) => slot < PALETTE_SIZE));
  });

  it('keeps the colours of runs already shown when runs are added', () => {
    const before = assignColourSlots(ids.slice(0, 3));
    const after = assignColourSlots(ids.slice(0, 8), before);
    for (const id of ids.slice(0, 3)) {
      assert.equal(after.get(id), before.get(id));
    }
  });

  it('is the same for the same selection', () => {
    assert.deepEqual(assignColourSlots(ids), assignColourSlots(ids));
  });

  it('draws lines darker on light themes than on dark ones', () => {
    const lightness = (colour: string): number => Number(colour.split(',')[2].replace('%', ''));
    assert.ok(lightness(colourOfSlot(0, 'light')) < lightness(colourOfSlot(0, 'dark')));
    assert.match(colourOfSlot(3, 'dark', 0.25), /^hsla\(\d+, \d+%, \d+%, 0\.25\)$/);
  });
});
