import * as assert from 'node:assert/strict';

import type * as vscode from 'vscode';

import type { HostMessage } from '../../src/extension/compare/protocol';
import { RunWriter } from '../../src/runlog/run-writer';
import { eventually, labbookApi } from './labbook-api';

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
});
