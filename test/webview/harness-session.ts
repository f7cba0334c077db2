/**
 * The harness session shared by the webview tests: the page server, one Chromium, and helpers
 * that open the panel and read what it sent to the fake host.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import type { WebviewMessage } from '../../src/extension/compare/protocol';
import { type HarnessServer, startHarnessServer } from '../webview-harness/server';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..', '..');

/** Where screenshots, exports and timings go. */
export const RESULTS = join(ROOT, 'test-results', 'webview');

/** A run name that tries to run script wherever it is shown (as the harness scenario has it). */
export const HOSTILE = '<img src=x onerror="window.__labbookXss=(window.__labbookXss||0)+1">';

/** What the fake host keeps in the page for tests to read. */
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

/** Opens the panel with a harness scenario, once its first data arrived. */
export type OpenPanel = (query: string) => Promise<Page>;

/**
 * Starts the server and Chromium around the calling suite, skipping it when Chromium is
 * missing, and fails any test during which the page threw.
 */
export function useHarness(): OpenPanel {
  let server: HarnessServer | undefined;
  let browser: Browser | undefined;
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

  return async (query) => {
    if (!browser || !server) {
      throw new Error('The harness did not start.');
    }

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/?${query}`);
    await page.waitForSelector('main[aria-busy="false"]');
    return page;
  };
}

/** Waits until every chart of the grid has drawn. */
export async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForSelector('.chart-grid[data-drawn="true"]', { timeout: 60_000 });
}

/** Everything the page sent to the fake host so far. */
export async function received(page: Page): Promise<WebviewMessage[]> {
  return page.evaluate(() => window.labbookHarness.received);
}

/** Waits for the first message of `type` the page sent that `accept` takes, and returns it. */
export async function sent<T extends WebviewMessage['type']>(
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

/** Switches to a tab and lets it draw. */
export async function showTab(page: Page, tab: string): Promise<void> {
  await page.click(`vscode-tab-header[data-tab="${tab}"]`);
  await page.waitForTimeout(150);
}

/** The keys of the Diff's params rows, in order. */
export async function paramRows(page: Page): Promise<string[]> {
  return page.$$eval('tbody[data-section="params"] tr[data-key]', (rows) =>
    rows.map((row) => row.getAttribute('data-key') ?? ''),
  );
}
