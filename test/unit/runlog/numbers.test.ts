import { strict as assert } from 'node:assert';

import { decodeMetric, encodeMetric } from '../../../src/runlog/numbers';
import { recordJson } from '../../../src/runlog/record-json';

describe('numbers in the record', () => {
  it('writes negative zero as -0, which JSON.stringify would write as 0', () => {
    const text = recordJson({ values: { x: [-0, 0, 1.5] }, name: '-0', nested: [{ y: -0 }] });
    assert.equal(text, '{"values":{"x":[-0,0,1.5]},"name":"-0","nested":[{"y":-0}]}');
    assert.ok(Object.is((JSON.parse(text) as { values: { x: number[] } }).values.x[0], -0));
  });

  it('writes everything else exactly as JSON.stringify does', () => {
    const value = { a: 'text with "quotes"', b: [1, null, true], c: { d: 1e-300 } };
    assert.equal(recordJson(value), JSON.stringify(value));
  });

  it('encodes NaN and the infinities as strings and decodes them back', () => {
    for (const value of [NaN, Infinity, -Infinity, 0.25]) {
      assert.ok(Object.is(decodeMetric(encodeMetric(value)), value));
    }

    assert.equal(encodeMetric(NaN), 'NaN');
    assert.equal(decodeMetric('nan'), undefined);
  });
});
