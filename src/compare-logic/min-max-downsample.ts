/**
 * Min/max downsampling: each bucket of neighbouring points is replaced by its lowest and its
 * highest point, in their original order. Unlike averaging or picking every n-th point, a
 * one-step spike survives, which is what someone hunting a divergence needs to see.
 */

/** Points in columns: point i is (steps[i], times[i], values[i]). */
export interface PointColumns {
  steps: number[];
  times: number[];
  values: number[];
}

/** Columns to read from: arrays or typed arrays. */
export interface PointColumnsLike {
  steps: ArrayLike<number>;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * Reduces `points` (ordered by step) to at most `budget` points, or copies them all when they
 * fit. NaN never wins a bucket; a bucket of NaN only keeps its first point.
 */
export function downsampleMinMax(points: PointColumnsLike, budget: number): PointColumns {
  const length = points.values.length;
  if (length <= budget) {
    return {
      steps: Array.from(points.steps),
      times: Array.from(points.times),
      values: Array.from(points.values),
    };
  }

  const bucketCount = Math.max(1, Math.floor(budget / 2));
  const result: PointColumns = { steps: [], times: [], values: [] };
  const keep = (index: number): void => {
    result.steps.push(points.steps[index]);
    result.times.push(points.times[index]);
    result.values.push(points.values[index]);
  };

  for (let bucket = 0; bucket < bucketCount; bucket += 1) {
    const start = Math.floor((bucket * length) / bucketCount);
    const end = Math.floor(((bucket + 1) * length) / bucketCount);
    let lowest = -1;
    let highest = -1;
    for (let index = start; index < end; index += 1) {
      const value = points.values[index];
      if (Number.isNaN(value)) {
        continue;
      }

      if (lowest < 0 || value < points.values[lowest]) {
        lowest = index;
      }

      if (highest < 0 || value > points.values[highest]) {
        highest = index;
      }
    }

    if (lowest < 0) {
      keep(start);
    } else if (lowest === highest) {
      keep(lowest);
    } else {
      keep(Math.min(lowest, highest));
      keep(Math.max(lowest, highest));
    }
  }

  return result;
}
