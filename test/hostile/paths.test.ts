/**
 * Paths: artifact names that climb out, are absolute or are Windows devices; symlinks planted
 * in a run folder; and paths a hand-written record points at. Nothing is ever written outside
 * the run folder, and nothing outside it is opened or shown as the run's.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runLogText } from '../../src/extension/explorer/run-log-text';
import { StoreLayout } from '../../src/store/layout';
import { mainRecord, startEvent } from '../unit/helpers/record-lines';
import { sectionLeaves } from '../../src/extension/explorer/run-sections';
import {
  ARTIFACT_NAMES,
  ARTIFACT_SYMLINKS,
  RECORDED_PATHS,
  type RecordedPathInput,
} from './corpus';
import { handRunId, HostileFolder, itEachCase } from './hostile-helpers';

const VICTIM = 'a file of the person who opened the repository\n';

/** A store with a folder beside it that no case may write into or read from. */
class PathsFolder extends HostileFolder {
  readonly outside = join(this.folder, 'outside');
  readonly victim = join(this.outside, 'victim.txt');
  readonly source = join(this.folder, 'model.bin');

  constructor() {
    super();
    mkdirSync(this.outside);
    writeFileSync(this.victim, VICTIM);
    writeFileSync(this.source, 'weights');
  }

  /** Fails unless the outside folder still holds only the untouched victim file. */
  assertOutsideUntouched(): void {
    assert.deepEqual(readdirSync(this.outside), ['victim.txt']);
    assert.equal(readFileSync(this.victim, 'utf8'), VICTIM);
  }

  /** `{outside}` in a case's text, made absolute. */
  placed(text: string): string {
    return text.replaceAll('{outside}', this.outside);
  }
}

/** The Node program of an artifact case: it prints the refusal, or ACCEPTED. */
function nodeArtifact(source: string, name: string, link?: { at: string; to: string }): string {
  const plant = link
    ? [
        `const fs = require('fs'), path = require('path');`,
        `fs.mkdirSync(path.join(run.dir, 'artifacts'), { recursive: true });`,
        `const link = path.join(run.dir, 'artifacts', ${JSON.stringify(link.at)});`,
        `fs.symlinkSync(${JSON.stringify(link.to)}, link);`,
      ]
    : [];
  return [
    `const run = labbook.init({ name: 'artifact' });`,
    ...plant,
    `try {`,
    `  run.logArtifact(${JSON.stringify(source)}, ${JSON.stringify(name)});`,
    `  console.log('ACCEPTED');`,
    `} catch (error) {`,
    `  console.log(error.constructor.name + ': ' + error.message);`,
    `}`,
  ].join('\n');
}

function pythonArtifact(source: string, name: string, link: { at: string; to: string }): string {
  return [
    'import os, labbook',
    'run = labbook.init(name="artifact")',
    ...(link.at
      ? [
          'os.makedirs(os.path.join(run.dir, "artifacts"), exist_ok=True)',
          `link = os.path.join(run.dir, "artifacts", ${JSON.stringify(link.at)})`,
          `os.symlink(${JSON.stringify(link.to)}, link)`,
        ]
      : []),
    'try:',
    `    labbook.log_artifact(${JSON.stringify(source)}, ${JSON.stringify(name)})`,
    '    print("ACCEPTED")',
    'except ValueError as error:',
    '    print("ValueError: %s" % error)',
  ].join('\n');
}

/** Writes a run whose record or folder points out, as the case says; returns its id. */
function plantRecordedPath(store: PathsFolder, input: RecordedPathInput, n: number): string {
  const id = handRunId(n);
  const runDir = store.layout.runDir(id);
  if (input.kind === 'run folder symlink') {
    // A whole run, written elsewhere, that the link would bring into the store if followed.
    const elsewhere = new StoreLayout(join(store.folder, 'elsewhere'));
    mkdirSync(elsewhere.runsDir, { recursive: true });
    mainRecord(elsewhere, id).add(startEvent(id));
    mkdirSync(store.layout.runsDir, { recursive: true });
    symlinkSync(elsewhere.runDir(id), runDir);
    return id;
  }

  if (input.kind === 'patch path') {
    const git = { commit: 'abc', branch: 'main', remote: null, dirty: true, patch: input.path };
    store.handWritten(id, { git });
    return id;
  }

  const record = store.handWritten(id);
  const artifact = { type: 'artifact', name: 'model', sha256: '00', size: 7 };
  if (input.kind === 'artifact event') {
    record.add({ ...artifact, path: store.placed(input.path) });
  } else if (input.kind === 'artifact symlink') {
    mkdirSync(join(runDir, 'artifacts'));
    symlinkSync(store.victim, join(runDir, 'artifacts', 'model.pt'));
    record.add({ ...artifact, path: 'artifacts/model.pt' });
  } else {
    symlinkSync(store.victim, join(runDir, 'stdout.log'));
  }

  return id;
}

describe('hostile input: paths', function () {
  this.timeout(60_000);

  itEachCase(
    ARTIFACT_NAMES,
    async (entry, store) => {
      const name = store.placed(entry.input.artifactName);
      const done = await store.node(nodeArtifact(store.source, name));
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /^RangeError: /);
      assert.match(done.stdout, entry.input.message);
      store.assertOutsideUntouched();
      const [runId] = readdirSync(store.layout.runsDir);
      const runFiles = readdirSync(store.layout.runDir(runId as string), { recursive: true });
      assert.ok(!runFiles.some((file) => String(file).startsWith('artifacts')), 'a copy was made');
    },
    { prefix: 'an artifact named as ', makeStore: () => new PathsFolder() },
  );

  itEachCase(
    ARTIFACT_SYMLINKS,
    async (entry, store) => {
      const { link, target, artifactName, sdk, message } = entry.input;
      const planted = { at: link, to: target === 'folder' ? store.outside : store.victim };
      const done =
        sdk === 'node'
          ? await store.node(nodeArtifact(store.source, artifactName, planted))
          : await store.python(pythonArtifact(store.source, artifactName, planted));
      assert.equal(done.code, 0, done.stderr);
      assert.doesNotMatch(done.stdout, /ACCEPTED/);
      assert.match(done.stdout, message);
      store.assertOutsideUntouched();
    },
    { makeStore: () => new PathsFolder() },
  );

  RECORDED_PATHS.forEach((entry, at) => {
    it(`${entry.name}: ${entry.expected}`, async () => {
      const store = new PathsFolder();
      try {
        const id = plantRecordedPath(store, entry.input, at + 1);
        const index = await store.index();
        try {
          const { kind } = entry.input;
          if (kind === 'run folder symlink') {
            assert.deepEqual(index.listRuns(), []);
            const edit = await store.labbook(['tag', id, 'stage=final']);
            assert.equal(edit.code, 1);
            assert.match(edit.stderr, /No run has the id/);
            const linked = join(store.folder, 'elsewhere', 'runs', id);
            assert.deepEqual(
              readdirSync(linked),
              ['events.jsonl'],
              'an edit wrote through the link',
            );
          } else if (kind === 'artifact event' || kind === 'patch path') {
            const bad = index.badLines().map((line) => line.reason);
            assert.equal(bad.length, 1, JSON.stringify(bad));
            assert.match(bad[0] as string, /inside the run folder/);
            const run = index.getRun(id);
            assert.deepEqual(sectionLeaves(run, 'artifacts'), []);
            assert.equal(run.gitState, null);
          } else if (kind === 'artifact symlink') {
            const [leaf] = sectionLeaves(index.getRun(id), 'artifacts');
            assert.ok(leaf && leaf.kind === 'leaf', 'the artifact has a row');
            assert.equal(leaf.open, undefined, 'the row opens the file outside');
            assert.match(leaf.tooltip ?? '', /leads out of the run folder/);
          } else {
            const text = runLogText(store.layout, id, 'stdout.log');
            assert.doesNotMatch(text, /person who opened/);
            assert.match(text, /leads out of its run folder/);
          }
        } finally {
          index.close();
        }

        store.assertOutsideUntouched();
      } finally {
        store.remove();
      }
    });
  });
});
