/**
 * Recognises output scalars in one line of a program's output. The default form is Guild
 * AI's `key: value`: an identifier-like key, a colon, and a number (`nan` and `inf`
 * included). Custom patterns come from the store's config file.
 */
import { hasControlCharacter } from '../runlog/safe-name';

/** A key and value found in a line. */
export interface Scalar {
  key: string;
  value: number;
}

/** A user pattern: a regular expression with a `value` group and a `key` group or fixed key. */
export interface ScalarPattern {
  regex: RegExp;
  /** The metric key when the regex has no `key` group. */
  key?: string;
}

/** A number as programs print it, including Python's and C's spellings of NaN and infinity. */
export const NUMBER_SOURCE =
  '[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|nan|inf(?:inity)?)';

/** An identifier-like key; `/`, `.` and `-` after the first letter allow `train/loss`. */
export const KEY_SOURCE = '[A-Za-z_][A-Za-z0-9_./-]*';

/** The default pattern, anchored at both ends so that prose and progress bars never match. */
export const DEFAULT_LINE = new RegExp(
  `^[ \\t]*(${KEY_SOURCE})[ \\t]*:[ \\t]*(${NUMBER_SOURCE})[ \\t]*$`,
  'i',
);

const NUMBER_ONLY = new RegExp(`^${NUMBER_SOURCE}$`, 'i');

/** Parses a number as matched by {@link NUMBER_SOURCE}. */
export function parseNumber(text: string): number {
  const value = Number(text);
  if (!Number.isNaN(value)) {
    return value;
  }

  // Number() knows only "Infinity"; programs also print inf, INF and nan.
  const lower = text.toLowerCase();
  if (lower.endsWith('inf') || lower.endsWith('infinity')) {
    return lower.startsWith('-') ? -Infinity : Infinity;
  }

  return NaN;
}

/** Colour codes and cursor movements: CSI sequences and the shorter two-byte escapes. */
const ANSI_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/**
 * What a terminal would finally show for a raw line: the text after its last carriage
 * return, without escape sequences. A progress bar that redraws itself with `\r` thus
 * counts once, as its last state.
 */
export function visibleText(raw: string): string {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const lastReturn = line.lastIndexOf('\r');
  const tail = lastReturn === -1 ? line : line.slice(lastReturn + 1);
  return tail.includes('\x1b') ? tail.replace(ANSI_ESCAPE, '') : tail;
}

/** The scalars in one visible line, by the custom patterns, or by the default form. */
export function matchLine(line: string, patterns: readonly ScalarPattern[] | undefined): Scalar[] {
  if (!patterns) {
    const match = DEFAULT_LINE.exec(line);
    return match?.[1] && match[2] ? [{ key: match[1], value: parseNumber(match[2]) }] : [];
  }

  const found: Scalar[] = [];
  for (const pattern of patterns) {
    const groups = pattern.regex.exec(line)?.groups;
    const key = pattern.key ?? groups?.key;
    const value = groups?.value?.trim();
    // A key no record may hold (empty, or with a control character) would make the reader
    // refuse the whole batch of metrics it was written with, so it is no scalar.
    if (key && !hasControlCharacter(key) && value !== undefined && NUMBER_ONLY.test(value)) {
      found.push({ key, value: parseNumber(value) });
    }
  }

  return found;
}
