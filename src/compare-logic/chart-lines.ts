/**
 * What one metric chart draws, before any drawing library sees it: a shared x array and the
 * lines over it. Ungrouped, each run gives a faded raw line and its smoothed line on top;
 * grouped by a param, each group gives a mean line between two band edges.
 */
import type { BandKind, XAxisMode } from '../extension/compare/protocol';
import { aggregateBand, type Curve, unionOfXs } from './band-aggregation';
import { smoothDebiasedEma } from './smoothing';
import { xValues } from './x-axis';

/** One run's points of the charted metric. */
export interface RunPoints {
  runId: string;
  label: string;
  steps: readonly number[];
  /** Unix seconds. */
  times: readonly number[];
  values: readonly number[];
  /** The run's start, Unix seconds, for time since start. */
  startTime: number;
}

/** How the chart is drawn. */
export interface ChartSettings {
  xAxis: XAxisMode;
  /** EMA weight; 0 draws the raw lines only. */
  smoothing: number;
  logScale: boolean;
  /** The group of each run when grouping by a param; null to draw runs one by one. */
  groupOf: ((runId: string) => string) | null;
  band: BandKind;
}

/** The part a line plays. */
export type LineRole = 'raw' | 'smoothed' | 'mean' | 'lower' | 'upper';

/** A line over the shared xs; null where it has no point. */
export interface ChartLine {
  /** The run id, or `group:` and the group's label: what picks the colour. */
  colourKey: string;
  label: string;
  role: LineRole;
  values: (number | null)[];
}

/** A chart's data: lines over one x array, band edges next to each other. */
export interface ChartLines {
  xs: number[];
  lines: ChartLine[];
}

/** The colour key of a group, distinct from any run id. */
export function groupColourKey(label: string): string {
  return `group:${label}`;
}

function curveOf(run: RunPoints, settings: ChartSettings): Curve {
  const xs = xValues(settings.xAxis, run.steps, run.times, run.startTime);
  const ys =
    settings.smoothing > 0 ? smoothDebiasedEma(run.values, settings.smoothing) : run.values;
  if (settings.xAxis === 'step') {
    return { xs, ys };
  }

  // Clock times need not rise with steps (a resumed run, a clock change); the chart needs xs
  // in order.
  const order = xs.map((_, index) => index).sort((left, right) => xs[left] - xs[right]);
  return { xs: order.map((index) => xs[index]), ys: order.map((index) => ys[index]) };
}

/** Places a curve's ys at their xs in the shared array, walking both in order. */
function placeOnXs(xs: readonly number[], curve: Curve): (number | null)[] {
  const placed = new Array<number | null>(xs.length).fill(null);
  let position = 0;
  for (let index = 0; index < curve.xs.length; index += 1) {
    while (position < xs.length && xs[position] < curve.xs[index]) {
      position += 1;
    }

    if (position < xs.length && xs[position] === curve.xs[index]) {
      placed[position] = curve.ys[index];
    }
  }

  return placed;
}

function forScale(values: (number | null)[], logScale: boolean): (number | null)[] {
  // A log axis has no place for zero or below, and nothing draws infinities or NaN.
  return values.map((value) =>
    value === null || !Number.isFinite(value) || (logScale && value <= 0) ? null : value,
  );
}

function runLines(runs: readonly RunPoints[], settings: ChartSettings): ChartLines {
  const raw = runs.map((run) => curveOf(run, { ...settings, smoothing: 0 }));
  const smoothed = settings.smoothing > 0 ? runs.map((run) => curveOf(run, settings)) : [];
  const xs = unionOfXs(raw);
  const lines: ChartLine[] = [];
  runs.forEach((run, index) => {
    const values = forScale(placeOnXs(xs, raw[index]), settings.logScale);
    lines.push({ colourKey: run.runId, label: run.label, role: 'raw', values });
    if (settings.smoothing > 0) {
      const smooth = forScale(placeOnXs(xs, smoothed[index]), settings.logScale);
      lines.push({ colourKey: run.runId, label: run.label, role: 'smoothed', values: smooth });
    }
  });
  return { xs, lines };
}

function groupLines(
  runs: readonly RunPoints[],
  settings: ChartSettings,
  groupOf: (runId: string) => string,
): ChartLines {
  const groups = new Map<string, Curve[]>();
  for (const run of runs) {
    const label = groupOf(run.runId);
    groups.set(label, [...(groups.get(label) ?? []), curveOf(run, settings)]);
  }

  const xs = unionOfXs([...groups.values()].flat());
  const lines: ChartLine[] = [];
  for (const [label, curves] of groups) {
    const band = aggregateBand(curves, xs, settings.band);
    const colourKey = groupColourKey(label);
    const named = `${label} (${curves.length} run${curves.length === 1 ? '' : 's'})`;
    lines.push({
      colourKey,
      label: named,
      role: 'upper',
      values: forScale(band.upper, settings.logScale),
    });
    lines.push({
      colourKey,
      label: named,
      role: 'lower',
      values: forScale(band.lower, settings.logScale),
    });
    lines.push({
      colourKey,
      label: named,
      role: 'mean',
      values: forScale(band.mean, settings.logScale),
    });
  }

  return { xs, lines };
}

/** The lines of one metric's chart for `runs` under `settings`. */
export function chartLines(runs: readonly RunPoints[], settings: ChartSettings): ChartLines {
  return settings.groupOf ? groupLines(runs, settings, settings.groupOf) : runLines(runs, settings);
}
