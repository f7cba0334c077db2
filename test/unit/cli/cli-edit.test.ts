import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, rmSync } from 'node:fs';

import { RunWriter } from '../../../src/runlog/run-writer';
import { labbook } from '../helpers/capture-cli';
import { cliStore } from './cli-store';

function showJson(root: string, run: string): Promise<Record<string, unknown>> {
  return labbook(root, 'show', run, '--json').then(
    ({ stdout }) => JSON.parse(stdout) as Record<string, unknown>,
  );
}

describe('labbook edits', () => {
  it('tags a run through a record file of its own', async () => {
    const { layout, ids } = cliStore();
    const { code, stdout } = await labbook(
      layout.root,
      'tag',
      'baseline',
      'stage=final',
      'owner=ana=b',
    );
    assert.equal(code, 0);
    assert.equal(stdout, `Tagged baseline (${ids.baseline}): stage=final, owner=ana=b\n`);
    assert.deepEqual((await showJson(layout.root, 'baseline')).tags, {
      owner: 'ana=b',
      stage: 'final',
    });
    assert.ok(
      readdirSync(layout.runDir(ids.baseline)).some((name) =>
        /^events-cli-\d+-[0-9a-f]+\.jsonl$/.test(name),
      ),
    );

    const bad = await labbook(layout.root, 'tag', 'baseline', 'stage');
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /^labbook tag: expected KEY=VALUE, not "stage"\. Usage: labbook tag RUN KEY=VALUE/,
    );
  });

  it('adds notes and decisions', async () => {
    const { layout, ids } = cliStore();
    assert.equal(
      (await labbook(layout.root, 'note', 'diverged', 'lr', 'too', 'high')).stdout,
      `Added a note to diverged (${ids.diverged}).\n`,
    );
    await labbook(layout.root, 'note', 'diverged', 'drop lr 10', '--decision', 'Abandon');
    const notes = (await showJson(layout.root, 'diverged')).notes as Record<string, unknown>[];
    assert.deepEqual(
      notes.map(({ text, decision }) => [text, decision]),
      [
        ['lr too high', undefined],
        ['drop lr 10', 'Abandon'],
      ],
    );

    const human = await labbook(layout.root, 'show', 'diverged');
    assert.match(
      human.stdout,
      /\nNotes\nTIME\s+USER\s+NOTE\n.*lr too high\n.*Abandon: drop lr 10\n/,
    );
  });

  it('renames a run, which is then found by its new name', async () => {
    const { layout, ids } = cliStore();
    const { stdout } = await labbook(layout.root, 'rename', 'baseline', 'reference');
    assert.equal(stdout, `Renamed ${ids.baseline} from "baseline" to "reference".\n`);
    assert.equal((await showJson(layout.root, 'reference')).id, ids.baseline);
    assert.equal((await labbook(layout.root, 'show', 'baseline')).code, 1);
  });

  it('moves a run to the trash and back, keeping it out of ls meanwhile', async () => {
    const { layout, ids } = cliStore();
    const deleted = await labbook(layout.root, 'delete', 'diverged');
    assert.equal(
      deleted.stdout,
      `Moved diverged (${ids.diverged}) to the trash; "labbook restore ${ids.diverged}" brings it back.\n`,
    );
    assert.ok(existsSync(layout.trashedRunDir(ids.diverged)));
    assert.ok(!(await labbook(layout.root, 'ls')).stdout.includes(ids.diverged));
    assert.equal((await showJson(layout.root, ids.diverged)).location, 'trash');

    const restored = await labbook(layout.root, 'restore', 'diverged');
    assert.equal(restored.stdout, `Restored diverged (${ids.diverged}).\n`);
    assert.ok(existsSync(layout.runDir(ids.diverged)));
    assert.ok((await labbook(layout.root, 'ls')).stdout.includes(ids.diverged));

    const again = await labbook(layout.root, 'restore', 'diverged');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /No run has the id, id prefix or name "diverged"/);
  });

  it('refuses to delete a run that is still running', async () => {
    const { layout } = cliStore();
    const live = RunWriter.start(layout, { writer: 'test', name: 'live' });
    const { code, stderr } = await labbook(layout.root, 'delete', 'live');
    live.end('finished');
    assert.equal(code, 1);
    assert.equal(
      stderr,
      'labbook delete: The run live is still running; stop it before deleting it.\n',
    );
  });

  it('keeps every edit when the index is rebuilt', async () => {
    const { layout, ids } = cliStore();
    await labbook(layout.root, 'tag', 'baseline', 'stage=final');
    await labbook(layout.root, 'note', 'baseline', 'good');
    await labbook(layout.root, 'rename', 'baseline', 'reference');
    await labbook(layout.root, 'delete', 'diverged');
    const before = (await labbook(layout.root, 'ls', '--json')).stdout;

    rmSync(layout.indexPath);
    const rebuilt = await labbook(layout.root, 'rebuild');
    assert.equal(
      rebuilt.stdout,
      `Rebuilt the index of ${layout.root}: 2 runs, 1 in the trash, 605 metric points, 0 bad lines.\n`,
    );
    assert.equal((await labbook(layout.root, 'ls', '--json')).stdout, before);
    const reference = await showJson(layout.root, ids.baseline);
    assert.equal(reference.name, 'reference');
    assert.deepEqual(reference.tags, { stage: 'final' });
    assert.equal((reference.notes as unknown[]).length, 1);
  });
});
