import * as assert from 'node:assert/strict';

import { workbench } from './session-hooks';

describe('the Labbook view, as a person meets it', () => {
  it('shows the Runs view and its welcome text when Labbook is chosen', async () => {
    const page = workbench();

    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    const title = await page.step('read the side bar title', () => page.sideBarTitle());
    const welcome = await page.step('read the Runs view', async () =>
      (await page.view('Runs')).welcomeText(),
    );

    assert.equal(title.toLowerCase(), 'labbook: runs');
    assert.match(welcome, /No runs recorded yet/);
    assert.match(welcome, /Refresh/);
  });

  it('opens the Runs view from the command palette through View: Open View', async () => {
    const page = workbench();

    await page.step('switch to the Explorer', () => page.openActivity('Explorer'));
    await page.step('run View: Open View from the palette', () =>
      page.runCommand('View: Open View'),
    );
    await page.step('pick Runs in the quick pick', () => page.chooseQuickPickItem('Runs', 'Runs'));
    const welcome = await page.step('see the Runs view', async () =>
      (await page.view('Runs')).welcomeText(),
    );

    assert.match(welcome, /No runs recorded yet/);
  });

  it('runs Labbook: Refresh from the palette and records it in the Labbook output', async () => {
    const page = workbench();

    await page.step('run Labbook: Refresh from the palette', () =>
      page.runCommand('Labbook: Refresh'),
    );
    await page.step('run Output: Show Output Channels...', () =>
      page.runCommand('Output: Show Output Channels...'),
    );
    await page.step('pick the Labbook channel', () =>
      page.chooseQuickPickItem('Labbook', 'Labbook'),
    );
    const output = await page.step('read the Labbook output', () =>
      page.panelTextContaining('[runs] refresh requested'),
    );
    const notifications = await page.notificationMessages();

    assert.match(output, /\[info\] \[runs\] refresh requested/);
    assert.deepEqual(notifications, [], 'the command raised a notification');
  });
});
