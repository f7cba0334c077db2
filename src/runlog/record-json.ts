/**
 * JSON.stringify for record lines: the record keeps -0 (docs/run-format.md, "Values"),
 * which JSON.stringify would write as 0. Kept apart from numbers.ts, which the webview
 * bundles and which must not need node:crypto.
 */
import { randomBytes } from 'node:crypto';

function containsNegativeZero(value: unknown): boolean {
  if (typeof value === 'number') {
    return Object.is(value, -0);
  }

  if (Array.isArray(value)) {
    return value.some(containsNegativeZero);
  }

  if (value !== null && typeof value === 'object') {
    return Object.values(value).some(containsNegativeZero);
  }

  return false;
}

/** Stands in for -0 while stringifying; random, so that no real string can equal it. */
const NEGATIVE_ZERO_MARK = `-0~${randomBytes(12).toString('hex')}`;

/**
 * JSON.stringify, except that negative zero is written as `-0` (JSON.stringify writes
 * `0`), because the record keeps -0 (docs/run-format.md, "Values"). `indent` is
 * JSON.stringify's `space`, for output people read.
 */
export function recordJson(value: unknown, indent?: number): string {
  if (!containsNegativeZero(value)) {
    return JSON.stringify(value, null, indent);
  }

  const marked = JSON.stringify(
    value,
    (_key, each: unknown) => (Object.is(each, -0) ? NEGATIVE_ZERO_MARK : each),
    indent,
  );
  return marked.replaceAll(`"${NEGATIVE_ZERO_MARK}"`, '-0');
}
