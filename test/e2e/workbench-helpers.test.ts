import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

import { workbench, workspaceFolder } from './session-hooks';

// Labbook's own tree rows and webviews arrive later; these tests hold the helpers that will read
// them to account on VS Code's own Explorer tree and Markdown preview webview.
describe('the workbench helpers, on views VS Code itself provides', () => {
  it('reads the top of the workspace folder as the Explorer tree rows', async () => {
    const page = workbench();

    await page.step('switch to the Explorer', () => page.openActivity('Explorer'));
    const rows = await page.step('read the Explorer rows', async () =>
      (await page.view('Explorer')).treeRows(),
    );

    // Other suites add scripts and a store to the workspace, so the folder itself says what
    // the Explorer should list.
    assert.deepEqual([...rows].sort(), readdirSync(workspaceFolder()).sort());
  });

  it('opens a file by clicking its Explorer tree row', async () => {
    const page = workbench();

    await page.step('switch to the Explorer', () => page.openActivity('Explorer'));
    await page.step('click the train.py row', async () => {
      await (await (await page.view('Explorer')).treeRow('train.py')).click();
    });
    const title = await page.step('see the editor', () => page.activeEditorTitle());

    assert.equal(title, 'train.py');
  });

  it('reads the content of a webview, the Markdown preview', async () => {
    const page = workbench();

    await page.step('open README.md with Quick Open', () => page.openFile('README.md'));
    await page.step('run Markdown: Open Preview', () => page.runCommand('Markdown: Open Preview'));
    const preview = await page.step('find the preview webview', () =>
      page.webviewShowing('Fixture notes'),
    );
    const heading = await preview.locator('h1').innerText();

    assert.equal(heading, 'Fixture notes');
  });
});
