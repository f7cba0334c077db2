import { strict as assert } from 'node:assert';

import {
  paramEnvironment,
  parseAssignment,
  recordedParams,
  substituteParams,
} from '../../../src/launch/params';

describe('command params', () => {
  const params = [
    { key: 'lr', text: '0.01' },
    { key: 'model.depth', text: '12' },
    { key: 'optimizer', text: 'adam' },
    { key: 'amp', text: 'true' },
  ];

  it('records numbers and booleans with their types', () => {
    assert.deepEqual(recordedParams(params), {
      lr: 0.01,
      'model.depth': 12,
      optimizer: 'adam',
      amp: true,
    });
  });

  it('passes each param as LABBOOK_PARAM_<KEY>', () => {
    assert.deepEqual(paramEnvironment(params), {
      LABBOOK_PARAM_LR: '0.01',
      LABBOOK_PARAM_MODEL_DEPTH: '12',
      LABBOOK_PARAM_OPTIMIZER: 'adam',
      LABBOOK_PARAM_AMP: 'true',
    });
  });

  it('substitutes ${key} in arguments and leaves unknown names as typed', () => {
    assert.deepEqual(substituteParams(['--lr=${lr}', '${model.depth}', '${HOME}'], params), [
      '--lr=0.01',
      '12',
      '${HOME}',
    ]);
  });

  it('refuses an assignment without a key', () => {
    assert.throws(() => parseAssignment('=3', '--param'), /KEY=VALUE/);
    assert.deepEqual(parseAssignment('a=b=c', '--param'), { key: 'a', value: 'b=c' });
  });
});
