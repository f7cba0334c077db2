/**
 * A chart of one metric in the grid: title, export buttons, and the chart itself. It draws
 * the overview from the cache; after a drag-zoom it fetches that step range at full
 * resolution, and a double-click goes back to the overview.
 */
import {
  chartLines,
  type ChartSettings,
  type RunPoints,
} from '../../src/compare-logic/chart-lines';
import { stepRangeOfX, xValues } from '../../src/compare-logic/x-axis';
import { pointsBudget, type RunSummary } from '../../src/extension/compare/protocol';
import { element, iconButton } from '../dom';
import type { HostChannel } from '../host-channel';
import { chartCsv, chartPngBase64, fileStem, type LegendEntry } from './chart-export';
import { type ChartLook, ChartView } from './chart-view';
import type { DecodedSeries, SeriesCache } from './series-cache';

/** What every card of the grid shares. */
export interface CardContext {
  channel: HostChannel;
  cache: SeriesCache;
  runs(): readonly RunSummary[];
  settings(): ChartSettings;
  look(): ChartLook;
  legend(): LegendEntry[];
  onDrawn(key: string): void;
  onHover(key: string, index: number | null, view: ChartView): void;
  onError(message: string): void;
  /** Zoom is synced across charts, so resetting one resets all. */
  onResetZoom(): void;
}

interface Zoom {
  xRange: [number, number];
  series: Map<string, DecodedSeries> | null;
}

/** One metric's chart card. */
export class ChartCard {
  readonly element: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly status: HTMLElement;
  private readonly view: ChartView;
  private zoom: Zoom | null = null;
  private zoomRequest = 0;

  constructor(
    readonly key: string,
    private readonly context: CardContext,
  ) {
    this.plot = element('div', {
      className: 'chart-plot',
      attributes: {
        tabindex: '0',
        role: 'img',
        'aria-label': `${key}: press + to zoom in, − to zoom out.`,
      },
    });
    this.status = element('span', { className: 'chart-status', attributes: { role: 'status' } });
    const title = element('h3', { className: 'chart-title', text: key, title: key });
    const actions = element('div', {
      className: 'chart-actions',
      children: [
        iconButton('discard', 'Reset zoom', () => context.onResetZoom()),
        iconButton('file-media', `Export ${key} as PNG`, () => void this.exportPng()),
        iconButton('table', `Export ${key} points as CSV`, () => void this.exportCsv()),
      ],
    });
    this.element = element('section', {
      className: 'chart-card',
      attributes: { 'aria-label': `Chart of ${key}`, 'data-key': key },
      children: [element('header', { children: [title, this.status, actions] }), this.plot],
    });
    this.view = new ChartView(this.plot, {
      onZoom: (low, high) => void this.zoomTo(low, high),
      onReset: () => context.onResetZoom(),
      onHover: (index) => context.onHover(key, index, this.view),
      onDrawn: () => context.onDrawn(key),
    });
  }

  /** The points budget for this card's current width. */
  get budget(): number {
    return pointsBudget(this.plot.clientWidth || 600);
  }

  /** Draws from the cache (or the zoomed range); false when some run's series is missing. */
  render(): boolean {
    const runs = this.context.runs();
    const seriesOf = (runId: string): DecodedSeries | undefined =>
      this.zoom?.series?.get(runId) ?? this.context.cache.get(this.key, runId);
    if (runs.some((run) => run.metrics[this.key] !== undefined && !seriesOf(run.id))) {
      return false;
    }

    const points: RunPoints[] = [];
    for (const run of runs) {
      const series = seriesOf(run.id);
      if (series && series.steps.length > 0) {
        points.push({
          runId: run.id,
          label: run.name,
          ...series,
          startTime: Date.parse(run.startedAt) / 1000,
        });
      }
    }

    const lines = chartLines(points, this.context.settings());
    this.element.classList.toggle('zoomed', this.zoom !== null);
    this.view.draw(lines, this.context.look(), this.zoom?.xRange ?? null);
    return true;
  }

  /** Follows a change of the card's width. */
  resize(): void {
    this.view.resize();
  }

  /** Forgets a zoom, for example when the x axis changes meaning. */
  dropZoom(): void {
    this.zoom = null;
    this.zoomRequest += 1;
  }

  /** Releases the chart. */
  destroy(): void {
    this.view.destroy();
    this.element.remove();
  }

  private async zoomTo(low: number, high: number): Promise<void> {
    const settings = this.context.settings();
    const runs = this.context.runs();
    const curves = runs.flatMap((run) => {
      const series = this.context.cache.get(this.key, run.id);
      if (!series) {
        return [];
      }

      const xs = xValues(
        settings.xAxis,
        series.steps,
        series.times,
        Date.parse(run.startedAt) / 1000,
      );
      return [{ steps: series.steps, xs }];
    });
    const range = stepRangeOfX(curves, low, high);
    this.zoom = { xRange: [low, high], series: this.zoom?.series ?? null };
    if (range === null) {
      return;
    }

    const request = ++this.zoomRequest;
    this.status.textContent = 'Loading range…';
    try {
      const series = await this.context.cache.fetchRange(
        this.key,
        runs.map((run) => run.id),
        this.budget,
        range,
      );
      if (request === this.zoomRequest) {
        this.zoom = { xRange: [low, high], series };
        this.render();
      }
    } catch (error) {
      this.context.onError(error instanceof Error ? error.message : String(error));
    } finally {
      if (request === this.zoomRequest) {
        this.status.textContent = '';
      }
    }
  }

  /** Goes back to the whole series. */
  resetZoom(): void {
    this.dropZoom();
    this.status.textContent = '';
    this.render();
  }

  private async exportPng(): Promise<void> {
    const canvas = this.view.canvas;
    if (!canvas) {
      return;
    }

    const content = chartPngBase64(this.key, canvas, this.context.legend());
    await this.save('png', `${fileStem(this.key)}.png`, content);
  }

  private async exportCsv(): Promise<void> {
    const content = chartCsv(
      this.key,
      this.context.runs(),
      (runId) => this.zoom?.series?.get(runId) ?? this.context.cache.get(this.key, runId),
    );
    await this.save('csv', `${fileStem(this.key)}.csv`, content);
  }

  private async save(format: 'csv' | 'png', suggestedName: string, content: string): Promise<void> {
    try {
      const reply = await this.context.channel.request({
        type: 'export',
        format,
        suggestedName,
        content,
      });
      this.status.textContent = reply.saved ? 'Saved.' : '';
    } catch (error) {
      this.context.onError(error instanceof Error ? error.message : String(error));
    }
  }
}
