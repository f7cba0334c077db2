import { strict as assert } from 'node:assert';

import { argparseDefaults, flagsOf, withFlags } from '../../../src/extension/start/script-flags';

describe('editable params from a command', () => {
  it('reads --name value and --name=value pairs, ignoring bare switches', () => {
    const argv = ['python3', 'train.py', '--lr', '0.01', '--epochs=5', '--verbose', '--seed', '3'];
    assert.deepEqual(flagsOf(argv), { lr: '0.01', epochs: '5', seed: '3' });
  });

  it('writes edited values back in place and appends new ones', () => {
    const argv = ['python3', 'train.py', '--lr', '0.01', '--epochs=5'];
    const edited = withFlags(argv, { lr: '0.1', epochs: '7', seed: '1' });
    assert.deepEqual(edited, ['python3', 'train.py', '--lr', '0.1', '--epochs=7', '--seed', '1']);
  });

  it('reads argparse defaults from Python source, skipping None', () => {
    const source = [
      'parser.add_argument("--lr", type=float, default=0.01)',
      "parser.add_argument('--batch-size', default='32', help='size')",
      'parser.add_argument("--resume", default=None)',
    ].join('\n');
    assert.deepEqual(argparseDefaults(source), { lr: '0.01', 'batch-size': '32' });
  });
});
