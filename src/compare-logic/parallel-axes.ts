/**
 * Scales and brushes of the parallel-coordinates plot. Each axis maps a run's value to a
 * position from 0 (bottom) to 1 (top): numbers linearly between the lowest and the highest,
 * anything else as evenly spaced categories. A brush keeps the runs whose position on its
 * axis lies inside it; a run must pass every brush.
 */
import type { PlainValue } from './run-values';
import { compareKeys } from './run-values';
import { formatValue } from './value-format';

/** How an axis places values. */
export type AxisScale =
  { kind: 'number'; min: number; max: number } | { kind: 'category'; categories: string[] };

/** A kept interval of an axis, as positions with from ≤ to. */
export interface Brush {
  from: number;
  to: number;
}

/** The scale that fits `values`: numeric when every present value is a finite number. */
export function scaleOf(values: readonly PlainValue[]): AxisScale {
  const present = values.filter((value) => value !== undefined);
  const numbers = present.filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  );
  if (present.length > 0 && numbers.length === present.length) {
    return { kind: 'number', min: Math.min(...numbers), max: Math.max(...numbers) };
  }

  const categories = [...new Set(present.map((value) => formatValue(value)))].sort(compareKeys);
  return { kind: 'category', categories };
}

/** Where `value` sits on the axis, from 0 to 1; null when the run lacks a value. */
export function positionOf(scale: AxisScale, value: PlainValue): number | null {
  if (value === undefined) {
    return null;
  }

  if (scale.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return null;
    }

    return scale.max === scale.min ? 0.5 : (value - scale.min) / (scale.max - scale.min);
  }

  const index = scale.categories.indexOf(formatValue(value));
  if (index < 0) {
    return null;
  }

  return scale.categories.length === 1 ? 0.5 : index / (scale.categories.length - 1);
}

/** The axis label at a position: a number, or the nearest category. */
export function labelAt(scale: AxisScale, position: number): string {
  if (scale.kind === 'number') {
    return formatValue(scale.min + position * (scale.max - scale.min));
  }

  if (scale.categories.length === 0) {
    return '';
  }

  const index = Math.round(position * (scale.categories.length - 1));
  return scale.categories[Math.min(Math.max(index, 0), scale.categories.length - 1)];
}

/** A brush from two positions in either order, clamped to the axis. */
export function brushBetween(first: number, second: number): Brush {
  const clamp = (position: number): number => Math.min(1, Math.max(0, position));
  return { from: clamp(Math.min(first, second)), to: clamp(Math.max(first, second)) };
}

/**
 * Which runs pass every brush. `positions[run][axis]` comes from {@link positionOf};
 * `brushes[axis]` is null for an axis without a brush. A run without a value on a brushed
 * axis does not pass it.
 */
export function passesBrushes(
  positions: readonly (readonly (number | null)[])[],
  brushes: readonly (Brush | null)[],
): boolean[] {
  const tolerance = 1e-9;
  return positions.map((run) =>
    brushes.every((brush, axis) => {
      if (brush === null) {
        return true;
      }

      const position = run[axis];
      return (
        position !== null && position >= brush.from - tolerance && position <= brush.to + tolerance
      );
    }),
  );
}

/**
 * Round tick values inside [min, max], about `most` of them: steps of 1, 2, 2.5 or 5 times a
 * power of ten, so an axis reads 0.2, 0.4, 0.6 rather than 0.1875, 0.375, 0.5625.
 */
export function niceTicks(min: number, max: number, most: number): number[] {
  if (!(max > min) || most < 2) {
    return Number.isFinite(min) ? [min] : [];
  }

  const rough = (max - min) / (most - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fits = (step: number): boolean =>
    Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1 <= most;
  // The finest round step that still gives at most `most` ticks.
  const step = [1, 2, 2.5, 5, 10, 20].map((factor) => factor * power).find(fits) ?? 20 * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) {
    // Rounding to the step's decimals removes float noise such as 0.30000000000000004.
    ticks.push(Number(tick.toFixed(Math.max(0, Math.ceil(-Math.log10(step)) + 1))));
  }

  return ticks;
}
