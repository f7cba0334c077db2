import * as assert from 'node:assert/strict';

import type * as vscode from 'vscode';

import type { HostMessage } from '../../src/extension/compare/protocol';
import { RunWriter } from '../../src/runlog/run-writer';
import { eventually, labbookApi, runRows } from './labbook-api';

function finishedRun(api: Awaited<ReturnType<typeof labbookApi>>, name: string, lr: number) {
  const writer = RunWriter.start(api.context.session.layout, {
    name,
    experiment: 'compare',
    writer: 'test',
    params: { lr, seed: 1 },
  });
  for (let step = 0; step < 50; step += 1) {
    writer.log({ loss: lr / (step + 1), acc: step / 50 }, step);
  }

  writer.end('finished', { exitCode: 0 });
  return writer.id;
}

describe('the Compare panel', function () {
  this.timeout(90_000);

  it('answers the webview with the two runs and a series per metric', async () => {
    const api = await labbookApi();
    const ids = [finishedRun(api, 'compare-a', 0.1), finishedRun(api, 'compare-b', 0.01)];
    await api.context.session.catchUpNow();

    const received: HostMessage[] = [];
    const panel = await api.compare.showPanel(ids);
    const subscription: vscode.Disposable = panel.onDidPost((message) => received.push(message));
    try {
      const init = await eventually('the init message', async () =>
        received.find((message) => message.type === 'init'),
      );
      assert.equal(init.type, 'init');
      assert.deepEqual(init.type === 'init' && init.runs.map((run) => [run.name, run.params.lr]), [
        ['compare-a', 0.1],
        ['compare-b', 0.01],
      ]);

      const keys = await eventually('a series reply for each metric', async () => {
        const replied = received.flatMap((message) =>
          message.type === 'series' ? [message.key] : [],
        );
        return replied.includes('loss') && replied.includes('acc') ? replied : undefined;
      });
      assert.ok(keys.length >= 2);

      const loss = received.find((message) => message.type === 'series' && message.key === 'loss');
      assert.ok(loss?.type === 'series');
      assert.deepEqual(
        loss.series.map((series) => [series.runId, series.steps.length]),
        ids.map((id) => [id, 50]),
      );
      assert.equal(
        received.some((message) => message.type === 'requestFailed'),
        false,
      );
    } finally {
      subscription.dispose();
      panel.dispose();
    }
  });

  it('keeps comparing several runs when a single run is clicked in the explorer', async () => {
    const api = await labbookApi();
    const ids = [finishedRun(api, 'follow-a', 0.2), finishedRun(api, 'follow-b', 0.02)];
    await api.context.session.catchUpNow();
    const rows = (await runRows(api)).filter((row) => ids.includes(row.run.id));
    assert.equal(rows.length, 2);

    const panel = await api.compare.showPanel(ids);
    try {
      await api.context.view.reveal(rows[0] as (typeof rows)[0], { select: true, focus: true });
      await eventually('the selection change', async () =>
        api.context.view.selection.length === 1 ? true : undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual([...panel.runIds], ids, 'the comparison of two runs was kept');

      // A panel on one run follows a click on another.
      await panel.show([ids[0] as string]);
      await api.context.view.reveal(rows[1] as (typeof rows)[1], { select: true, focus: true });
      await eventually('the panel to follow the click', async () =>
        panel.runIds[0] === rows[1]?.run.id ? true : undefined,
      );
    } finally {
      panel.dispose();
    }
  });
});
