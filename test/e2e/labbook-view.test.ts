import * as assert from 'node:assert/strict';

import { workbench, writeWorkspaceFile } from './session-hooks';
import { startTypedCommand } from './start-run';

/**
 * A newcomer's first tracked run: argparse for its one param and the SDK for three steps of
 * `loss`, named so that the Runs view shows a name rather than an id.
 */
const FIRST_RUN_SCRIPT = `import argparse

import labbook

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.1)
args = parser.parse_args()

labbook.init(name="first-run")
for step in range(3):
    loss = 1.0 / (step + 2) + args.lr
    labbook.log({"loss": loss}, step=step)
    print(f"step {step}: loss {loss:.4f}")
`;

// .mocharc.e2e.json runs this file first: it meets the workspace before any run is recorded.
describe('the Labbook view, as a person meets it', () => {
  it('shows the Runs view and its welcome text when Labbook is chosen', async () => {
    const page = workbench();

    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    const title = await page.step('read the side bar title', () => page.sideBarTitle());
    const welcome = await page.step('read the Runs view', async () =>
      (await page.view('Runs')).welcomeText(),
    );

    assert.equal(title.toLowerCase(), 'labbook: runs');
    assert.match(welcome, /No tracked runs yet in this workspace/);
    assert.match(welcome, /Start Tracked Run/);
    assert.match(welcome, /labbook run/);
    assert.doesNotMatch(welcome, /`/, 'the welcome text shows Markdown code marks as they are');
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

    assert.match(welcome, /No tracked runs yet in this workspace/);
  });

  it('runs Labbook: Refresh from the palette, and the Labbook output names the store', async () => {
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
      page.panelTextContaining('[store] index ready'),
    );
    const notifications = await page.notificationMessages();

    assert.match(output, /\[info\] \[activate\] store: \S+\/experiments\/\.labbook/);
    assert.match(output, /\[info\] \[store\] index ready in \d+ ms: 0 runs/);
    assert.deepEqual(notifications, [], 'the command raised a notification');
  });

  it('starts a first run from the palette and shows it finished, with its loss', async () => {
    const page = workbench();
    writeWorkspaceFile('first_run.py', FIRST_RUN_SCRIPT);

    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    await page.step('open first_run.py', () => page.openFile('first_run.py'));
    await startTypedCommand(page, 'python3 first_run.py --lr 0.01');
    const params = await page.step('see the Params step', () => page.quickPickItems());
    await page.step('choose Start', () => page.chooseQuickPickItem('Start', 'Start'));

    const runs = await page.view('Runs');
    const row = await page.step('see the run in the Runs view', () => runs.rowNamed('first-run'));
    const shown = await page.step('wait for the run to finish', () =>
      page.eventually(
        'the first-run row to show the finished icon',
        async () => {
          const content = await runs.rowContent(row);
          if (!content.iconClasses.includes('codicon-pass')) {
            throw new Error(`icon ${content.iconClasses.join(' ')}, "${content.description}"`);
          }

          return content;
        },
        60_000,
      ),
    );
    await page.step('expand the run, its Params and its Metrics', async () => {
      await runs.expand(row);
      await runs.expand(await runs.rowNamed('Params'));
      await runs.expand(await runs.rowNamed('Metrics'));
    });
    const param = await runs.rowContent(await runs.rowNamed('lr'));
    const metricRow = await runs.rowNamed('loss');
    const metric = await runs.rowContent(metricRow);
    const spoken = await metricRow.getAttribute('aria-label');
    await page.step('focus the editor and save the picture for the README', async () => {
      await page.runCommand('View: Focus Active Editor Group');
      await page.restPointer();
      await page.saveDocImage('first-run.png');
    });

    assert.deepEqual(params, [
      { label: 'Start', description: 'with these params' },
      { label: 'lr', description: '0.01' },
    ]);
    assert.equal(shown.label, 'first-run');
    assert.ok(shown.iconClasses.includes('codicon-pass'), 'the finished icon');
    assert.match(shown.description, /^loss 0\.26 · (just now|\d+ \w+ ago)$/);
    assert.deepEqual(
      { label: param.label, description: param.description },
      {
        label: 'lr',
        description: '0.01',
      },
    );
    assert.deepEqual(
      { label: metric.label, description: metric.description },
      { label: 'loss', description: '0.26 · min 0.26 · max 0.51' },
    );
    assert.equal(spoken, 'loss, 0.26 · min 0.26 · max 0.51, Last value 0.26 at step 2; 3 points.');
  });
});
