/**
 * One metric's chart: a uPlot instance over {@link ChartLines}, with crosshair and zoom synced
 * across charts, and double-click to reset. It reports zoom, reset, hover and drawing to its
 * owner, which fetches data; it never fetches itself.
 */
import uPlot from 'uplot';

import type { ChartLines } from '../../src/compare-logic/chart-lines';
import { formatDuration, formatNumber } from '../../src/compare-logic/value-format';
import type { XAxisMode } from '../../src/extension/compare/protocol';
import { themeColour } from '../theme';

/** What the chart tells its owner. */
export interface ChartEvents {
  /** The user dragged over [low, high] in x units. */
  onZoom(low: number, high: number): void;
  /** The user double-clicked to go back to the whole series. */
  onReset(): void;
  /** The crosshair is at `index` of the xs, or left the chart (null). */
  onHover(index: number | null): void;
  /** The chart finished drawing. */
  onDrawn(): void;
}

/** Drawing options that need a new uPlot when they change. */
export interface ChartLook {
  xAxis: XAxisMode;
  logScale: boolean;
  colourOf(colourKey: string, alpha?: number): string;
}

/** Charts keep a landscape shape that grows with their card, within these bounds. */
const MIN_HEIGHT = 220;
const MAX_HEIGHT = 420;
const ASPECT = 0.72;
const SYNC_KEY = 'labbook-compare';

function axisValues(mode: XAxisMode): uPlot.Axis['values'] {
  if (mode === 'relativeTime') {
    return (_chart, splits) => splits.map((split) => formatDuration(split));
  }

  if (mode === 'step') {
    return (_chart, splits) => splits.map((split) => formatNumber(split));
  }

  return undefined;
}

/** On a log axis, labels on the decades only: every minor tick labelled would crowd it. */
const decadeLabels: uPlot.Axis['values'] = (_chart, splits) =>
  splits.map((split) => {
    const exponent = Math.log10(split);
    return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? formatNumber(split) : '';
  });

/** Room for the longest y label, so labels such as 0.0015 are never clipped. */
const yAxisSize: uPlot.Axis.Size = (_chart, values) => {
  const longest = Math.max(1, ...(values ?? []).map((value) => value.length));
  return Math.ceil(longest * 6.6) + 16;
};

/**
 * How opaque raw lines are behind smoothed ones. Many overlaid noisy runs turn into a solid
 * block, so each run's raw line gets fainter as runs are added.
 */
function fadedAlpha(lines: ChartLines): number {
  const runs = lines.lines.filter((line) => line.role === 'raw').length;
  return Math.max(0.08, 0.3 / Math.sqrt(Math.max(1, runs / 3)));
}

function seriesOptions(lines: ChartLines, look: ChartLook): uPlot.Series[] {
  const smoothing = lines.lines.some((line) => line.role === 'smoothed');
  const faded = fadedAlpha(lines);
  return [
    {},
    ...lines.lines.map((line): uPlot.Series => {
      const edge = line.role === 'lower' || line.role === 'upper';
      const alpha = line.role === 'raw' && smoothing ? faded : edge ? 0 : 1;
      return {
        label: line.label,
        stroke: look.colourOf(line.colourKey, alpha),
        width: edge ? 0 : line.role === 'raw' ? 1 : 1.75,
        spanGaps: true,
        points: { show: false },
        value: (_chart, value) => (value === null ? '—' : formatNumber(value)),
      };
    }),
  ];
}

function bandOptions(lines: ChartLines, look: ChartLook): uPlot.Band[] {
  const bands: uPlot.Band[] = [];
  lines.lines.forEach((line, index) => {
    if (line.role === 'upper') {
      bands.push({ series: [index + 1, index + 2], fill: look.colourOf(line.colourKey, 0.2) });
    }
  });
  return bands;
}

/** A uPlot chart in `container`. */
export class ChartView {
  private chart: uPlot | null = null;
  private lines: ChartLines | null = null;
  private look: ChartLook | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly events: ChartEvents,
  ) {
    container.addEventListener('dblclick', () => this.events.onReset());
    container.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** From the keyboard: + zooms into the middle half of the view, − or 0 zooms back out. */
  private onKey(event: KeyboardEvent): void {
    const scale = this.chart?.scales.x;
    if (!scale || scale.min === undefined || scale.max === undefined) {
      return;
    }

    if (event.key === '+' || event.key === '=') {
      const quarter = (scale.max - scale.min) / 4;
      const [low, high] = [scale.min + quarter, scale.max - quarter];
      this.chart?.setScale('x', { min: low, max: high });
      this.events.onZoom(low, high);
    } else if (event.key === '-' || event.key === '0') {
      this.events.onReset();
    } else {
      return;
    }

    event.preventDefault();
  }

  /** The x array and lines last drawn. */
  get drawnLines(): ChartLines | null {
    return this.lines;
  }

  /** Draws `lines`; keeps the x range given, for a zoomed view. */
  draw(lines: ChartLines, look: ChartLook, xRange: [number, number] | null): void {
    const sameShape =
      this.chart !== null &&
      this.look === look &&
      this.lines !== null &&
      this.lines.lines.length === lines.lines.length &&
      this.lines.lines.every((line, index) => line.colourKey === lines.lines[index].colourKey);
    const data = [lines.xs, ...lines.lines.map((line) => line.values)] as uPlot.AlignedData;
    this.lines = lines;
    this.look = look;
    if (sameShape && this.chart) {
      this.chart.setData(data, xRange === null);
    } else {
      this.chart?.destroy();
      this.chart = new uPlot(this.options(lines, look), data, this.container);
    }

    if (xRange) {
      this.chart.setScale('x', { min: xRange[0], max: xRange[1] });
    }
  }

  /** Follows the container's width. */
  resize(): void {
    this.chart?.setSize({ width: this.width(), height: this.height() });
  }

  /** The plot's canvas, axes included, for PNG export. */
  get canvas(): HTMLCanvasElement | null {
    return this.chart?.ctx.canvas ?? null;
  }

  /** Removes the chart and its listeners. */
  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }

  private width(): number {
    return Math.max(240, Math.floor(this.container.clientWidth));
  }

  private height(): number {
    return Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, this.width() * ASPECT)));
  }

  private options(lines: ChartLines, look: ChartLook): uPlot.Options {
    const foreground = themeColour('--vscode-foreground', '#cccccc');
    const grid = themeColour('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)');
    const font = `11px ${themeColour('--vscode-font-family', 'sans-serif')}`;
    const axis = (values?: uPlot.Axis['values'], side?: 'y'): uPlot.Axis => ({
      stroke: foreground,
      font,
      grid: { stroke: grid, width: 0.5 },
      ticks: { stroke: grid, width: 0.5 },
      ...(values ? { values } : {}),
      ...(side === 'y' ? { size: yAxisSize } : {}),
    });
    return {
      width: this.width(),
      height: this.height(),
      legend: { show: false },
      scales: {
        x: { time: look.xAxis === 'wallTime' },
        y: look.logScale ? { distr: 3, log: 10 } : {},
      },
      axes: [
        axis(axisValues(look.xAxis)),
        axis(look.logScale ? decadeLabels : (_chart, splits) => splits.map(formatNumber), 'y'),
      ],
      series: seriesOptions(lines, look),
      bands: bandOptions(lines, look),
      cursor: {
        sync: { key: SYNC_KEY, setSeries: false },
        drag: { x: true, y: false, setScale: true },
        bind: { dblclick: () => null },
        points: { show: false },
      },
      hooks: {
        setSelect: [
          (chart) => {
            if (chart.select.width < 4) {
              return;
            }

            const low = chart.posToVal(chart.select.left, 'x');
            const high = chart.posToVal(chart.select.left + chart.select.width, 'x');
            this.events.onZoom(low, high);
          },
        ],
        setCursor: [
          (chart) => {
            const index = chart.cursor.idx;
            this.events.onHover(index === undefined ? null : index);
          },
        ],
        draw: [() => this.events.onDrawn()],
      },
    };
  }
}
