import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { RunWriter } from '../../src/runlog/run-writer';
import { labbookApi } from './labbook-api';

/** More runs than one page of a group holds (the tree shows 200 at a time). */
const RUN_COUNT = 205;

describe('a group with more runs than one page', function () {
  this.timeout(120_000);

  it('shows the first page with a Show more row, and the rest when it is clicked', async () => {
    const api = await labbookApi();
    for (let index = 0; index < RUN_COUNT; index += 1) {
      const writer = RunWriter.start(api.context.session.layout, {
        name: `page-${index}`,
        experiment: 'paging',
        writer: 'test',
      });
      writer.log({ loss: 1 / (index + 1) }, 0);
      writer.end('finished', { exitCode: 0 });
    }

    await api.context.session.catchUpNow();
    const { tree } = api.context;
    const group = (await tree.getChildren()).find(
      (node) => node.kind === 'group' && node.value === 'paging',
    );
    assert.ok(group, 'no group for the experiment "paging"');
    assert.equal(tree.getTreeItem(group).description, String(RUN_COUNT));

    const firstPage = await tree.getChildren(group);
    const more = firstPage.at(-1);
    assert.equal(firstPage.filter((node) => node.kind === 'run').length, 200);
    assert.equal(more?.kind, 'more');
    const moreItem = tree.getTreeItem(more);
    assert.equal(moreItem.label, 'Show more…');
    assert.equal(moreItem.description, `200 of ${RUN_COUNT}`);

    const click = moreItem.command as vscode.Command;
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    const everything = await tree.getChildren(group);
    assert.equal(everything.length, RUN_COUNT);
    assert.ok(everything.every((node) => node.kind === 'run'));
  });
});
