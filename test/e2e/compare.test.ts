import * as assert from 'node:assert/strict';

import { CompareWebview } from './compare-webview';
import { recordRuns } from './recorded-runs';
import { workbench } from './session-hooks';

/** Two runs of a learning-rate sweep: lr differs, seed is shared. */
const SWEEP = [
  { name: 'lr-0.1', experiment: 'Sweep', params: { lr: '0.1', seed: '7' } },
  { name: 'lr-0.03', experiment: 'Sweep', params: { lr: '0.03', seed: '7' } },
];

/** Each run's line is a few hundred pixels long; axes and grid alone count none. */
const LINE_PIXELS = 100;

/** Selects the sweep's two runs in the Runs view and opens Compare from their context menu. */
async function compareTheSweep(): Promise<CompareWebview> {
  const page = workbench();

  await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
  const rows = await page.step('select both runs with a click and a Ctrl+click', async () =>
    (await page.view('Runs')).select(SWEEP.map((run) => run.name)),
  );
  await page.step('choose Compare Selected in the context menu', () =>
    page.chooseContextMenuItem(rows[1], 'Compare Selected'),
  );
  return page.step('see the Compare panel', () => CompareWebview.find(page));
}

describe('the Compare panel on two runs of a sweep', () => {
  before(function () {
    this.timeout(60_000);
    recordRuns(SWEEP);
  });

  after(async () => {
    await workbench().chooseColorTheme('Dark Modern');
  });

  it('draws every metric chart with a line for each run, in the dark theme', async () => {
    const page = workbench();
    await page.step('hide the panel', () => page.hidePanel());
    await page.step('choose the Dark Modern theme', () => page.chooseColorTheme('Dark Modern'));

    const compare = await compareTheSweep();
    await page.step('show the Charts tab', () => compare.showTab('charts'));
    const legend = await compare.legendLabels();
    const ink = await page.step('see both runs drawn in every chart', async () => {
      const charts = await compare.chartInk(LINE_PIXELS);
      await page.restPointer();
      return charts;
    });
    await page.saveDocImage('compare.png');

    assert.equal(await compare.themeClass(), 'vscode-dark');
    assert.deepEqual(legend, ['lr-0.1', 'lr-0.03']);
    assert.deepEqual(
      ink.map((chart) => chart.key),
      ['accuracy', 'loss'],
    );
    for (const chart of ink) {
      for (const [run, pixels] of Object.entries(chart.pixelsByRun)) {
        assert.ok(pixels >= LINE_PIXELS, `${chart.key}: ${run} has ${pixels} pixels of its colour`);
      }
    }
  });

  it('shows exactly the differing param in the Diff, and the shared one on request', async () => {
    const page = workbench();

    const compare = await compareTheSweep();
    await page.step('show the Diff tab', () => compare.showTab('diff'));
    await page.step('keep Only differences on', () => compare.setOnlyDifferences(true));
    const differing = await compare.diffParamKeys();
    const lr = await compare.diffRowValues('params', 'lr');
    const hidden = await compare.hiddenCount();
    await page.step('turn Only differences off', () => compare.setOnlyDifferences(false));
    const all = await compare.diffParamKeys();
    const seed = await compare.diffRowValues('params', 'seed');

    assert.deepEqual(differing, ['lr']);
    assert.deepEqual(lr, ['0.1', '0.03']);
    assert.match(hidden, /^\d+ equal keys hidden$/);
    assert.deepEqual(all, ['lr', 'seed']);
    assert.deepEqual(seed, ['7', '7']);
    assert.equal(await compare.hiddenCount(), '');
  });

  it('redraws charts and diff in the light theme', async () => {
    const page = workbench();

    const compare = await compareTheSweep();
    await page.step('choose the Light Modern theme', () => page.chooseColorTheme('Light Modern'));
    await page.step('show the Charts tab', () => compare.showTab('charts'));
    const ink = await page.step('see both runs drawn in every chart', async () => {
      const charts = await compare.chartInk(LINE_PIXELS);
      await page.restPointer();
      return charts;
    });
    const theme = await compare.themeClass();
    await page.step('show the Diff tab', () => compare.showTab('diff'));
    await page.step('turn Only differences on', () => compare.setOnlyDifferences(true));
    const differing = await compare.diffParamKeys();

    assert.equal(theme, 'vscode-light');
    for (const chart of ink) {
      for (const [run, pixels] of Object.entries(chart.pixelsByRun)) {
        assert.ok(pixels >= LINE_PIXELS, `${chart.key}: ${run} has ${pixels} pixels of its colour`);
      }
    }

    assert.deepEqual(differing, ['lr']);
  });
});
