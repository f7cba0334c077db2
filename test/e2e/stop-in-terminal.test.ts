import * as assert from 'node:assert/strict';

import { workbench, writeWorkspaceFile } from './session-hooks';
import { startTypedCommand } from './start-run';

/** A run that trains until it is stopped, logging a point every tenth of a second. */
const ENDLESS_SCRIPT = `import time

import labbook

labbook.init(name="endless")
for step in range(100000):
    labbook.log({"loss": 1 / (step + 1)})
    print(f"step {step}", flush=True)
    time.sleep(0.1)
`;

describe('a run going in the editor', () => {
  it('shows in the status bar while it runs, and stops with Ctrl+C in its terminal', async () => {
    const page = workbench();
    writeWorkspaceFile('endless.py', ENDLESS_SCRIPT);

    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    await startTypedCommand(page, 'python3 endless.py');

    const running = page.page.locator('.part.statusbar .statusbar-item', { hasText: '1 running' });
    await page.step('see "1 running" in the status bar', () =>
      page.expectVisible(running, 'the status bar item "1 running"'),
    );
    await page.step('click it to show the running runs', () => running.click());
    const runs = await page.view('Runs');
    const row = await page.step('see the run, spinning, under the running filter', () =>
      runs.rowNamed('endless'),
    );
    const spinning = await runs.rowContent(row);

    await page.step('press Ctrl+C in the run terminal', async () => {
      await page.page.locator('.terminal-wrapper.active .xterm').click();
      await page.page.keyboard.press('Control+C');
    });
    await page.step('see the status bar item go', () =>
      page.expectHidden(running, 'the status bar item to go once the run stopped'),
    );
    const welcome = await page.step('see that no run is running any more', () =>
      runs.welcomeText(),
    );
    const clear = page.page.locator('.part.sidebar .title-actions [aria-label*="Clear Filter"]');
    await page.step("clear the filter from the view's title bar", async () => {
      await clear.click();
      await page.expectHidden(clear, 'the Clear Filter button to go with the filter');
    });
    const stopped = await page.step('see the run stopped', () =>
      page.eventually('the endless row to show the killed icon', async () => {
        const content = await runs.rowContent(await runs.rowNamed('endless'));
        if (!content.iconClasses.includes('codicon-circle-slash')) {
          throw new Error(`icon ${content.iconClasses.join(' ')}`);
        }

        return content;
      }),
    );

    assert.ok(spinning.iconClasses.includes('codicon-loading'), spinning.iconClasses.join(' '));
    assert.match(welcome, /No runs match the filter/);
    assert.match(stopped.description, /^loss \S+ · /);
  });
});
