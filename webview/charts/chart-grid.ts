/**
 * The Charts tab: the options toolbar, the shared legend, and one chart per metric key of the
 * visible runs. It fetches what the charts lack, appends live points, and marks the grid
 * `data-drawn` once every chart has drawn, which tests and timing wait for.
 */
import { type ChartSettings, groupColourKey } from '../../src/compare-logic/chart-lines';
import { colourOfSlot } from '../../src/compare-logic/run-colours';
import { compareKeys, paramOf, unionOfKeys } from '../../src/compare-logic/run-values';
import { formatDuration, formatNumber, formatValue } from '../../src/compare-logic/value-format';
import type { PointsAppendedMessage } from '../../src/extension/compare/protocol';
import type { CompareStore, StoreChange } from '../compare-store';
import { element } from '../dom';
import type { HostChannel } from '../host-channel';
import { currentThemeKind } from '../theme';
import { ChartCard } from './chart-card';
import { ChartLegend, type LegendItem } from './chart-legend';
import { ChartToolbar } from './chart-toolbar';
import type { ChartLook } from './chart-view';
import { SeriesCache } from './series-cache';

/** The Charts tab. */
export class ChartGrid {
  readonly element: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly message: HTMLElement;
  private readonly toolbar: ChartToolbar;
  private readonly legend = new ChartLegend();
  private readonly cache: SeriesCache;
  private readonly cards = new Map<string, ChartCard>();
  private readonly pendingDraw = new Set<string>();
  private groupSlots = new Map<string, number>();
  private look: ChartLook;
  private lookKey = '';
  private appendFrame = 0;
  private readonly appended = new Set<string>();
  private started = false;

  constructor(
    private readonly store: CompareStore,
    private readonly channel: HostChannel,
  ) {
    this.cache = new SeriesCache(channel);
    this.toolbar = new ChartToolbar(store);
    this.grid = element('div', { className: 'chart-grid' });
    this.message = element('p', { className: 'empty-message', attributes: { role: 'status' } });
    this.element = element('div', {
      className: 'charts-tab',
      children: [this.toolbar.element, this.legend.element, this.message, this.grid],
    });
    this.look = this.makeLook();
    new ResizeObserver(() => this.resize()).observe(this.grid);
  }

  /** Adds a live run's new points to its chart. */
  append(message: PointsAppendedMessage): void {
    if (!this.cache.append(message.key, message.runId, message.points)) {
      return;
    }

    this.appended.add(message.key);
    cancelAnimationFrame(this.appendFrame);
    this.appendFrame = requestAnimationFrame(() => {
      for (const key of this.appended) {
        this.cards.get(key)?.render();
      }

      this.appended.clear();
    });
  }

  /** Follows store changes: new runs refetch, new options only redraw. */
  update(changes: ReadonlySet<StoreChange>): void {
    if (
      !this.started ||
      changes.has('selection') ||
      changes.has('summaries') ||
      changes.has('brush')
    ) {
      this.started = true;
      this.refreshLook(changes);
      this.refresh();
      return;
    }

    this.refreshLook(changes);
    this.toolbar.refreshGroups();
    this.renderAll();
  }

  private refreshLook(changes: ReadonlySet<StoreChange>): void {
    if (this.currentLookKey() === this.lookKey && !changes.has('theme')) {
      return;
    }

    // A zoom is a range of x values, which mean something else on another x axis.
    if (this.look.xAxis !== this.store.ui.charts.xAxis) {
      for (const card of this.cards.values()) {
        card.dropZoom();
      }
    }

    this.look = this.makeLook();
  }

  private currentLookKey(): string {
    const { xAxis, logScale } = this.store.ui.charts;
    return `${xAxis}|${logScale}`;
  }

  private makeLook(): ChartLook {
    this.lookKey = this.currentLookKey();
    const { xAxis, logScale } = this.store.ui.charts;
    const theme = currentThemeKind();
    return {
      xAxis,
      logScale,
      colourOf: (colourKey, alpha = 1) =>
        colourKey.startsWith('group:')
          ? colourOfSlot(this.groupSlots.get(colourKey) ?? 0, theme, alpha)
          : this.store.colourOf(colourKey, alpha),
    };
  }

  private settings(): ChartSettings {
    const options = this.store.ui.charts;
    const groupBy = options.groupBy;
    const byId = new Map(this.store.visibleRuns.map((run) => [run.id, run]));
    const groupOf =
      groupBy === null
        ? null
        : (runId: string): string => {
            const run = byId.get(runId);
            return `${groupBy}=${run ? formatValue(paramOf(run, groupBy)) : '—'}`;
          };
    return {
      xAxis: options.xAxis,
      smoothing: options.smoothing,
      logScale: options.logScale,
      groupOf,
      band: options.band,
    };
  }

  private legendItems(): LegendItem[] {
    const settings = this.settings();
    const runs = this.store.visibleRuns;
    if (settings.groupOf === null) {
      return runs.map((run) => ({
        colourKey: run.id,
        label: run.name,
        colour: this.look.colourOf(run.id),
      }));
    }

    const groupOf = settings.groupOf;
    const labels = [...new Set(runs.map((run) => groupOf(run.id)))].sort(compareKeys);
    // Groups take the palette in order: the first hues are the most distinct from each other.
    this.groupSlots = new Map(labels.map((label, index) => [groupColourKey(label), index]));
    return labels.map((label) => {
      const colourKey = groupColourKey(label);
      const count = runs.filter((run) => groupOf(run.id) === label).length;
      return {
        colourKey,
        label: `${label} (${count} run${count === 1 ? '' : 's'})`,
        colour: this.look.colourOf(colourKey),
      };
    });
  }

  private refresh(): void {
    // Brushing only hides runs for a while; their series stay for when the brush is cleared.
    this.cache.retainRuns(this.store.selection.map((run) => run.id));
    const runs = this.store.visibleRuns;
    const keys = unionOfKeys(runs, (run) => run.metrics);
    this.message.textContent =
      runs.length === 0
        ? 'Select runs in the Labbook explorer or the Table tab to chart them.'
        : keys.length === 0
          ? 'The selected runs have logged no metrics yet.'
          : '';
    for (const [key, card] of this.cards) {
      if (!keys.includes(key)) {
        card.destroy();
        this.cards.delete(key);
      }
    }

    for (const key of keys) {
      if (!this.cards.has(key)) {
        this.cards.set(key, this.makeCard(key));
      }
    }

    this.grid.replaceChildren(...keys.map((key) => (this.cards.get(key) as ChartCard).element));
    this.toolbar.refreshGroups();
    this.renderAll();
  }

  private renderAll(): void {
    this.legend.setItems(this.legendItems());
    this.grid.removeAttribute('data-drawn');
    this.pendingDraw.clear();
    const runIds = this.store.visibleRuns.map((run) => run.id);
    let requested = false;
    for (const [key, card] of this.cards) {
      this.pendingDraw.add(key);
      if (card.render()) {
        continue;
      }

      // With labbook:charts-drawn, this times the wait from asking for series to drawn charts.
      if (!requested) {
        requested = true;
        performance.mark('labbook:charts-requested');
      }

      this.cache
        .ensure(key, runIds, card.budget)
        .then(() => card.render())
        .catch((error: unknown) => this.reportError(error));
    }
  }

  private makeCard(key: string): ChartCard {
    return new ChartCard(key, {
      channel: this.channel,
      cache: this.cache,
      runs: () => this.store.visibleRuns,
      settings: () => this.settings(),
      look: () => this.look,
      legend: () => this.legendItems().map((item) => ({ label: item.label, colour: item.colour })),
      onDrawn: (drawnKey) => this.markDrawn(drawnKey),
      onHover: (hoverKey, index, view) => {
        const lines = view.drawnLines;
        const x = lines && index !== null ? lines.xs[index] : null;
        this.legend.showValues(hoverKey, lines, index, x === null ? '' : this.formatX(x));
      },
      onError: (message) => this.reportError(new Error(message)),
      onResetZoom: () => {
        for (const card of this.cards.values()) {
          card.resetZoom();
        }
      },
    });
  }

  private formatX(x: number): string {
    const mode = this.store.ui.charts.xAxis;
    if (mode === 'wallTime') {
      return new Date(x * 1000).toLocaleString();
    }

    return mode === 'relativeTime' ? formatDuration(x) : `step ${formatNumber(x)}`;
  }

  private markDrawn(key: string): void {
    if (!this.pendingDraw.delete(key) || this.pendingDraw.size > 0) {
      return;
    }

    this.grid.setAttribute('data-drawn', 'true');
    performance.mark('labbook:charts-drawn');
  }

  private resize(): void {
    for (const card of this.cards.values()) {
      card.resize();
    }

    const runIds = this.store.visibleRuns.map((run) => run.id);
    for (const [key, card] of this.cards) {
      this.cache
        .ensure(key, runIds, card.budget)
        .then((fetched) => fetched && card.render())
        .catch((error: unknown) => this.reportError(error));
    }
  }

  private reportError(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.message.textContent = text;
    this.channel.log('error', `Charts: ${text}`);
  }
}
