/** A store of three runs, written by the real writer, for the CLI tests. */
import { RunWriter } from '../../../src/runlog/run-writer';
import type { StoreLayout } from '../../../src/store/layout';
import { tempStore } from '../helpers/temp-store';

export interface CliStore {
  layout: StoreLayout;
  ids: { baseline: string; wide: string; diverged: string };
}

export function cliStore(): CliStore {
  const layout = tempStore();
  const baseline = RunWriter.start(layout, {
    writer: 'test',
    name: 'baseline',
    experiment: 'mnist',
    command: ['python', 'train.py', '--lr', '0.1'],
    params: { lr: 0.1, optimizer: 'sgd', epochs: 3 },
    tags: { stage: 'dev' },
    git: { commit: '0123456789abcdef0123', branch: 'main', remote: null, dirty: false },
  });
  for (let step = 0; step < 300; step += 1) {
    baseline.log({ loss: 1 / (step + 1), acc: step / 300 }, step);
  }

  baseline.end('finished', { exitCode: 0 });

  const wide = RunWriter.start(layout, {
    writer: 'test',
    name: `wide-${'very-long-name-'.repeat(8)}`,
    experiment: 'mnist',
    params: { lr: 0.01, optimizer: 'adam', epochs: 3 },
  });
  wide.log({ loss: 0.05, acc: 0.97 }, 0);
  wide.end('finished', { exitCode: 0 });

  const diverged = RunWriter.start(layout, {
    writer: 'test',
    name: 'diverged',
    experiment: 'cifar',
    params: { lr: 10, seed: NaN },
  });
  diverged.log({ loss: 5 }, 0);
  diverged.log({ loss: Infinity }, 1);
  diverged.log({ loss: NaN }, 2);
  diverged.end('failed', { exitCode: 1 });

  return { layout, ids: { baseline: baseline.id, wide: wide.id, diverged: diverged.id } };
}
