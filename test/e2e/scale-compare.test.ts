import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from '../rig/rig-install';
import { CompareWebview } from './compare-webview';
import { recordRuns } from './recorded-runs';
import { workbench } from './session-hooks';

const RUN_COUNT = 20;
const POINTS_PER_RUN = 100_000;

/** Twenty runs of a sweep, each logging two metrics for 100,000 steps. */
const SCALE = Array.from({ length: RUN_COUNT }, (_, index) => ({
  name: `scale-${String(index + 1).padStart(2, '0')}`,
  experiment: 'Scale',
  params: { lr: ((index + 1) / 10_000).toFixed(4), steps: String(POINTS_PER_RUN) },
}));

/** How long the Compare panel took, as the webview's own clock saw it. */
interface DrawTiming {
  /** From the webview asking the extension for series to every chart drawn. */
  requestToDrawnMs: number;
  /** From the webview document starting to load to every chart drawn. */
  documentToDrawnMs: number;
}

describe('the Compare panel on 20 runs of 100,000 points each', () => {
  before(function () {
    this.timeout(240_000);
    recordRuns(SCALE);
  });

  after(async () => {
    const page = workbench();
    await page.runCommand('View: Close All Editors');
    await page.runCommand('Labbook: Clear Filter');
  });

  it('draws every run in each chart, through the real extension and index', async () => {
    const page = workbench();
    await page.step('close the editors, so that Compare opens a new panel', () =>
      page.runCommand('View: Close All Editors'),
    );
    await page.step('hide the panel', () => page.hidePanel());
    await page.step('choose Labbook in the activity bar', () => page.openActivity('Labbook'));
    await page.step('filter the runs to the Scale experiment', async () => {
      await page.runCommand('Labbook: Filter Runs…');
      await page.answerInputBox('experiment = "Scale"');
    });

    const names = SCALE.map((run) => run.name);
    const rows = await page.step('select the twenty runs', async () =>
      (await page.view('Runs')).select(names),
    );
    const clicked = Date.now();
    await page.step('choose Compare Selected in the context menu', () =>
      page.chooseContextMenuItem(rows[0], 'Compare Selected'),
    );
    const compare = await page.step('see the Compare panel', () => CompareWebview.find(page));
    const grid = compare.content.locator('.chart-grid[data-drawn="true"]');
    const clickToDrawnMs = await page.step('wait until every chart is drawn', async () => {
      await grid.waitFor({ timeout: 60_000 });
      const elapsed = Date.now() - clicked;
      await page.restPointer();
      return elapsed;
    });

    const legend = await compare.legendLabels();
    assert.deepEqual([...legend].sort(), names);
    const timing = await grid.evaluate((): DrawTiming => {
      const requested = performance.getEntriesByName('labbook:charts-requested')[0];
      const drawn = performance.getEntriesByName('labbook:charts-drawn')[0];
      return {
        requestToDrawnMs: (drawn?.startTime ?? NaN) - (requested?.startTime ?? NaN),
        documentToDrawnMs: drawn?.startTime ?? NaN,
      };
    });
    assert.ok(
      timing.requestToDrawnMs > 0 && timing.documentToDrawnMs > timing.requestToDrawnMs,
      `the webview marked no request before its charts were drawn: ${JSON.stringify(timing)}`,
    );

    // Timings are reported, never asserted: the machine is shared and noisy.
    const figures = { ...timing, clickToDrawnMs };
    const rounded = Object.fromEntries(
      Object.entries(figures).map(([name, value]) => [name, Math.round(value)]),
    );
    const folder = join(projectRoot, 'test-results', 'e2e');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'scale-compare-timing.json'), `${JSON.stringify(rounded)}\n`);
    console.log(`      ${RUN_COUNT} runs × ${POINTS_PER_RUN} points: ${JSON.stringify(rounded)}`);
  });
});
