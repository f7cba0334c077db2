import * as assert from 'node:assert/strict';

import { CompareWebview } from './compare-webview';
import { recordRuns } from './recorded-runs';
import { workbench } from './session-hooks';

/** Markup that runs script if anything renders it as HTML: its error handler sets a flag. */
const HOSTILE = '<img src=x onerror=window.labbookHostileRan=1>';

/** A run whose name and `note` param hold the markup, beside a plain one to compare it with. */
const RUNS = [
  { name: HOSTILE, experiment: 'Safety', params: { lr: '0.1', note: HOSTILE } },
  { name: 'plain', experiment: 'Safety', params: { lr: '0.03', note: 'plain' } },
];

/** Whether the flag was set in any frame of the page: the workbench and every webview. */
async function hostileScriptRan(): Promise<boolean> {
  const frames = workbench().page.frames();
  const flags = await Promise.all(
    frames.map((frame) =>
      frame
        .evaluate(
          () => (globalThis as { labbookHostileRan?: unknown }).labbookHostileRan !== undefined,
        )
        .catch(() => false),
    ),
  );
  return flags.includes(true);
}

describe('a run whose name and params hold HTML', () => {
  before(function () {
    this.timeout(60_000);
    recordRuns(RUNS);
  });

  it('shows the name as text in the Runs view and its tooltip', async () => {
    const page = workbench();

    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    const runs = await page.view('Runs');
    const row = await page.step('see the run and its neighbour in the Runs view', async () => {
      await runs.rowNamed('plain');
      return runs.rowNamed(HOSTILE);
    });
    const content = await runs.rowContent(row);
    const tooltip = await page.step('hover over the run for its tooltip', async () => {
      await row.locator('.label-name').hover();
      const hover = page.page.locator('.monaco-hover .rendered-markdown');
      await page.expectVisible(hover, 'the run tooltip');
      return hover.innerText();
    });
    await page.restPointer();

    assert.equal(content.label, HOSTILE);
    assert.ok(tooltip.startsWith(`${HOSTILE} · finished`), `the tooltip reads: ${tooltip}`);
    assert.match(tooltip, new RegExp(`note\\s+${HOSTILE}`));
    assert.equal(await page.page.locator('img[src="x"]').count(), 0, 'an img was made');
    assert.equal(await hostileScriptRan(), false, 'the markup ran its script');
  });

  it('shows them as text in the Compare legend, table and diff, and runs no script', async () => {
    const page = workbench();

    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    await page.step('select the run and its plain neighbour', async () =>
      (await page.view('Runs')).select([HOSTILE, 'plain']),
    );
    await page.step('run Labbook: Compare Selected from the palette', () =>
      page.runCommand('Labbook: Compare Selected'),
    );
    const compare = await page.step('see the Compare panel', () => CompareWebview.find(page));

    await page.step('show the Charts tab', () => compare.showTab('charts'));
    const legend = await compare.legendLabels();
    const ink = await page.step('see both runs drawn', () => compare.chartInk(100));
    await page.step('show the Table tab', () => compare.showTab('table'));
    const cells = await compare.tableCells();
    await page.step('show the Diff tab', () => compare.showTab('diff'));
    const diffNames = await compare.diffRunNames();
    const names = await compare.diffRowValues('attributes', 'name');
    const notes = await compare.diffRowValues('params', 'note');
    await page.step('show the Params → Metric tab', () => compare.showTab('params'));

    assert.deepEqual(legend, [HOSTILE, 'plain']);
    assert.ok(
      ink.every((chart) => (chart.pixelsByRun[HOSTILE] ?? 0) >= 100),
      'the run is drawn in every chart',
    );
    assert.equal(cells.filter((cell) => cell === HOSTILE).length, 2, 'name and note cells');
    assert.deepEqual(diffNames, [HOSTILE, 'plain']);
    assert.deepEqual(names, [HOSTILE, 'plain']);
    assert.deepEqual(notes, [HOSTILE, 'plain']);
    assert.equal(await compare.countElements('img'), 0, 'an img was made in the panel');
    assert.equal(await hostileScriptRan(), false, 'the markup ran its script');
    assert.deepEqual(page.dialogs, [], 'a dialog opened');
  });
});
