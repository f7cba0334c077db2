/**
 * Series of one metric of one run, and their downsampling for charts. Min/max buckets
 * keep every spike: a chart of 1,000 points drawn from a million still shows the one
 * step where the loss jumped, which averaging or picking every n-th point would hide.
 */

/** Points sorted by step; `times` are Unix seconds. */
export interface SeriesPoints {
  steps: Float64Array;
  times: Float64Array;
  values: Float64Array;
}

function pick(points: SeriesPoints, indices: ArrayLike<number>): SeriesPoints {
  const picked = {
    steps: new Float64Array(indices.length),
    times: new Float64Array(indices.length),
    values: new Float64Array(indices.length),
  };

  for (let target = 0; target < indices.length; target += 1) {
    const source = indices[target] as number;
    picked.steps[target] = points.steps[source] as number;
    picked.times[target] = points.times[source] as number;
    picked.values[target] = points.values[source] as number;
  }

  return picked;
}

/** NaN sorts after every number, so that equal points order the same way everywhere. */
function compareValues(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
  }

  return a - b;
}

function comparePoints(points: SeriesPoints, a: number, b: number): number {
  return (
    (points.steps[a] as number) - (points.steps[b] as number) ||
    (points.times[a] as number) - (points.times[b] as number) ||
    compareValues(points.values[a] as number, points.values[b] as number)
  );
}

/**
 * Puts points in their one canonical order: by step, then time, then value. Points of
 * one key can come from several record files in any order; a canonical order makes
 * every read of the same points return the same arrays.
 */
export function sortPoints(points: SeriesPoints): SeriesPoints {
  const count = points.steps.length;
  let sorted = true;
  for (let index = 1; index < count && sorted; index += 1) {
    sorted = comparePoints(points, index - 1, index) <= 0;
  }

  if (sorted) {
    return points;
  }

  const order = Array.from({ length: count }, (_, index) => index);
  order.sort((a, b) => comparePoints(points, a, b));
  return pick(points, order);
}

function lowerBound(steps: Float64Array, step: number): number {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((steps[middle] as number) < step) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }

  return low;
}

/** The points with `from <= step <= to`; either bound may be left out. */
export function sliceSteps(points: SeriesPoints, from?: number, to?: number): SeriesPoints {
  const start = from === undefined ? 0 : lowerBound(points.steps, from);
  const end = Math.max(
    start,
    to === undefined ? points.steps.length : upperBound(points.steps, to),
  );
  return {
    steps: points.steps.subarray(start, end),
    times: points.times.subarray(start, end),
    values: points.values.subarray(start, end),
  };
}

function upperBound(steps: Float64Array, step: number): number {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((steps[middle] as number) <= step) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }

  return low;
}

/**
 * Reduces sorted points to about `target` points. The step range is cut into
 * equal-width buckets; each bucket keeps its lowest and highest value and its first
 * NaN, and the first and last points always stay. Returns the input when it fits.
 * The result has at most `max(target, 4)` points plus one NaN per bucket.
 */
export function downsample(points: SeriesPoints, target: number): SeriesPoints {
  const count = points.steps.length;
  if (count <= target) {
    return points;
  }

  const buckets = Math.max(1, Math.floor((target - 2) / 2));
  const first = points.steps[0] as number;
  const span = (points.steps[count - 1] as number) - first;
  const kept: number[] = [0];
  let bucket = 0;
  let minIndex = -1;
  let maxIndex = -1;
  let nanIndex = -1;

  const keep = (index: number): void => {
    if (index > 0 && index !== kept[kept.length - 1] && index !== count - 1) {
      kept.push(index);
    }
  };

  // The bucket's chosen points in index order, without allocating for each bucket.
  const closeBucket = (): void => {
    const low = Math.min(minIndex, maxIndex);
    const high = Math.max(minIndex, maxIndex);
    if (nanIndex === -1 || nanIndex > high) {
      keep(low);
      keep(high);
      keep(nanIndex);
    } else if (nanIndex > low) {
      keep(low);
      keep(nanIndex);
      keep(high);
    } else {
      keep(nanIndex);
      keep(low);
      keep(high);
    }

    minIndex = -1;
    maxIndex = -1;
    nanIndex = -1;
  };

  for (let index = 0; index < count; index += 1) {
    const offset = (points.steps[index] as number) - first;
    const pointBucket = span > 0 ? Math.min(buckets - 1, Math.floor((offset / span) * buckets)) : 0;
    if (pointBucket !== bucket) {
      closeBucket();
      bucket = pointBucket;
    }

    const value = points.values[index] as number;
    if (Number.isNaN(value)) {
      nanIndex = nanIndex === -1 ? index : nanIndex;
      continue;
    }

    if (minIndex === -1 || value < (points.values[minIndex] as number)) {
      minIndex = index;
    }

    if (maxIndex === -1 || value > (points.values[maxIndex] as number)) {
      maxIndex = index;
    }
  }

  closeBucket();
  kept.push(count - 1);
  return pick(points, kept);
}
