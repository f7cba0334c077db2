/**
 * SQL LIKE patterns (`%` any run of characters, `_` one character) matched in
 * JavaScript, because SQLite's own LIKE ignores case only for ASCII and has no
 * case-sensitive mode per call. LIKE is case-sensitive and ILIKE is not, as in MLflow.
 *
 * A pattern is not turned into one regular expression with `.*` for each `%`: such an
 * expression backtracks exponentially on a pattern like `%a%a%a%a%b`, so one filter could
 * hang the editor. The pattern is split at `%` into pieces without wildcards of variable
 * length, and each piece is searched for in turn, leftmost first, never backtracking
 * into an earlier piece.
 */

/** The name under which the index registers {@link likeMatches} as an SQL function. */
export const LIKE_FUNCTION = 'labbook_like';

/** A pattern cut at its `%`s: each piece matches a fixed number of characters. */
interface CompiledPattern {
  /** The whole pattern when it holds no `%`; otherwise the first piece, at the start. */
  head: RegExp;
  exact: boolean;
  /** The pieces between the first and the last `%`, each searched for from where the last ended. */
  middle: RegExp[];
  /** The last piece, which must end the value. */
  tail: RegExp | undefined;
}

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 256;

function pieceSource(piece: string): string {
  let source = '';
  for (const char of piece) {
    source += char === '_' ? '.' : char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }

  return source;
}

function compile(pattern: string, ignoreCase: boolean): CompiledPattern {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let compiled = cache.get(cacheKey);
  if (!compiled) {
    const flags = ignoreCase ? 'isu' : 'su';
    const pieces = pattern.split('%').map(pieceSource);
    const exact = pieces.length === 1;
    compiled = {
      head: new RegExp(`^(?:${pieces[0]})${exact ? '$' : ''}`, flags),
      exact,
      middle: exact ? [] : pieces.slice(1, -1).map((piece) => new RegExp(piece, `${flags}g`)),
      tail: exact ? undefined : new RegExp(`(?:${pieces[pieces.length - 1]})$`, `${flags}g`),
    };
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }

    cache.set(cacheKey, compiled);
  }

  return compiled;
}

/** The index after the first match of `piece` at or after `position`, or -1. */
function searchFrom(piece: RegExp, value: string, position: number): number {
  piece.lastIndex = position;
  const found = piece.exec(value);
  return found ? found.index + found[0].length : -1;
}

/** Whether `value` matches the compiled pattern as a whole. */
function matches({ head, exact, middle, tail }: CompiledPattern, value: string): boolean {
  const first = head.exec(value);
  if (!first || exact || !tail) {
    return first !== null;
  }

  // Middle pieces go leftmost-first: with fixed-length pieces, an earlier match never
  // leaves less room for the rest than a later one would.
  let position = first[0].length;
  for (const piece of middle) {
    position = searchFrom(piece, value, position);
    if (position === -1) {
      return false;
    }
  }

  return searchFrom(tail, value, position) !== -1;
}

/** 1 when `value` matches `pattern`, 0 when not, null when there is no value (SQL style). */
export function likeMatches(value: unknown, pattern: unknown, ignoreCase: unknown): number | null {
  if (value === null || value === undefined || typeof pattern !== 'string') {
    return null;
  }

  return matches(compile(pattern, Boolean(ignoreCase)), String(value)) ? 1 : 0;
}
