import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as vscode from 'vscode';

import { RunWriter } from '../../src/runlog/run-writer';
import { answerPrompts, labbookApi, runRows } from '../integration/labbook-api';

describe('Labbook in Restricted Mode', function () {
  this.timeout(60_000);

  it('opens the workspace untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('refuses to start a run, says why, and runs nothing', async () => {
    const api = await labbookApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const marker = join(folder, 'ran.txt');
    const prompts = answerPrompts();
    try {
      const runId = await api.launch.start({
        command: ['python3', '-c', `open(${JSON.stringify(marker)}, "w").write("ran")`],
      });
      assert.equal(runId, undefined);
    } finally {
      prompts.dispose();
    }

    assert.ok(
      prompts.shown.some((text) =>
        text.startsWith('Labbook does not start runs in Restricted Mode'),
      ),
      `no Restricted Mode message among: ${prompts.shown.join(' | ')}`,
    );
    assert.equal(existsSync(marker), false, 'the command ran in Restricted Mode');
    assert.equal(existsSync(join(folder, '.labbook', 'runs')), false);
  });

  it('never offers or runs the configurations of launch.json', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    mkdirSync(join(folder, '.labbook'), { recursive: true });
    const marker = join(folder, 'launched.txt');
    writeFileSync(
      join(folder, '.labbook', 'launch.json'),
      JSON.stringify({
        configurations: [{ name: 'evil', command: ['touch', marker] }],
      }),
    );

    const prompts = answerPrompts({ picks: ['evil'] });
    try {
      await vscode.commands.executeCommand('labbook.startTrackedRun');
    } finally {
      prompts.dispose();
    }

    assert.equal(existsSync(marker), false, 'a launch.json configuration ran untrusted');
  });

  it('still shows the runs that are recorded', async () => {
    const api = await labbookApi();
    const writer = RunWriter.start(api.context.session.layout, {
      name: 'recorded-elsewhere',
      writer: 'test',
    });
    writer.log({ loss: 0.5 });
    writer.end('finished', { exitCode: 0 });

    await api.context.session.catchUpNow();
    assert.deepEqual(
      (await runRows(api)).map((row) => row.run.name),
      ['recorded-elsewhere'],
    );
  });

  it('refuses to rerun or reproduce a recorded run, and runs nothing', async () => {
    const api = await labbookApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const marker = join(folder, 'reran.txt');
    const writer = RunWriter.start(api.context.session.layout, {
      name: 'would-rerun',
      writer: 'test',
      command: ['python3', '-c', `open(${JSON.stringify(marker)}, "w").write("ran")`],
      cwd: folder,
    });
    writer.end('finished', { exitCode: 0 });
    await api.context.session.catchUpNow();
    const row = (await runRows(api)).find((node) => node.run.name === 'would-rerun');
    assert.ok(row, 'the recorded run is not in the tree');

    const prompts = answerPrompts();
    try {
      for (const command of ['labbook.rerun', 'labbook.rerunWithChanges', 'labbook.reproduceRun']) {
        await vscode.commands.executeCommand(command, row);
      }
    } finally {
      prompts.dispose();
    }

    assert.equal(
      prompts.shown.filter((text) => /in Restricted Mode/.test(text)).length,
      3,
      `messages: ${prompts.shown.join(' | ')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(existsSync(marker), false, 'a recorded command ran in Restricted Mode');
  });
});

/**
 * A process of the user's that a committed record could name as a run's owner: it starts a
 * run in `storeRoot` and waits, exiting on SIGINT as a launched run's owner would.
 */
function startRecordedOwner(storeRoot: string): ChildProcess {
  const compiled = join(__dirname, '..', '..', 'src');
  const script = [
    `const { RunWriter } = require(${JSON.stringify(join(compiled, 'runlog', 'run-writer.js'))});`,
    `const { StoreLayout } = require(${JSON.stringify(join(compiled, 'store', 'layout.js'))});`,
    `RunWriter.start(new StoreLayout(${JSON.stringify(storeRoot)}), {`,
    `  name: 'owned-elsewhere', writer: 'test' });`,
    "process.on('SIGINT', () => process.exit(130));",
    'setInterval(() => {}, 1000);',
  ].join('\n');
  return spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
}

describe('Stop in Restricted Mode', function () {
  this.timeout(60_000);

  it('sends no signal to the process a recorded run names', async () => {
    const api = await labbookApi();
    const owner = startRecordedOwner(api.context.session.layout.root);
    const exited = new Promise<void>((resolve) => owner.once('exit', () => resolve()));
    try {
      let row: Awaited<ReturnType<typeof runRows>>[number] | undefined;
      for (let attempt = 0; attempt < 100 && !row; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await api.context.session.catchUpNow();
        row = (await runRows(api)).find((node) => node.run.name === 'owned-elsewhere');
      }

      assert.equal(row?.run.status, 'running', 'the owner did not start its run');
      const prompts = answerPrompts();
      try {
        await vscode.commands.executeCommand('labbook.stopRun', row);
      } finally {
        prompts.dispose();
      }

      assert.ok(
        prompts.shown.some((text) => text.startsWith('In Restricted Mode Labbook stops only')),
        `messages: ${prompts.shown.join(' | ')}`,
      );
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
      ]);
      assert.equal(gone, false, 'Stop signalled the process the record names');
    } finally {
      owner.kill('SIGKILL');
      await exited;
    }
  });
});
