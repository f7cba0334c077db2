/**
 * A filter or sort key that cannot be read. It names where reading stopped and what
 * would have been accepted there, so that an editor can point at the spot.
 */
export class QueryError extends Error {
  constructor(
    /** 0-based character offset into the text where the problem is. */
    readonly position: number,
    /** What would have been accepted there, in words: `a number`, `")"`. */
    readonly expected: string,
    /** What was found instead, in words. */
    readonly found: string,
  ) {
    super(`At character ${position + 1}, expected ${expected} but found ${found}.`);
    this.name = 'QueryError';
  }
}
