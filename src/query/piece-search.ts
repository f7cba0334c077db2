/**
 * Searches for one piece of a LIKE pattern (the text between two `%`) in a value, in time
 * linear in the value's length whatever either of them holds. A regular expression or
 * `indexOf` can take the value's length times the piece's length on repetitive text (a
 * 10 MB value of `a`s against a 5,000-character piece took 15 s), so pieces without `_` use
 * Knuth–Morris–Pratt and pieces with `_` use bit-parallel Shift-And, whose cost per
 * character is one machine word per 32 characters of the piece.
 *
 * Text is handled as arrays of code points, so that `_` is one character, never half of one.
 */

/** Stands for `_` in a piece: it matches any one character. */
export const ANY_CHARACTER = -1;

/** Characters as numbers: UTF-16 units when the text has no surrogates, else code points. */
export type Codes = Uint16Array | Int32Array;

const SURROGATE = /[\uD800-\uDFFF]/;

/** The characters of `text` as numbers, one per character. */
export function codesOf(text: string): Codes {
  if (!SURROGATE.test(text)) {
    const units = new Uint16Array(text.length);
    for (let index = 0; index < text.length; index += 1) {
      units[index] = text.charCodeAt(index);
    }

    return units;
  }

  const points = new Int32Array(text.length);
  let count = 0;
  for (const character of text) {
    points[count] = character.codePointAt(0) as number;
    count += 1;
  }

  return points.subarray(0, count);
}

/** A piece ready to be searched for. */
export interface Piece {
  /** The piece's characters; {@link ANY_CHARACTER} for each `_`. */
  codes: Int32Array;
  /** Knuth–Morris–Pratt's failure table, for a piece without `_`. */
  failure?: Int32Array;
  /** Shift-And masks, for a piece with `_`. */
  masks?: ShiftAndMasks;
}

interface ShiftAndMasks {
  words: number;
  /** Bits of the positions that match any character: the `_`s. */
  any: Uint32Array;
  /** Per character of the piece: the `_` bits plus the positions of that character. */
  byCode: Map<number, Uint32Array>;
}

function failureTable(codes: Int32Array): Int32Array {
  const failure = new Int32Array(codes.length);
  let matched = 0;
  for (let index = 1; index < codes.length; index += 1) {
    while (matched > 0 && codes[index] !== codes[matched]) {
      matched = failure[matched - 1] as number;
    }

    if (codes[index] === codes[matched]) {
      matched += 1;
    }

    failure[index] = matched;
  }

  return failure;
}

function shiftAndMasks(codes: Int32Array): ShiftAndMasks {
  const words = Math.ceil(codes.length / 32);
  const any = new Uint32Array(words);
  codes.forEach((code, position) => {
    if (code === ANY_CHARACTER) {
      any[position >>> 5] = ((any[position >>> 5] as number) | (1 << (position & 31))) >>> 0;
    }
  });

  const byCode = new Map<number, Uint32Array>();
  codes.forEach((code, position) => {
    if (code === ANY_CHARACTER) {
      return;
    }

    let mask = byCode.get(code);
    if (!mask) {
      mask = any.slice();
      byCode.set(code, mask);
    }

    mask[position >>> 5] = ((mask[position >>> 5] as number) | (1 << (position & 31))) >>> 0;
  });

  return { words, any, byCode };
}

/** Prepares a piece given as characters, `_` already turned into {@link ANY_CHARACTER}. */
export function preparePiece(codes: Int32Array): Piece {
  if (codes.includes(ANY_CHARACTER)) {
    return { codes, masks: shiftAndMasks(codes) };
  }

  return { codes, failure: failureTable(codes) };
}

/** Whether the piece matches the value at `at` exactly (it must fit). */
export function matchesAt(piece: Piece, value: Codes, at: number): boolean {
  const { codes } = piece;
  if (at < 0 || at + codes.length > value.length) {
    return false;
  }

  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index];
    if (code !== ANY_CHARACTER && code !== value[at + index]) {
      return false;
    }
  }

  return true;
}

function searchLiteral(piece: Piece, value: Codes, from: number, limit: number): number {
  const { codes } = piece;
  const failure = piece.failure as Int32Array;
  let matched = 0;
  for (let index = from; index < limit; index += 1) {
    const code = value[index];
    while (matched > 0 && code !== codes[matched]) {
      matched = failure[matched - 1] as number;
    }

    if (code === codes[matched]) {
      matched += 1;
      if (matched === codes.length) {
        return index + 1;
      }
    }
  }

  return -1;
}

function searchWithWildcards(piece: Piece, value: Codes, from: number, limit: number): number {
  const { words, any, byCode } = piece.masks as ShiftAndMasks;
  const last = words - 1;
  const finalBit = 1 << ((piece.codes.length - 1) & 31);
  const state = new Uint32Array(words);
  for (let index = from; index < limit; index += 1) {
    const mask = byCode.get(value[index] as number) ?? any;
    let carry = 1;
    for (let word = 0; word < words; word += 1) {
      const current = state[word] as number;
      state[word] = ((current << 1) | carry) & (mask[word] as number);
      carry = current >>> 31;
    }

    if (((state[last] as number) & finalBit) !== 0) {
      return index + 1;
    }
  }

  return -1;
}

/**
 * Where the leftmost match of `piece` that starts at or after `from` and ends at or before
 * `limit` ends, or -1 when there is none.
 */
export function searchPiece(piece: Piece, value: Codes, from: number, limit: number): number {
  if (piece.codes.length === 0) {
    return from <= limit ? from : -1;
  }

  return piece.masks
    ? searchWithWildcards(piece, value, from, limit)
    : searchLiteral(piece, value, from, limit);
}
