/**
 * Reads the Labbook: Compare panel inside the workbench as a person sees it: its tabs, the
 * legend, the chart canvases, the table and the diff. The panel lives in VS Code's nested
 * webview iframes; every read goes through the inner frame's DOM.
 */
import type { FrameLocator } from 'playwright-core';

import { type Workbench, WorkbenchStepError } from './workbench';

/** The panel's tabs, by the `data-tab` the webview gives their headers. */
export type CompareTabId = 'charts' | 'table' | 'diff' | 'params';

/** Something each tab shows once it has drawn, to wait for after switching to it. */
const DRAWN_CONTENT: Record<CompareTabId, string> = {
  charts: '.chart-card canvas',
  table: '.table-rows .table-row',
  diff: '.diff-table',
  params: '.params-tab .plot-figure svg',
};

/** How many pixels of one run's colour a chart holds, per run label of the legend. */
export interface ChartInk {
  key: string;
  pixelsByRun: Record<string, number>;
}

const pollMilliseconds = 250;
const waitMilliseconds = 20_000;

/** The Compare panel that is open in the workbench. */
export class CompareWebview {
  private constructor(
    private readonly workbench: Workbench,
    readonly content: FrameLocator,
  ) {}

  /** Finds the open Compare panel by its tab strip. */
  static async find(workbench: Workbench): Promise<CompareWebview> {
    return new CompareWebview(workbench, await workbench.webviewShowing('Params → Metric'));
  }

  /** Switches to a tab and waits until it has drawn something. */
  async showTab(tab: CompareTabId): Promise<void> {
    await this.content.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
    const panel = this.content.locator(`vscode-tab-panel[data-tab="${tab}"]`);
    await this.workbench.expectVisible(
      panel.locator(DRAWN_CONTENT[tab]).first(),
      `the Compare panel's ${tab} tab to draw`,
    );
  }

  /** The labels of the legend above the charts, in order. */
  async legendLabels(): Promise<string[]> {
    const labels = this.content.locator('.legend-label');
    await this.workbench.expectVisible(labels.first(), 'a legend above the charts');
    return labels.allTextContents();
  }

  /** The theme kind the webview was told by VS Code: `vscode-dark`, `vscode-light`, … */
  themeClass(): Promise<string> {
    return this.content
      .locator('body')
      .getAttribute('class')
      .then((value) => value ?? '');
  }

  /**
   * Counts, in each chart's canvas, the pixels drawn in each legend entry's colour, waiting
   * until every chart holds `minimumPixels` of every run or the wait runs out. A chart with
   * only axes and a grid counts zero for every run.
   */
  async chartInk(minimumPixels: number): Promise<ChartInk[]> {
    const deadline = Date.now() + waitMilliseconds;
    for (;;) {
      const ink = await this.readChartInk();
      const drawn = ink.every((chart) =>
        Object.values(chart.pixelsByRun).every((count) => count >= minimumPixels),
      );
      if ((drawn && ink.length > 0) || Date.now() > deadline) {
        return ink;
      }

      await this.workbench.page.waitForTimeout(pollMilliseconds);
    }
  }

  private async readChartInk(): Promise<ChartInk[]> {
    const legend = await this.content.locator('.legend-item').evaluateAll((items) =>
      items.map((item) => ({
        label: item.querySelector('.legend-label')?.textContent ?? '',
        colour: item.ownerDocument.defaultView.getComputedStyle(item.querySelector('.swatch'))
          .backgroundColor as string,
      })),
    );
    return this.content.locator('.chart-card').evaluateAll((cards, entries) => {
      // A run's line is drawn in its legend colour; anti-aliased edges differ a little.
      const closeTo = (data: Uint8ClampedArray, at: number, rgb: number[]): boolean =>
        data[at + 3] > 200 &&
        Math.abs(data[at] - rgb[0]) +
          Math.abs(data[at + 1] - rgb[1]) +
          Math.abs(data[at + 2] - rgb[2]) <
          40;
      const colours = entries.map((entry) => (entry.colour.match(/\d+/g) ?? []).map(Number));

      return cards.map((card) => {
        const canvas = card.querySelector('canvas');
        const pixelsByRun: Record<string, number> = {};
        entries.forEach((entry) => (pixelsByRun[entry.label] = 0));
        const context = canvas?.getContext('2d');
        if (canvas && context && canvas.width > 0 && canvas.height > 0) {
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          for (let at = 0; at < data.length; at += 4) {
            colours.forEach((rgb, index) => {
              if (closeTo(data, at, rgb)) {
                pixelsByRun[entries[index].label] += 1;
              }
            });
          }
        }

        return { key: card.getAttribute('data-key') ?? '', pixelsByRun };
      });
    }, legend);
  }

  /** The keys of the Diff's Params section, top to bottom. */
  async diffParamKeys(): Promise<string[]> {
    const rows = this.content.locator('tbody[data-section="params"] tr[data-key]');
    await this.workbench.expectVisible(rows.first(), 'a Params section in the Diff');
    return rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-key') ?? ''),
    );
  }

  /** The values of one Diff row, one per run, as the cells show them. */
  async diffRowValues(section: string, key: string): Promise<string[]> {
    const row = this.content.locator(`tbody[data-section="${section}"] tr[data-key="${key}"]`);
    await this.workbench.expectVisible(row, `a Diff row "${key}" under ${section}`);
    return row.locator('td').allTextContents();
  }

  /** The run names heading the Diff's columns. */
  diffRunNames(): Promise<string[]> {
    return this.content.locator('.diff-table thead .run-name').allTextContents();
  }

  /** The "N equal keys hidden" note beside the Only differences box. */
  async hiddenCount(): Promise<string> {
    return (await this.content.locator('.hidden-count').textContent()) ?? '';
  }

  /** Turns "Only differences" on or off, and waits for the Diff to redraw with that choice. */
  async setOnlyDifferences(on: boolean): Promise<void> {
    const box = this.content.locator('vscode-checkbox.only-differences');
    await this.workbench.expectVisible(box, 'the Only differences box');
    if (
      (await box.evaluate((element) => (element as { checked?: boolean }).checked === true)) !== on
    ) {
      await box.click();
    }

    const deadline = Date.now() + waitMilliseconds;
    while ((await this.content.locator('tr.equal').count()) > 0 === on) {
      if (Date.now() > deadline) {
        throw new WorkbenchStepError(
          `expected the Diff to ${on ? 'hide' : 'show'} equal keys after the Only differences ` +
            `box was set ${on ? 'on' : 'off'}, but it did not.`,
        );
      }

      await this.workbench.page.waitForTimeout(pollMilliseconds);
    }
  }

  /** The text of every cell of the runs table's rows. */
  async tableCells(): Promise<string[]> {
    const cells = this.content.locator('.table-rows .table-cell');
    await this.workbench.expectVisible(cells.first(), 'rows in the runs table');
    return cells.allTextContents();
  }

  /** How many elements of the panel's page match `selector`; 0 for `img` proves none was made. */
  countElements(selector: string): Promise<number> {
    return this.content.locator(selector).count();
  }
}
