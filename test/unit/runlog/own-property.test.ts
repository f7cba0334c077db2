import { strict as assert } from 'node:assert';

import { setOwnProperty } from '../../../src/runlog/own-property';

describe('setOwnProperty', () => {
  it('keeps __proto__ as an ordinary key and leaves the prototype alone', () => {
    const target: Record<string, number> = {};
    setOwnProperty(target, '__proto__', 1);

    assert.equal(Object.getPrototypeOf(target), Object.prototype);
    assert.deepEqual(Object.keys(target), ['__proto__']);
    assert.equal(JSON.stringify(target), '{"__proto__":1}');
  });

  it('makes keys that Object.prototype also has into own, enumerable keys', () => {
    const target: Record<string, number> = {};
    for (const [position, key] of ['constructor', 'toString', 'hasOwnProperty'].entries()) {
      setOwnProperty(target, key, position);
    }

    assert.deepEqual(Object.entries(target), [
      ['constructor', 0],
      ['toString', 1],
      ['hasOwnProperty', 2],
    ]);
  });

  it('replaces a value set before, in its first place', () => {
    const target: Record<string, number> = {};
    setOwnProperty(target, 'lr', 0.1);
    setOwnProperty(target, 'epochs', 5);
    setOwnProperty(target, 'lr', 0.01);

    assert.deepEqual(Object.entries(target), [
      ['lr', 0.01],
      ['epochs', 5],
    ]);
  });
});
