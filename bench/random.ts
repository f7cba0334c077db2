/**
 * A small seeded random source (mulberry32), so that every bench run generates the same
 * data sets and figures from different runs compare like with like.
 */

/** The seed of every generated data set. */
export const BENCH_SEED = 20261203;

export class SeededRandom {
  private state: number;

  constructor(seed: number = BENCH_SEED) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** One of `choices`. */
  pick<T>(choices: readonly T[]): T {
    return choices[this.below(choices.length)] as T;
  }

  /** Eight lowercase hex digits, like the random part of a run id. */
  hex8(): string {
    return this.below(2 ** 32)
      .toString(16)
      .padStart(8, '0');
  }

  /** A normally distributed number (Box-Muller), for noise on generated curves. */
  gaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
