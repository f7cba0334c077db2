/**
 * The Compare panel in real Chromium, served with its real page and CSP by the harness, with a
 * fake host answering the protocol from generated runs. Run with `npm run test:webview`.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import type { WebviewMessage } from '../../src/extension/compare/protocol';
import { type HarnessServer, startHarnessServer } from '../webview-harness/server';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..', '..');
const RESULTS = join(ROOT, 'test-results', 'webview');
const HOSTILE = '<img src=x onerror="window.__labbookXss=(window.__labbookXss||0)+1">';

interface PageRecord {
  received: WebviewMessage[];
  violations: string[];
  firstSeriesRequestAt: number | null;
  lastSeriesReplyAt: number | null;
  hostMilliseconds: number;
  state(): unknown;
  send(message: unknown): void;
  applyTheme(name: 'dark' | 'light'): void;
}

declare global {
  interface Window {
    labbookHarness: PageRecord;
    __labbookXss?: number;
  }
}

describe('the Compare webview in Chromium', function () {
  this.timeout(180_000);
  let server: HarnessServer;
  let browser: Browser;
  const errors: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `Skipping the webview tests: ${CHROMIUM} is missing (apt-get install chromium).`,
      );
      this.skip();
    }

    if (!existsSync(join(ROOT, 'dist', 'webview', 'main.js'))) {
      throw new Error('The webview is not built: run `npm run build` first.');
    }

    mkdirSync(RESULTS, { recursive: true });
    server = await startHarnessServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    assert.deepEqual(errors.splice(0), [], 'the page threw');
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/?${query}`);
    await page.waitForSelector('main[aria-busy="false"]');
    return page;
  }

  async function chartsDrawn(page: Page): Promise<void> {
    await page.waitForSelector('.chart-grid[data-drawn="true"]', { timeout: 60_000 });
  }

  async function received(page: Page): Promise<WebviewMessage[]> {
    return page.evaluate(() => window.labbookHarness.received);
  }

  /** Waits for the first message of `type` the page sent that `accept` takes, and returns it. */
  async function sent<T extends WebviewMessage['type']>(
    page: Page,
    type: T,
    accept: (message: Extract<WebviewMessage, { type: T }>) => boolean = () => true,
  ): Promise<Extract<WebviewMessage, { type: T }>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const match = (await received(page)).find(
        (message): message is Extract<WebviewMessage, { type: T }> =>
          message.type === type && accept(message as Extract<WebviewMessage, { type: T }>),
      );
      if (match) {
        return match;
      }

      if (Date.now() > deadline) {
        throw new Error(`The webview sent no matching "${type}" message.`);
      }

      await page.waitForTimeout(50);
    }
  }

  async function showTab(page: Page, tab: string): Promise<void> {
    await page.click(`vscode-tab-header[data-tab="${tab}"]`);
    await page.waitForTimeout(150);
  }

  async function paramRows(page: Page): Promise<string[]> {
    return page.$$eval('tbody[data-section="params"] tr[data-key]', (rows) =>
      rows.map((row) => row.getAttribute('data-key') ?? ''),
    );
  }

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
