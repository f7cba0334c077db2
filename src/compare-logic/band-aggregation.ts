/**
 * Aggregates the runs of a group (for example the seeds of one configuration) into a mean
 * line and a band around it. Runs are logged at different steps, so each run is read at every
 * x by linear interpolation between its neighbouring points, and only where it has data:
 * a run that stopped early leaves the band instead of dragging the mean towards zero.
 */

/** One run's curve: xs ascending, ys the values at them. */
export interface Curve {
  xs: readonly number[];
  ys: readonly number[];
}

/** How the band spreads: from the lowest to the highest run, or one standard deviation. */
export type BandSpread = 'minMax' | 'std';

/** A group's mean and band at each x; null where no run of the group has data. */
export interface Band {
  mean: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}

function finitePoints(curve: Curve): Curve {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let index = 0; index < curve.xs.length; index += 1) {
    if (Number.isFinite(curve.ys[index]) && Number.isFinite(curve.xs[index])) {
      xs.push(curve.xs[index]);
      ys.push(curve.ys[index]);
    }
  }

  return { xs, ys };
}

/** Reads a curve at ascending xs, advancing one cursor instead of searching each time. */
function sampleAt(curve: Curve, xs: readonly number[]): (number | null)[] {
  const samples = new Array<number | null>(xs.length).fill(null);
  const last = curve.xs.length - 1;
  if (last < 0) {
    return samples;
  }

  let right = 0;
  for (let index = 0; index < xs.length; index += 1) {
    const x = xs[index];
    if (x < curve.xs[0] || x > curve.xs[last]) {
      continue;
    }

    while (curve.xs[right] < x) {
      right += 1;
    }

    if (curve.xs[right] === x) {
      samples[index] = curve.ys[right];
      continue;
    }

    const left = right - 1;
    const fraction = (x - curve.xs[left]) / (curve.xs[right] - curve.xs[left]);
    samples[index] = curve.ys[left] + fraction * (curve.ys[right] - curve.ys[left]);
  }

  return samples;
}

/** The sorted union of the curves' xs, each x once. */
export function unionOfXs(curves: readonly Curve[]): number[] {
  const all = new Set<number>();
  for (const curve of curves) {
    for (const x of curve.xs) {
      if (Number.isFinite(x)) {
        all.add(x);
      }
    }
  }

  return [...all].sort((left, right) => left - right);
}

/** The mean of `curves` at each of `xs` (ascending), with a band of the given spread. */
export function aggregateBand(
  curves: readonly Curve[],
  xs: readonly number[],
  spread: BandSpread,
): Band {
  const samples = curves.map((curve) => sampleAt(finitePoints(curve), xs));
  const band: Band = { mean: [], lower: [], upper: [] };
  for (let index = 0; index < xs.length; index += 1) {
    let sum = 0;
    let squares = 0;
    let lowest = Infinity;
    let highest = -Infinity;
    let present = 0;
    for (const run of samples) {
      const value = run[index];
      if (value === null) {
        continue;
      }

      present += 1;
      sum += value;
      squares += value * value;
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
    }

    if (present === 0) {
      band.mean.push(null);
      band.lower.push(null);
      band.upper.push(null);
      continue;
    }

    const mean = sum / present;
    band.mean.push(mean);
    if (spread === 'minMax') {
      band.lower.push(lowest);
      band.upper.push(highest);
      continue;
    }

    // Population deviation: the band describes these runs, not an estimate beyond them.
    const deviation = Math.sqrt(Math.max(0, squares / present - mean * mean));
    band.lower.push(mean - deviation);
    band.upper.push(mean + deviation);
  }

  return band;
}
