import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as vscode from 'vscode';

import { answerPrompts, eventually, labbookApi, runRows } from './labbook-api';

const THREE_STEPS = `
import labbook
run = labbook.init(name="three-steps")
for step in range(3):
    loss = 1.0 / (step + 1)
    labbook.log({"loss": loss}, step=step)
    print(f"acc: {0.5 + step / 10}")
labbook.finish()
`;

const LONG_RUN = `
import time
for step in range(100000):
    print(f"loss: {1 / (step + 1)}", flush=True)
    time.sleep(0.05)
`;

function workspaceFile(name: string, text: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the rig opened no workspace folder');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function rowNamed(name: string) {
  const api = await labbookApi();
  return (await runRows(api)).find((row) => row.run.name === name);
}

describe('the Runs explorer and tracked runs', function () {
  this.timeout(120_000);

  before(async () => {
    await vscode.workspace
      .getConfiguration('labbook')
      .update('keyMetric', 'loss', vscode.ConfigurationTarget.Workspace);
  });

  it('shows a run started with Start Tracked Run as finished, with its key metric', async () => {
    const api = await labbookApi();
    workspaceFile('three_steps.py', THREE_STEPS);

    // The person picks "Enter a command…", types the command line, and starts the run from
    // the params step that its --lr flag brings up.
    const prompts = answerPrompts({
      picks: ['Enter a command…', 'Start'],
      inputs: ['python3 three_steps.py --lr 0.1'],
    });
    let runId: string | undefined;
    try {
      runId = await vscode.commands.executeCommand<string | undefined>('labbook.startTrackedRun');
    } finally {
      prompts.dispose();
    }

    assert.ok(runId, `the run did not report its id; the product said: ${prompts.shown}`);
    await api.context.session.catchUpNow();
    const row = await eventually('the finished run in the tree', async () => {
      const found = (await runRows(api)).find((candidate) => candidate.run.id === runId);
      return found?.run.status === 'finished' ? found : undefined;
    });

    const item = api.context.tree.getTreeItem(row);
    assert.equal(item.label, 'three-steps');
    assert.match(String(item.description), /^loss 0\.3333 · /);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.deepEqual(Object.keys(row.run.metrics).sort(), ['acc', 'loss']);
    assert.equal(row.run.metrics.loss?.count, 3);
    assert.deepEqual(row.run.params, { lr: 0.1 });
  });

  it('filters runs by the query language and shows the filter in the view', async () => {
    const api = await labbookApi();
    api.view.setFilter('metrics.loss < 0.5 and experiment != "compare"');
    assert.deepEqual(
      (await runRows(api)).map((row) => row.run.name),
      ['three-steps'],
    );
    assert.equal(
      api.context.view.description,
      'filter: metrics.loss < 0.5 and experiment != "compare"',
    );

    api.view.setFilter('metrics.loss > 5');
    assert.deepEqual(await runRows(api), []);

    api.view.setFilter(undefined);
    assert.equal(api.context.view.description, undefined);
  });

  it('checks a filter as it is typed in Filter Runs…, naming where it fails', async () => {
    const api = await labbookApi();
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = window.showInputBox;
    const verdicts: unknown[] = [];
    window.showInputBox = async (options: vscode.InputBoxOptions) => {
      for (const typed of ['metrics.loss <', 'params.lr = "0.1', 'metrics.loss < 0.5']) {
        verdicts.push(await options.validateInput?.(typed));
      }

      return 'metrics.loss < 0.5';
    };
    try {
      await vscode.commands.executeCommand('labbook.filterRuns');
    } finally {
      window.showInputBox = saved;
    }

    assert.deepEqual(verdicts, [
      'At character 15: expected a number, found the end of the filter.',
      'At character 13: expected a closing " for the text that starts here, found the end.',
      undefined,
    ]);
    assert.equal(api.context.view.description, 'filter: metrics.loss < 0.5');
    await vscode.commands.executeCommand('labbook.clearFilter');
    assert.equal(api.context.view.description, undefined);
  });

  it('sorts by a key in either direction, and groups by status or not at all', async () => {
    const api = await labbookApi();
    const { tree } = api.context;
    const names = async (): Promise<string[]> => (await runRows(api)).map((row) => row.run.name);
    const choose = async (command: string, picks: string[]): Promise<void> => {
      const prompts = answerPrompts({ picks });
      try {
        await vscode.commands.executeCommand(command);
      } finally {
        prompts.dispose();
      }
    };

    await choose('labbook.groupBy', ['None']);
    const top = await tree.getChildren();
    assert.ok(top.length > 1 && top.every((node) => node.kind === 'run'), 'runs, no groups');

    await choose('labbook.sortBy', ['name', 'Ascending']);
    const ascending = await names();
    assert.deepEqual(ascending, [...ascending].sort());
    assert.equal(api.context.view.description, 'by none · sorted by name ↑');

    await choose('labbook.sortBy', ['name', 'Descending']);
    assert.deepEqual(await names(), [...ascending].reverse());

    await choose('labbook.groupBy', ['Status']);
    const groups = (await tree.getChildren()).map((node) => tree.getTreeItem(node).label);
    assert.ok(groups.includes('finished'), `groups: ${groups.join(', ')}`);

    await choose('labbook.groupBy', ['Experiment']);
    api.context.tree.state.sort = undefined;
    api.context.updateViewState();
    assert.equal(api.context.view.description, undefined);
  });

  it('renames, tags and deletes a run, and Undo brings it back', async () => {
    const api = await labbookApi();
    const row = await rowNamed('three-steps');
    assert.ok(row, 'no three-steps run to edit');

    const prompts = answerPrompts({
      inputs: ['renamed-run', 'stage=candidate'],
      messages: ['Undo'],
    });
    try {
      await vscode.commands.executeCommand('labbook.renameRun', row);
      await vscode.commands.executeCommand('labbook.addTag', row);
      const renamed = await rowNamed('renamed-run');
      assert.equal(renamed?.run.tags.stage, 'candidate');

      await vscode.commands.executeCommand('labbook.deleteRun', renamed);
      await api.context.session.catchUpNow();
      assert.ok(prompts.shown.some((text) => text.startsWith('Moved renamed-run to the trash')));
      assert.ok(await rowNamed('renamed-run'), 'Undo did not restore the run');
    } finally {
      prompts.dispose();
    }
  });

  it('saves a note from the note editor as an event of the run', async () => {
    const api = await labbookApi();
    const row = await rowNamed('renamed-run');
    assert.ok(row);

    const uri = vscode.Uri.from({ scheme: 'labbook-note', path: `/${row.run.id}/note.md` });
    await vscode.workspace.fs.writeFile(uri, Buffer.from('Looks **promising**.'));
    const index = await api.context.session.index();
    assert.deepEqual(
      index.getRun(row.run.id).notes.map((note) => note.text),
      ['Looks **promising**.'],
    );
  });

  it('stops a long run, which then reads as killed with its points kept', async () => {
    const api = await labbookApi();
    const script = workspaceFile('long_run.py', LONG_RUN);
    const ended = api.launch.start({ command: ['python3', script], name: 'long-run' });

    const running = await eventually('the long run to log points', async () => {
      await api.context.session.catchUpNow();
      const found = await rowNamed('long-run');
      return found && found.run.status === 'running' && (found.run.metrics.loss?.count ?? 0) >= 3
        ? found
        : undefined;
    });

    await vscode.commands.executeCommand('labbook.stopRun', running);
    assert.ok(await ended, 'the stopped run reported no id');
    await api.context.session.catchUpNow();

    const stopped = await rowNamed('long-run');
    assert.equal(stopped?.run.status, 'killed');
    assert.ok(
      (stopped?.run.metrics.loss?.count ?? 0) >= 3,
      'points logged before the stop are gone',
    );
  });
});

describe('the audit trail in the explorer', function () {
  this.timeout(60_000);

  it('records a decision that shows among the run notes', async () => {
    const api = await labbookApi();
    const row = (await runRows(api)).find((candidate) => candidate.run.name === 'renamed-run');
    assert.ok(row, 'no run to decide on');

    const prompts = answerPrompts({ inputs: ['Selected for submission', 'Best val loss.'] });
    try {
      await vscode.commands.executeCommand('labbook.markDecision', row);
    } finally {
      prompts.dispose();
    }

    const notes = (await api.context.session.index()).getRun(row.run.id).notes;
    assert.deepEqual(
      notes.filter((note) => note.decision).map((note) => [note.decision, note.text]),
      [['Selected for submission', 'Best val loss.']],
    );
  });

  it('marks a run whose record was edited as tampered after Verify Store', async () => {
    const api = await labbookApi();
    const row = (await runRows(api)).find((candidate) => candidate.run.name === 'long-run');
    assert.ok(row, 'no finished run to tamper with');
    const detail = (await api.context.session.index()).getRun(row.run.id);
    const file = join(detail.dir, 'events.jsonl');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(
        /"loss":\[(\d)/,
        (_match, digit: string) => `"loss":[${(Number(digit) + 1) % 10}`,
      ),
    );

    const prompts = answerPrompts();
    try {
      const ok = await vscode.commands.executeCommand<boolean>('labbook.verifyStore');
      assert.equal(ok, false);
    } finally {
      prompts.dispose();
    }

    const item = api.context.tree.getTreeItem(row);
    assert.match(String(item.description), /TAMPERED/);
  });
});
