/**
 * SQL LIKE patterns (`%` any run of characters, `_` one character) matched in
 * JavaScript, because SQLite's own LIKE ignores case only for ASCII and has no
 * case-sensitive mode per call. LIKE is case-sensitive and ILIKE is not, as in MLflow:
 * ILIKE compares the lower-case forms of value and pattern, as SQL's `lower()` would.
 *
 * A pattern is cut at its `%`s into pieces that each match a fixed number of characters.
 * The first piece must start the value and the last must end it, so each is compared at
 * one place; the pieces between are searched for in turn, leftmost first, never going back
 * into an earlier one. With each search linear (piece-search.ts), matching takes time
 * linear in the value's length, so no pattern can hang the editor, however long the value.
 */
import {
  ANY_CHARACTER,
  type Codes,
  codesOf,
  matchesAt,
  type Piece,
  preparePiece,
  searchPiece,
} from './piece-search';

/** The name under which the index registers {@link likeMatches} as an SQL function. */
export const LIKE_FUNCTION = 'labbook_like';

/**
 * A piece with `_` in it costs a machine word per 32 characters for each character of the
 * value, so such pieces are kept short enough for a 64 MB value to take well under a second.
 */
export const MAX_WILDCARD_PIECE = 256;

/** A pattern cut at its `%`s; `pieces` has one entry when there is no `%`. */
interface CompiledPattern {
  pieces: Piece[];
}

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 256;

const UNDERSCORE = 0x5f;

function pieceCodes(piece: string): Int32Array {
  const codes = Int32Array.from(codesOf(piece));
  for (let index = 0; index < codes.length; index += 1) {
    if (codes[index] === UNDERSCORE) {
      codes[index] = ANY_CHARACTER;
    }
  }

  return codes;
}

function compile(pattern: string, ignoreCase: boolean): CompiledPattern {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let compiled = cache.get(cacheKey);
  if (!compiled) {
    const text = ignoreCase ? pattern.toLowerCase() : pattern;
    compiled = { pieces: text.split('%').map((piece) => preparePiece(pieceCodes(piece))) };
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }

    cache.set(cacheKey, compiled);
  }

  return compiled;
}

/** Whether the characters of `value` match the compiled pattern as a whole. */
function matches({ pieces }: CompiledPattern, value: Codes): boolean {
  const head = pieces[0] as Piece;
  if (pieces.length === 1) {
    return head.codes.length === value.length && matchesAt(head, value, 0);
  }

  const tail = pieces[pieces.length - 1] as Piece;
  const tailStart = value.length - tail.codes.length;
  if (tailStart < head.codes.length || !matchesAt(head, value, 0)) {
    return false;
  }

  // With fixed-length pieces, an earlier match never leaves less room for the rest than a
  // later one would, so the leftmost match of each middle piece is the one to take.
  let position = head.codes.length;
  for (let index = 1; index < pieces.length - 1; index += 1) {
    position = searchPiece(pieces[index] as Piece, value, position, tailStart);
    if (position === -1) {
      return false;
    }
  }

  return matchesAt(tail, value, tailStart);
}

/**
 * Why a LIKE pattern is refused, or undefined when it is fine: a piece with `_` longer
 * than {@link MAX_WILDCARD_PIECE} characters.
 */
export function likePatternProblem(pattern: string): string | undefined {
  const long = pattern
    .split('%')
    .find((piece) => piece.includes('_') && [...piece].length > MAX_WILDCARD_PIECE);
  return long === undefined
    ? undefined
    : `a pattern whose parts holding "_" are at most ${MAX_WILDCARD_PIECE} characters long`;
}

/** 1 when `value` matches `pattern`, 0 when not, null when there is no value (SQL style). */
export function likeMatches(value: unknown, pattern: unknown, ignoreCase: unknown): number | null {
  if (value === null || value === undefined || typeof pattern !== 'string') {
    return null;
  }

  const text = String(value);
  const compiled = compile(pattern, Boolean(ignoreCase));
  return matches(compiled, codesOf(ignoreCase ? text.toLowerCase() : text)) ? 1 : 0;
}
