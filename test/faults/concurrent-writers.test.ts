/**
 * Fault 6: several processes write the same store at once, and several CLI processes edit the
 * same run at once. Every writer has its own record file, so nothing interleaves: every run is
 * whole, every edit is kept, and the index that they all save in turn stays usable.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { RunWriter } from '../../src/runlog/run-writer';
import { StoreLayout } from '../../src/store/layout';
import {
  cleanEnv,
  completion,
  type Finished,
  hasPython,
  REPO_ROOT,
  runCli,
  scratchFolder,
} from '../unit/launch/processes';
import { readRun, runFolders } from '../unit/launch/run-folder';
import { writeScript } from './fault-helpers';

const STEPS = 200;
const EDITORS = 6;

/** Logs through the SDK and prints a scalar, STEPS times; argv[1] names the run. */
const WRITING_SCRIPT = `
import sys, labbook
run = labbook.init(name=sys.argv[1])
for step in range(${STEPS}):
    run.log({"sdk_loss": step / ${STEPS}}, step=step)
    print("printed: %d" % step, flush=True)
`;

function start(command: string, args: string[], folder: string, store: string): Promise<Finished> {
  const child = spawn(command, args, {
    cwd: folder,
    env: cleanEnv({ LABBOOK_STORE: store, PYTHONPATH: join(REPO_ROOT, 'sdk', 'python') }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return completion(child);
}

describe('fault 6: concurrent writers and editors of one store', function () {
  this.timeout(120_000);

  it('keeps every run whole when launched runs, SDK runs and readers share the store', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const folder = scratchFolder();
    const store = join(folder, '.labbook');
    const script = writeScript(folder, 'write.py', WRITING_SCRIPT);
    const cli = join(REPO_ROOT, 'dist', 'cli.js');
    const launched = [1, 2, 3].map((n) =>
      start(
        process.execPath,
        [cli, 'run', '--', 'python3', script, `launched-${n}`],
        folder,
        store,
      ),
    );
    const direct = [1, 2].map((n) => start('python3', [script, `sdk-${n}`], folder, store));
    const readers = [1, 2, 3, 4].map(() =>
      start(process.execPath, [cli, 'ls', '--json'], folder, store),
    );

    for (const result of await Promise.all([...launched, ...direct])) {
      assert.equal(result.code, 0, result.stderr);
    }

    for (const result of await Promise.all(readers)) {
      assert.ok(result.code === 0 || /no Labbook store/.test(result.stderr), result.stderr);
      assert.doesNotMatch(result.stderr, /unexpected error/);
    }

    const folders = runFolders(store);
    assert.equal(folders.length, 5);
    const names: string[] = [];
    for (const runDir of folders) {
      const run = readRun(runDir);
      names.push(run.events.find((event) => event.type === 'rename')?.name ?? run.start.name);
      assert.equal(run.metrics.get('sdk_loss')?.length, STEPS, `${runDir} lost SDK points`);
      if (run.start.writer === 'launcher') {
        assert.equal(run.metrics.get('printed')?.length, STEPS, `${runDir} lost stdout scalars`);
      }
    }

    assert.deepEqual(names.sort(), ['launched-1', 'launched-2', 'launched-3', 'sdk-1', 'sdk-2']);
    const index = await RunIndex.open(new StoreLayout(store));
    try {
      assert.deepEqual(index.catchUp().badLines, []);
      assert.deepEqual(
        index.listRuns().map((run) => run.status),
        ['finished', 'finished', 'finished', 'finished', 'finished'],
      );
    } finally {
      index.close();
    }
  });

  it('keeps every tag and note when many CLI processes edit one run at once', async () => {
    const folder = scratchFolder();
    const store = join(folder, '.labbook');
    const writer = RunWriter.start(new StoreLayout(store), { writer: 'test', name: 'shared' });
    writer.log({ loss: 0.5 }, 0);
    writer.end('finished', { exitCode: 0 });
    const env = cleanEnv({ LABBOOK_STORE: store });
    const editors = Array.from({ length: EDITORS }, (_, n) => [
      runCli(['tag', 'shared', `editor-${n}=done`, `contested=value-${n}`], folder, env),
      runCli(['note', 'shared', `note from editor ${n}`], folder, env),
    ]).flat();

    for (const result of await Promise.all(editors)) {
      assert.equal(result.code, 0, result.stderr);
    }

    const shown = await runCli(['show', 'shared', '--json'], folder, env);
    assert.equal(shown.code, 0, shown.stderr);
    const run = JSON.parse(shown.stdout) as {
      tags: Record<string, string>;
      notes: { text: string }[];
    };
    assert.deepEqual(
      run.notes.map((note) => note.text).sort(),
      Array.from({ length: EDITORS }, (_, n) => `note from editor ${n}`),
    );
    for (let n = 0; n < EDITORS; n += 1) {
      assert.equal(run.tags[`editor-${n}`], 'done');
    }

    assert.match(run.tags.contested ?? '', /^value-\d$/);
    const editFiles = readdirSync(writer.dir).filter((name) => name.startsWith('events-cli-'));
    assert.equal(editFiles.length, 2 * EDITORS, 'one record file per edit');
    readRun(writer.dir);

    const fresh = await RunIndex.open(new StoreLayout(store));
    try {
      fresh.rebuild();
      assert.equal(fresh.getRun('shared').tags.contested, run.tags.contested, 'the same winner');
    } finally {
      fresh.close();
    }
  });
});
