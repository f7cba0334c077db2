/**
 * Fault 7: two VS Code windows on one store. Each window keeps its own index in memory, edits
 * the runs through record files of its own, catches up when the store changes, and saves the
 * index to the one shared `index.sqlite` now and then, so a window may save an index that
 * lags the other's latest edit. Neither window may lose the other's edits, and what a window
 * shows must never go back to an older state (no flip-flop), also in a window opened later
 * from whichever index was saved last.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { RunWriter } from '../../src/runlog/run-writer';
import { StoreLayout } from '../../src/store/layout';
import { appendEdit } from '../../src/store/run-edits';
import { scratchFolder } from '../unit/launch/processes';

const ROUNDS = 14;

/** What a window shows of the shared run. */
interface Shown {
  name: string;
  tags: Record<string, string>;
  notes: string[];
}

function shown(index: RunIndex, runId: string): Shown {
  index.catchUp();
  const run = index.getRun(runId, 'any');
  return { name: run.name, tags: run.tags, notes: run.notes.map((note) => note.text).sort() };
}

/** What every window must show once it has caught up after `round` edits (0-based, inclusive). */
function expected(round: number): Shown {
  const tags: Record<string, string> = { latest: `round-${round}` };
  const notes: string[] = [];
  let name = 'shared';
  for (let each = 0; each <= round; each += 1) {
    tags[`window-${each % 2 === 0 ? 'a' : 'b'}-${each}`] = 'kept';
    notes.push(`note ${String(each).padStart(2, '0')}`);
    if (each % 3 === 2) {
      name = `renamed in round ${each}`;
    }
  }

  return { name, tags, notes };
}

for (const [variant, offsetMs] of [
  ['just after the edits', 0],
  ['once the runs have settled', 10_000],
] as const) {
  describe(`fault 7: two windows on one store, read ${variant}`, function () {
    this.timeout(60_000);

    it('loses neither window’s edits and never shows an older state', async () => {
      const layout = new StoreLayout(join(scratchFolder(), '.labbook'));
      const writer = RunWriter.start(layout, { writer: 'test', name: 'shared' });
      writer.log({ loss: 0.5 }, 0);
      writer.end('finished', { exitCode: 0 });
      const run = { id: writer.id, name: 'shared', dir: writer.dir, status: 'finished' as const };
      const clock = (): number => Date.now() + offsetMs;
      const windows = [
        await RunIndex.open(layout, { clock }),
        await RunIndex.open(layout, { clock }),
      ];
      const [first, second] = windows as [RunIndex, RunIndex];
      first.catchUp();
      second.catchUp();

      try {
        for (let round = 0; round < ROUNDS; round += 1) {
          const editing = round % 2 === 0 ? first : second;
          const other = editing === first ? second : first;
          // The other window caught up before this edit and saves its index after it: a save
          // that lags one edit behind, as a window whose watcher has not fired yet does.
          other.catchUp();
          appendEdit(layout, run, 'extension', (edit) => {
            edit.setTags({ [`window-${editing === first ? 'a' : 'b'}-${round}`]: 'kept' });
            edit.setTags({ latest: `round-${round}` });
            edit.note(`note ${String(round).padStart(2, '0')}`);
            if (round % 3 === 2) {
              edit.rename(`renamed in round ${round}`);
            }
          });
          editing.catchUp();
          editing.persist();
          other.persist();

          const later = await RunIndex.open(layout, { clock });
          try {
            const want = expected(round);
            assert.deepEqual(shown(first, run.id), want, `window A after round ${round}`);
            assert.deepEqual(shown(second, run.id), want, `window B after round ${round}`);
            assert.deepEqual(shown(later, run.id), want, `a window opened after round ${round}`);
            later.persist();
          } finally {
            later.close();
          }
        }
      } finally {
        first.close();
        second.close();
      }
    });
  });
}
