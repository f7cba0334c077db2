/**
 * The Compare panel's charts, diff and safety in real Chromium, served with its real page and
 * CSP by the harness, with a fake host answering from generated runs (`npm run test:webview`).
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  chartsDrawn,
  HOSTILE,
  paramRows,
  RESULTS,
  sent,
  showTab,
  useHarness,
} from './harness-session';

describe('the Compare webview: charts, diff and safety', function () {
  this.timeout(180_000);
  const open = useHarness();

  it('draws a chart canvas for every metric key', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    const keys = await page.$$eval('.chart-card', (cards) =>
      cards.map((card) => card.getAttribute('data-key')),
    );
    assert.deepEqual(keys, ['lr', 'train/loss', 'val/accuracy']);
    const inked = await page.$$eval('.chart-card canvas', (canvases) =>
      canvases.map((canvas) => {
        const { data } = (canvas as HTMLCanvasElement)
          .getContext('2d')
          ?.getImageData(
            0,
            0,
            (canvas as HTMLCanvasElement).width,
            (canvas as HTMLCanvasElement).height,
          ) ?? {
          data: new Uint8ClampedArray(),
        };
        let count = 0;
        for (let index = 3; index < data.length; index += 4) {
          count += data[index] > 0 ? 1 : 0;
        }

        return count;
      }),
    );
    assert.equal(inked.length, 3);
    assert.ok(
      inked.every((count) => count > 2000),
      `painted pixels per chart: ${inked.join(', ')}`,
    );
    await page.close();
  });

  it('shows exactly the differing param in the Diff, and the equal ones on request', async () => {
    const page = await open('scenario=two');
    await showTab(page, 'diff');
    assert.deepEqual(await paramRows(page), ['lr']);
    assert.match((await page.textContent('.hidden-count')) ?? '', /^\d+ equal keys hidden$/);
    await page.click('vscode-checkbox.only-differences');
    await page.waitForFunction(
      () => document.querySelectorAll('tbody[data-section="params"] tr[data-key]').length > 1,
    );
    assert.deepEqual(await paramRows(page), ['batch_size', 'dropout', 'lr', 'optimizer', 'seed']);
    assert.equal(await page.textContent('.hidden-count'), '');
    await page.close();
  });

  it('asks the host for a native diff of the two runs', async () => {
    const page = await open('scenario=two');
    await showTab(page, 'diff');
    await page.click('.diff-buttons .link-button >> text=Patch');
    const request = await sent(page, 'openDiff');
    assert.deepEqual(
      { ...request, leftRunId: '', rightRunId: '' },
      {
        type: 'openDiff',
        document: 'patch',
        leftRunId: '',
        rightRunId: '',
      },
    );
    await page.close();
  });

  it('shows HTML in run names, params, tags and keys as text, and runs no script', async () => {
    const page = await open('scenario=hostile');
    await chartsDrawn(page);
    assert.equal(await page.textContent('.legend-label'), HOSTILE);
    assert.ok(
      (
        await page.$$eval('.chart-title', (titles) => titles.map((title) => title.textContent))
      ).includes(HOSTILE),
    );
    await showTab(page, 'table');
    await page.waitForSelector('.table-rows .table-row input');
    const cells = await page.$$eval('.table-rows .table-cell', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    assert.ok(cells.includes(HOSTILE), 'the name shows as text in the table');
    await showTab(page, 'diff');
    assert.ok((await paramRows(page)).includes(HOSTILE), 'the param key shows as text in the diff');
    const diffCells = await page.$$eval('.diff-table td, .diff-table th', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    assert.ok(diffCells.some((text) => text?.includes(HOSTILE)));
    await showTab(page, 'params');
    const outcome = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      ran: window.__labbookXss ?? 0,
      violations: window.labbookHarness.violations,
    }));
    assert.deepEqual(outcome, { images: 0, ran: 0, violations: [] });
    await page.close();
  });

  it('works under the strict CSP: every tab draws without a policy violation', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    for (const tab of ['table', 'diff', 'params', 'charts']) {
      await showTab(page, tab);
    }

    assert.deepEqual(await page.evaluate(() => window.labbookHarness.violations), []);
    await page.close();
  });

  it('zooms every chart to a dragged step range at full resolution; double-click resets', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    const over = page.locator('.chart-card[data-key="train/loss"] .u-over');
    const box = await over.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const zoom = await sent(
      page,
      'getSeries',
      (message) => message.key === 'train/loss' && message.range !== undefined,
    );
    assert.ok(zoom.range);
    assert.ok(zoom.range.fromStep > 100 && zoom.range.toStep < 400, JSON.stringify(zoom.range));
    const synced = await sent(
      page,
      'getSeries',
      (message) => message.key === 'lr' && message.range !== undefined,
    );
    assert.deepEqual(synced.range, zoom.range, 'the other charts zoom with it');
    await page.waitForSelector('.chart-card.zoomed');
    await over.dblclick();
    await page
      .waitForSelector('.chart-card.zoomed', { state: 'detached', timeout: 5000 })
      .catch(() => undefined);
    assert.equal(await page.locator('.chart-card.zoomed').count(), 0);
    await page.close();
  });

  it('zooms a chart from the keyboard', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    await page.focus('.chart-card[data-key="val/accuracy"] .chart-plot');
    await page.keyboard.press('+');
    const zoom = await sent(page, 'getSeries', (message) => message.range !== undefined);
    assert.equal(zoom.key, 'val/accuracy');
    assert.ok(zoom.range && zoom.range.fromStep >= 100 && zoom.range.toStep <= 400);
    await page.waitForSelector('.chart-card.zoomed');
    await page.keyboard.press('0');
    await page.waitForSelector('.chart-card.zoomed', { state: 'detached' });
    await page.close();
  });

  it('appends live points to a chart and exports them as CSV', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    const runId = await page.evaluate(() => {
      const init = window.labbookHarness.received.find((message) => message.type === 'getSeries');
      return init && init.type === 'getSeries' ? init.runIds[0] : '';
    });
    await page.evaluate((id) => {
      const steps = Array.from({ length: 10 }, (_, index) => 500 + index);
      window.labbookHarness.send({
        type: 'pointsAppended',
        runId: id,
        key: 'train/loss',
        points: {
          steps,
          times: steps.map((step) => 1767607200 + step),
          values: steps.map(() => 0.05),
        },
      });
    }, runId);
    await page.waitForTimeout(100);
    await page.click(
      '.chart-card[data-key="train/loss"] button[aria-label="Export train/loss points as CSV"]',
    );
    const exported = await sent(page, 'export');
    assert.equal(exported.suggestedName, 'train_loss.csv');
    assert.ok(exported.content.startsWith('run_id,run_name,metric,step,time,value\r\n'));
    assert.ok(
      exported.content.includes(`${runId},baseline,train/loss,509,`),
      'the appended point is there',
    );
    await page.close();
  });

  it('exports a chart as a PNG image', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    await page.click('button[aria-label="Export lr as PNG"]');
    const exported = await sent(page, 'export');
    assert.equal(exported.format, 'png');
    const bytes = Buffer.from(exported.content, 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    writeFileSync(join(RESULTS, 'exported-chart.png'), bytes);
    await page.close();
  });

  it('keeps only versioned UI state', async () => {
    const page = await open('scenario=two');
    await chartsDrawn(page);
    await page.click('vscode-checkbox >> text=Log y');
    await page.waitForFunction(() => {
      const state = window.labbookHarness.state() as
        { charts?: { logScale?: boolean } } | undefined;
      return state?.charts?.logScale === true;
    });
    const state = (await page.evaluate(() => window.labbookHarness.state())) as Record<
      string,
      unknown
    >;
    assert.equal(state.version, 1);
    assert.equal((state.selection as string[]).length, 2);
    assert.ok(!JSON.stringify(state).includes('train/loss'), 'no run data in the state');
    await page.close();
  });
});
