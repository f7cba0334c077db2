/**
 * A metric's curves as a self-contained SVG line chart, for the report: no script, no
 * fonts or images from elsewhere, so that it prints and archives as it is.
 */
import { niceTicks } from '../../compare-logic/parallel-axes';
import { formatNumber } from '../../compare-logic/value-format';
import { escapeHtml } from './markup';

/** One run's curve. */
export interface ChartSeries {
  label: string;
  colour: string;
  steps: number[];
  values: number[];
  /** Drawn last and thicker: the run the report is about. */
  emphasis?: boolean;
}

const WIDTH = 900;
const HEIGHT = 280;
const LEFT = 64;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 38;
const TICKS = 6;

interface Range {
  min: number;
  max: number;
}

/** The range of the finite numbers, widened by `margin` of its span on each side. */
function rangeOf(numbers: number[], margin: number): Range | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const value of numbers) {
    if (Number.isFinite(value)) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }

  if (min > max) {
    return undefined;
  }

  const pad = min === max ? (min === 0 ? 1 : Math.abs(min) * 0.1) : (max - min) * margin;
  return { min: min - pad, max: max + pad };
}

function allOf(series: ChartSeries[], pick: (each: ChartSeries) => number[]): number[] {
  return series.flatMap((each) => pick(each));
}

/** The polyline segments of a curve, broken where a value is NaN or infinite. */
function segments(series: ChartSeries, x: (step: number) => number, y: (value: number) => number) {
  const runs: string[][] = [[]];
  series.steps.forEach((step, at) => {
    const value = series.values[at] as number;
    if (Number.isFinite(value)) {
      runs.at(-1)?.push(`${x(step).toFixed(1)},${y(value).toFixed(1)}`);
    } else if ((runs.at(-1)?.length ?? 0) > 0) {
      runs.push([]);
    }
  });
  return runs.filter((points) => points.length > 0);
}

function curve(series: ChartSeries, x: (step: number) => number, y: (value: number) => number) {
  const colour = escapeHtml(series.colour);
  const width = series.emphasis ? 2.6 : 1.4;
  return segments(series, x, y)
    .map((points) => {
      const [cx, cy] = points[0]?.split(',') ?? [];
      return points.length === 1
        ? `<circle cx="${cx}" cy="${cy}" r="${width + 1}" fill="${colour}"/>`
        : `<polyline fill="none" stroke="${colour}" stroke-width="${width}" ` +
            `stroke-linejoin="round" points="${points.join(' ')}"/>`;
    })
    .join('');
}

/**
 * An SVG line chart of `key` for the given curves, to be put inline in HTML; a note
 * instead when nothing is finite. {@link standaloneSvg} makes it a file of its own.
 */
export function lineChartSvg(key: string, series: ChartSeries[]): string {
  const xRange = rangeOf(
    allOf(series, (each) => each.steps),
    0,
  );
  const yRange = rangeOf(
    allOf(series, (each) => each.values),
    0.05,
  );
  const title = escapeHtml(key);
  if (!xRange || !yRange) {
    return `<p class="note">${title} has no finite values to draw.</p>`;
  }

  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (step: number): number =>
    LEFT + ((step - xRange.min) / (xRange.max - xRange.min)) * plotWidth;
  const y = (value: number): number =>
    TOP + plotHeight - ((value - yRange.min) / (yRange.max - yRange.min)) * plotHeight;

  const yTicks = niceTicks(yRange.min, yRange.max, TICKS)
    .map(
      (tick) =>
        `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" ` +
        `y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" class="grid"/>` +
        `<text x="${LEFT - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">` +
        `${escapeHtml(formatNumber(tick))}</text>`,
    )
    .join('');
  const xTicks = niceTicks(xRange.min, xRange.max, TICKS)
    .map(
      (tick) =>
        `<text x="${x(tick).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">` +
        `${escapeHtml(formatNumber(tick))}</text>`,
    )
    .join('');

  return (
    `<svg width="${WIDTH}" height="${HEIGHT}" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title} by step">` +
    `<title>${title} by step</title>` +
    '<style>text{font:11px sans-serif;fill:#444}.grid{stroke:#e3e3e3}.axis{stroke:#888}</style>' +
    yTicks +
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" ` +
    `y1="${TOP + plotHeight}" y2="${TOP + plotHeight}" class="axis"/>` +
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotHeight}" class="axis"/>` +
    xTicks +
    `<text x="${LEFT + plotWidth / 2}" y="${HEIGHT - 4}" text-anchor="middle">step</text>` +
    [...series.filter((each) => !each.emphasis), ...series.filter((each) => each.emphasis)]
      .map((each) => curve(each, x, y))
      .join('') +
    '</svg>'
  );
}

/** Inline SVG markup as a document of its own, which needs the SVG namespace declared. */
export function standaloneSvg(svg: string): string {
  return svg.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ');
}
