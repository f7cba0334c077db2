/**
 * Compares a reproduction's metrics with the original's, point by point: the same steps,
 * and values within a tolerance. Times are left out, since a re-run never keeps them.
 */
import type { RunIndex } from '../../runindex/run-index';

/** One metric's comparison. */
export interface MetricComparison {
  key: string;
  originalPoints: number;
  reproducedPoints: number;
  /** The last values, or null where the side has no such metric. */
  originalLast: number | null;
  reproducedLast: number | null;
  /** The largest difference between paired values; null when the points do not pair. */
  maxDifference: number | null;
  matches: boolean;
  /** Why the metric does not match, in a few words. */
  reason?: string;
}

export interface RunComparison {
  tolerance: number;
  metrics: MetricComparison[];
  matches: boolean;
}

/**
 * Whether two values agree: equal (NaN equals NaN, infinities themselves), or
 * `|a − b| ≤ tolerance · max(1, |a|, |b|)`, relative for large values and absolute for
 * small ones, so that one tolerance suits a loss of 0.01 and a count of 10,000.
 */
export function withinTolerance(a: number, b: number, tolerance: number): boolean {
  if (Object.is(a, b) || a === b || (Number.isNaN(a) && Number.isNaN(b))) {
    return true;
  }

  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function difference(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) {
    return 0;
  }

  const distance = Math.abs(a - b);
  return Number.isNaN(distance) ? Infinity : distance;
}

function compareKey(
  index: RunIndex,
  original: string,
  reproduced: string,
  key: string,
  tolerance: number,
): MetricComparison {
  const [left] = index.series([original], key);
  const [right] = index.series([reproduced], key);
  const comparison: MetricComparison = {
    key,
    originalPoints: left?.steps.length ?? 0,
    reproducedPoints: right?.steps.length ?? 0,
    originalLast: left && left.values.length > 0 ? (left.values.at(-1) as number) : null,
    reproducedLast: right && right.values.length > 0 ? (right.values.at(-1) as number) : null,
    maxDifference: null,
    matches: false,
  };

  if (!left || left.steps.length === 0 || !right || right.steps.length === 0) {
    comparison.reason = left?.steps.length
      ? 'missing in the reproduction'
      : 'new in the reproduction';
    return comparison;
  }

  if (left.steps.length !== right.steps.length) {
    comparison.reason = 'different numbers of points';
    return comparison;
  }

  let largest = 0;
  let matches = true;
  for (let at = 0; at < left.steps.length; at += 1) {
    if (left.steps[at] !== right.steps[at]) {
      comparison.reason = `different steps from step ${left.steps[at]}`;
      return comparison;
    }

    const a = left.values[at] as number;
    const b = right.values[at] as number;
    largest = Math.max(largest, difference(a, b));
    matches &&= withinTolerance(a, b, tolerance);
  }

  comparison.maxDifference = largest;
  comparison.matches = matches;
  if (!matches) {
    comparison.reason = 'values differ beyond the tolerance';
  }

  return comparison;
}

/** Compares every metric of two runs in the index (which must have read both). */
export function compareRunMetrics(
  index: RunIndex,
  original: string,
  reproduced: string,
  tolerance: number,
): RunComparison {
  const keys = index.metricKeys([original, reproduced]);
  const metrics = keys.map((key) => compareKey(index, original, reproduced, key, tolerance));
  return { tolerance, metrics, matches: metrics.every((metric) => metric.matches) };
}
