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
    /** What was being read: `filter` or `sort key`. */
    readonly subject: 'filter' | 'sort key' = 'filter',
  ) {
    super(
      `The ${subject} has a problem at character ${position + 1}: ` +
        `expected ${expected} but found ${found}.`,
    );
    this.name = 'QueryError';
  }

  /** The same error, about a sort key. */
  asSortKeyError(): QueryError {
    return new QueryError(this.position, this.expected, this.found, 'sort key');
  }
}
