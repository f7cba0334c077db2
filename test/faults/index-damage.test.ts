/**
 * Fault 5: `index.sqlite` deleted, truncated, or filled with random bytes. The index is derived
 * from the record, so whatever happened to the file, the next open rebuilds it, equal to the
 * one before, and the CLI answers as it did.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IndexOrigin } from '../../src/runindex/run-index';
import { RunIndex } from '../../src/runindex/run-index';
import { RunWriter } from '../../src/runlog/run-writer';
import { StoreLayout } from '../../src/store/layout';
import { appendEdit, trashRun } from '../../src/store/run-edits';
import { cleanEnv, runCli, scratchFolder } from '../unit/launch/processes';
import { snapshot } from '../unit/runindex/index-snapshot';

/** A store with finished, failed, renamed, tagged, noted, deleted and damaged runs. */
function varietyStore(): StoreLayout {
  const layout = new StoreLayout(join(scratchFolder(), '.labbook'));
  const runs = [
    { name: 'run-baseline', lr: 0.01, status: 'finished' as const, final: 0.31 },
    { name: 'run-higher-lr', lr: 0.1, status: 'failed' as const, final: Number.NaN },
    { name: 'run-small', lr: 0.001, status: 'finished' as const, final: 0.45 },
    { name: 'run-diverged', lr: 1, status: 'killed' as const, final: Infinity },
  ];
  const ids = runs.map((spec, index) => {
    const writer = RunWriter.start(layout, {
      writer: 'test',
      name: spec.name,
      experiment: index % 2 ? 'sweep' : 'Default',
      params: { lr: spec.lr, optimizer: index % 2 ? 'sgd' : 'adam' },
      tags: { stage: index === 0 ? 'final' : 'explore' },
    });
    for (let step = 0; step < 300; step += 1) {
      writer.log({ loss: 1 / (step + 1) + spec.lr, accuracy: step / 300 }, step);
    }

    writer.log({ loss: spec.final }, 300);
    writer.end(spec.status, { exitCode: spec.status === 'finished' ? 0 : 1 });
    return { id: writer.id, dir: writer.dir, name: spec.name };
  });

  const [baseline, higher, small] = ids as [(typeof ids)[0], (typeof ids)[0], (typeof ids)[0]];
  appendEdit(layout, { ...baseline, status: 'finished' }, 'cli', (writer) => {
    writer.rename('baseline (kept)');
    writer.setTags({ reviewed: 'yes', stage: null });
    writer.note('Best so far.', 'Keep this one');
  });
  trashRun(layout, { ...higher, status: 'failed' }, 'cli');
  writeFileSync(join(small.dir, 'events-extra.jsonl'), 'not json at all\n');
  return layout;
}

type Damage = (path: string) => void;

const DAMAGES: [string, Damage, IndexOrigin][] = [
  ['deleted', (path) => rmSync(path), 'missing'],
  ['truncated to nothing', (path) => truncateSync(path, 0), 'corrupt'],
  [
    'truncated to half',
    (path) => truncateSync(path, Math.floor(statSync(path).size / 2)),
    'corrupt',
  ],
  [
    'filled with random bytes',
    (path) => writeFileSync(path, randomBytes(statSync(path).size)),
    'corrupt',
  ],
  [
    'random bytes after a valid header',
    (path) => {
      const data = readFileSync(path);
      randomBytes(data.length - 100).copy(data, 100);
      writeFileSync(path, data);
    },
    'corrupt',
  ],
  [
    'its last page random',
    (path) => {
      const data = readFileSync(path);
      const pageSize = data.readUInt16BE(16) || 65536;
      randomBytes(pageSize).copy(data, data.length - pageSize);
      writeFileSync(path, data);
    },
    'corrupt',
  ],
  [
    'one data page zeroed',
    (path) => {
      const data = readFileSync(path);
      const pageSize = data.readUInt16BE(16) || 65536;
      data.fill(0, pageSize * 3, pageSize * 4);
      writeFileSync(path, data);
    },
    'corrupt',
  ],
  [
    'random pages in the middle',
    (path) => {
      const data = readFileSync(path);
      const pageSize = data.readUInt16BE(16) || 65536;
      for (let page = 2; page * pageSize < data.length; page += 3) {
        randomBytes(pageSize).copy(data, page * pageSize);
      }

      writeFileSync(path, data);
    },
    'corrupt',
  ],
];

describe('fault 5: index.sqlite is damaged', function () {
  this.timeout(60_000);

  for (const [what, damage, origin] of DAMAGES) {
    it(`rebuilds an equal index when the file is ${what}`, async () => {
      const layout = varietyStore();
      const original = await RunIndex.open(layout);
      original.catchUp();
      const before = snapshot(original);
      original.persist();
      original.close();

      damage(layout.indexPath);
      const rebuilt = await RunIndex.open(layout);
      try {
        rebuilt.catchUp();
        const after = snapshot(rebuilt);
        assert.ok(
          rebuilt.origin === origin || (origin === 'corrupt' && rebuilt.origin === 'loaded'),
          `opened as ${rebuilt.origin}`,
        );
        assert.deepStrictEqual(after, before);
        rebuilt.persist();
      } finally {
        rebuilt.close();
      }

      const reopened = await RunIndex.open(layout);
      try {
        assert.equal(reopened.origin, 'loaded', 'the rebuilt index is saved whole');
        reopened.catchUp();
        assert.deepStrictEqual(snapshot(reopened), before);
      } finally {
        reopened.close();
      }
    });
  }

  it('answers the CLI as before when the file is filled with random bytes', async () => {
    const layout = varietyStore();
    const env = cleanEnv({ LABBOOK_STORE: layout.root });
    const folder = join(layout.root, '..');
    const before = await runCli(['ls', '--json'], folder, env);
    assert.equal(before.code, 0, before.stderr);

    writeFileSync(layout.indexPath, randomBytes(statSync(layout.indexPath).size));
    const after = await runCli(['ls', '--json'], folder, env);
    assert.equal(after.code, 0, after.stderr);
    assert.deepEqual(JSON.parse(after.stdout), JSON.parse(before.stdout));
    assert.doesNotMatch(after.stderr, /unexpected error|\n\s+at /);
  });
});
