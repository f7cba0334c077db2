/** Small timing helpers: the machine is shared and noisy, so figures are medians. */
import { performance } from 'node:perf_hooks';

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Milliseconds that `work` took. */
export function timeMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** Wall-clock and CPU milliseconds (all of this process's threads) that `work` took. */
export interface Elapsed {
  wallMs: number;
  cpuMs: number;
}

/**
 * Times `work` by the clock and by CPU time. On a shared machine the clock also counts
 * time other processes held the cores; CPU time shows what the work itself cost.
 */
export function measure(work: () => void): Elapsed {
  const cpu = process.cpuUsage();
  const started = performance.now();
  work();
  return { wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
}

/** CPU milliseconds this process has used since `start` (from process.cpuUsage()). */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The sum of two timings. */
export function addElapsed(first: Elapsed, second: Elapsed): Elapsed {
  return { wallMs: first.wallMs + second.wallMs, cpuMs: first.cpuMs + second.cpuMs };
}

/** Milliseconds that async `work` took. */
export async function timeMsAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A figure rounded to about three significant digits, for tables and JSON alike. */
export function rounded(value: number): number {
  if (value === 0 || !Number.isFinite(value)) {
    return value;
  }

  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}
