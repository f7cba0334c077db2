import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  cleanEnv,
  completion,
  type Finished,
  REPO_ROOT,
  runCli,
  scratchFolder,
} from '../launch/processes';
import { readRun, runFolders } from '../launch/run-folder';

const SDK = join(REPO_ROOT, 'sdk', 'node', 'dist', 'index.js');

function script(folder: string, body: string): string {
  const path = join(folder, 'train.js');
  writeFileSync(path, `const labbook = require(${JSON.stringify(SDK)});\n${body}\n`);
  return path;
}

/** Runs a script of these lines with plain `node`, not through the launcher. */
async function runScript(lines: string[]): Promise<Finished & { folder: string }> {
  const folder = scratchFolder();
  const path = script(folder, lines.join('\n'));
  const done = await completion(spawn(process.execPath, [path], { cwd: folder, env: cleanEnv() }));
  return { ...done, folder };
}

describe('the Node SDK', () => {
  it('creates a run in the nearest store and finishes it at exit', async () => {
    const done = await runScript([
      "labbook.init({ name: 'node run', params: { lr: 0.1 } });",
      'for (let i = 0; i < 3; i++) { labbook.log({ loss: 1 / (i + 1) }); }',
      "labbook.setTags({ kind: 'demo' });",
      "try { labbook.log({ loss: 'high' }); } catch (e) { console.log(e.constructor.name, e.message); }",
      'labbook.log({ loss: 0.1 });',
    ]);

    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /TypeError The metric "loss" must be a number/);
    const summary = readRun(runFolders(join(done.folder, '.labbook'))[0] as string);
    assert.equal(summary.start.writer, 'node-sdk');
    assert.equal(summary.start.name, 'node run');
    assert.deepEqual(summary.params, { lr: 0.1 });
    assert.deepEqual(summary.tags, { kind: 'demo' });
    assert.deepEqual(
      summary.metrics.get('loss')?.map(([step]) => step),
      [0, 1, 2, 3],
    );
    assert.equal(summary.end?.status, 'finished');
  });

  it('marks the run failed with the stack when the program throws', async () => {
    const done = await runScript(['labbook.log({ loss: 1 });', "throw new Error('diverged');"]);

    assert.notEqual(done.code, 0);
    const summary = readRun(runFolders(join(done.folder, '.labbook'))[0] as string);
    assert.equal(summary.end?.status, 'failed');
    assert.match(summary.end?.error ?? '', /Error: diverged/);
    assert.deepEqual(summary.metrics.get('loss'), [[0, 1]]);
  });

  it('refuses a tag that is an object or an array, naming it, and the run goes on', async () => {
    const done = await runScript([
      "labbook.init({ name: 'tags' });",
      'for (const value of [{ a: 1 }, [1, 2]]) {',
      '  try { labbook.setTags({ cfg: value }); } catch (error) { console.log(error.message); }',
      '}',
      "labbook.setTags({ stage: 'final', seed: 7 });",
    ]);

    assert.equal(done.code, 0, done.stderr);
    assert.deepEqual(done.stdout.trim().split('\n'), [
      'tag "cfg" must be text, a number or a boolean, not object',
      'tag "cfg" must be text, a number or a boolean, not object',
    ]);
    const summary = readRun(runFolders(join(done.folder, '.labbook'))[0] as string);
    assert.deepEqual(summary.tags, { stage: 'final', seed: '7' });
  });

  it('warns that an experiment given to an attached script is ignored', async () => {
    const folder = scratchFolder();
    const path = script(folder, "labbook.init({ experiment: 'from-sdk' });");
    const done = await runCli(
      ['run', '--experiment', 'sweep', '--', process.execPath, path],
      folder,
    );

    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stderr, /LabbookWarning: experiment "from-sdk" is ignored/);
    const summary = readRun(runFolders(join(folder, '.labbook'))[0] as string);
    assert.equal(summary.start.experiment, 'sweep');
  });

  it('attaches to the run of labbook run with a file of its own', async () => {
    const folder = scratchFolder();
    const path = script(folder, 'labbook.logParams({ seed: 7 });\nlabbook.log({ acc: 0.5 });');
    const done = await runCli(['run', '--', process.execPath, path], folder);

    assert.equal(done.code, 0, done.stderr);
    const summary = readRun(runFolders(join(folder, '.labbook'))[0] as string);
    assert.equal(summary.start.writer, 'launcher');
    assert.ok(summary.files.some((name) => name.startsWith('events-node-')));
    assert.deepEqual(summary.params, { seed: 7 });
    assert.deepEqual(summary.metrics.get('acc'), [[0, 0.5]]);
    assert.equal(summary.end?.status, 'finished');
  });
});
