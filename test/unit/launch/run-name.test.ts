import { strict as assert } from 'node:assert';

import { defaultRunName } from '../../../src/launch/launcher';

describe('the name of a run started without one', () => {
  const id = '20261203-184512-123-9f86d081';

  it('is the script stem and the end of the id', () => {
    assert.equal(defaultRunName(['python3', 'src/train.py', '--lr', '0.01'], id), 'train-d081');
  });

  it('falls back to the program when no argument is a file', () => {
    assert.equal(defaultRunName(['/usr/bin/make', 'all'], id), 'make-d081');
  });
});
