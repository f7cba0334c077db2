/**
 * The Compare panel's runs table, Params → Metric tab and scale (20 runs × 100,000 points) in
 * real Chromium, with screenshots in a dark and a light theme (`npm run test:webview`).
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chartsDrawn, RESULTS, sent, showTab, useHarness } from './harness-session';

describe('the Compare webview: table, params and scale', function () {
  this.timeout(180_000);
  const open = useHarness();

  it('virtualizes 10,000 runs: only rows in view exist, and the last one scrolls in', async () => {
    const page = await open('scenario=perf&runs=3&points=1000&tableRuns=10000');
    await showTab(page, 'table');
    await page.waitForFunction(() =>
      document.querySelector('.counts')?.textContent?.startsWith('10,000 runs'),
    );
    const rendered = await page.locator('.table-rows .table-row').count();
    assert.ok(rendered > 10 && rendered < 80, `${rendered} rows in the page`);
    await page.$eval('.table-viewport', (viewport) => {
      viewport.scrollTop = viewport.scrollHeight;
    });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.table-rows .table-cell')].some(
        (cell) => cell.textContent === 'run-10000',
      ),
    );
    assert.ok((await page.locator('.table-rows .table-row').count()) < 80);
    await page.close();
  });

  it('shows a filter parse error inline, pointing at its position', async () => {
    const page = await open('scenario=perf&runs=3&points=1000&tableRuns=500');
    await showTab(page, 'table');
    await page.click('vscode-textfield.filter-field');
    await page.keyboard.type('params.optimizer = "sgd');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.filter-error:not([hidden]) .filter-error-pointer');
    assert.equal(
      await page.textContent('.filter-error-message'),
      'This string has no closing quote.',
    );
    assert.equal(
      await page.textContent('.filter-error-pointer'),
      'params.optimizer = "sgd\n                   ^',
    );
    await page.keyboard.type('"');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.filter-error[hidden]', { state: 'attached' });
    await page.waitForFunction(() =>
      document.querySelector('.counts')?.textContent?.startsWith('100 runs'),
    );
    await page.close();
  });

  it('shares the table selection with the host and the charts', async () => {
    const page = await open('scenario=perf&runs=3&points=1000&tableRuns=50');
    await chartsDrawn(page);
    await showTab(page, 'table');
    await page.waitForSelector('.table-rows input[data-index="3"]');
    await page.click('.table-rows input[data-index="3"]');
    const change = await sent(page, 'selectionChanged');
    assert.equal(change.runIds.length, 4);
    await showTab(page, 'charts');
    await page.waitForFunction(() => document.querySelectorAll('.legend-item').length === 4);
    await page.close();
  });

  it('narrows the selection by brushing a parallel axis from the keyboard', async () => {
    const page = await open('scenario=perf&runs=20&points=500');
    await showTab(page, 'params');
    await page.focus('.axis-hit');
    await page.keyboard.press('Enter');
    const change = await sent(page, 'selectionChanged');
    assert.ok(
      change.runIds.length > 0 && change.runIds.length < 20,
      `${change.runIds.length} runs kept`,
    );
    await page.close();
  });

  it('draws 20 runs × 100,000 points, and saves screenshots in a dark and a light theme', async () => {
    const timings: Record<string, number> = {};
    for (const theme of ['dark', 'light'] as const) {
      const page = await open(`scenario=perf&runs=20&points=100000&keys=4&theme=${theme}`);
      await chartsDrawn(page);
      const measured = await page.evaluate(() => {
        const drawn = performance.getEntriesByName('labbook:charts-drawn')[0]?.startTime ?? NaN;
        const harness = window.labbookHarness;
        return {
          requestToDrawn: drawn - (harness.firstSeriesRequestAt ?? NaN),
          hostDownsampling: harness.hostMilliseconds,
        };
      });
      timings[`${theme}.requestToDrawnMs`] = Math.round(measured.requestToDrawn);
      timings[`${theme}.hostDownsamplingMs`] = Math.round(measured.hostDownsampling);
      assert.ok(Number.isFinite(measured.requestToDrawn));
      await page.screenshot({ path: join(RESULTS, `charts-${theme}.png`) });
      await page.evaluate(() => {
        const select = document.querySelector(
          'vscode-single-select[aria-label="Group by"]',
        ) as HTMLElement & {
          value: string;
        };
        select.value = 'optimizer';
        select.dispatchEvent(new Event('change'));
      });
      await page.waitForFunction(() => document.querySelectorAll('.legend-item').length === 2);
      await chartsDrawn(page);
      await page.screenshot({ path: join(RESULTS, `charts-grouped-${theme}.png`) });
      for (const tab of ['table', 'diff', 'params']) {
        await showTab(page, tab);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(RESULTS, `${tab}-${theme}.png`) });
      }

      await page.close();
    }

    writeFileSync(join(RESULTS, 'timing.json'), JSON.stringify(timings, null, 2) + '\n');
    console.log(`      20 runs × 100,000 points × 4 metrics: ${JSON.stringify(timings)}`);
  });
});
