/**
 * TensorBoard-style smoothing: an exponential moving average corrected for its start-up bias.
 *
 * A plain EMA, s_i = w·s_{i-1} + (1−w)·v_i with s_0 = 0, is pulled towards zero for its first
 * points, because the weights (1−w)·w^k of the points seen so far sum to only 1 − w^n.
 * Dividing by that sum removes the bias: smoothed_n = s_n / (1 − w^n). The first smoothed
 * value then equals the first raw value, and the curve starts where the data starts.
 */

/**
 * Smooths `values` with weight `weight` (0 leaves them unchanged, 0.99 is very smooth).
 * Non-finite values pass through unchanged and do not enter the average, so one NaN does
 * not poison the rest of the curve.
 */
export function smoothDebiasedEma(values: readonly number[], weight: number): number[] {
  if (!(weight > 0)) {
    return values.slice();
  }

  const clamped = Math.min(weight, 0.999);
  const smoothed = new Array<number>(values.length);
  let average = 0;
  let remainingWeight = 1;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (!Number.isFinite(value)) {
      smoothed[index] = value;
      continue;
    }

    average = average * clamped + (1 - clamped) * value;
    remainingWeight *= clamped;
    smoothed[index] = average / (1 - remainingWeight);
  }

  return smoothed;
}
