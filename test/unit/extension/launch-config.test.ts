import { strict as assert } from 'node:assert';

import { parseLaunchFile, withConfiguration } from '../../../src/extension/start/launch-config';

describe('saved run configurations', () => {
  it('reads a configuration with a command line, params and env', () => {
    const file = parseLaunchFile(
      JSON.stringify({
        configurations: [
          {
            name: 'baseline',
            command: 'python3 train.py --lr 0.01',
            params: { lr: 0.01 },
            env: { SEED: '1' },
            experiment: 'mnist',
          },
        ],
      }),
    );

    assert.deepEqual(file.configurations[0], {
      name: 'baseline',
      command: ['python3', 'train.py', '--lr', '0.01'],
      params: { lr: '0.01' },
      env: { SEED: '1' },
      experiment: 'mnist',
    });
  });

  it('names the field that is wrong', () => {
    assert.throws(
      () => parseLaunchFile('{"configurations":[{"name":"a","command":42}]}'),
      /configurations\[0\]\.command must be/,
    );
    assert.throws(
      () => parseLaunchFile('{"configurations":[{"name":"a","command":"x","env":{"A":{}}}]}'),
      /configurations\[0\]\.env\.A/,
    );
    assert.throws(() => parseLaunchFile('not json'), /not valid JSON/);
  });

  it('replaces a configuration of the same name when saving', () => {
    const file = parseLaunchFile('{"configurations":[{"name":"a","command":"x"}]}');
    const text = withConfiguration(file, { name: 'a', command: ['y'], params: {}, env: {} });
    assert.deepEqual(
      parseLaunchFile(text).configurations.map((entry) => entry.command),
      [['y']],
    );
  });
});
