/**
 * The charts' x axis: a point's step, its wall-clock time, or the time since its run started.
 * Zooming happens in x units, but the index is asked for steps, so a zoomed x range is mapped
 * back to the steps it covers.
 */
import type { StepRange, XAxisMode } from '../extension/compare/protocol';

/** The x of each point of a run in the given mode; `startTime` in Unix seconds. */
export function xValues(
  mode: XAxisMode,
  steps: readonly number[],
  times: readonly number[],
  startTime: number,
): number[] {
  if (mode === 'step') {
    return steps.slice();
  }

  if (mode === 'wallTime') {
    return times.slice();
  }

  return times.map((time) => time - startTime);
}

/** A run's steps with their x values in the current mode. */
export interface SteppedCurve {
  steps: readonly number[];
  xs: readonly number[];
}

/**
 * The steps that points with x in [low, high] have, across runs, as one range; null when no
 * point falls inside.
 */
export function stepRangeOfX(
  curves: readonly SteppedCurve[],
  low: number,
  high: number,
): StepRange | null {
  let fromStep = Infinity;
  let toStep = -Infinity;
  for (const curve of curves) {
    for (let index = 0; index < curve.xs.length; index += 1) {
      const x = curve.xs[index];
      if (x >= low && x <= high) {
        fromStep = Math.min(fromStep, curve.steps[index]);
        toStep = Math.max(toStep, curve.steps[index]);
      }
    }
  }

  return fromStep <= toStep ? { fromStep, toStep } : null;
}
