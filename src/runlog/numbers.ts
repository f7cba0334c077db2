/**
 * JSON has no NaN or infinities, but training produces them and the record must keep
 * them. Metrics store them as strings; params as a tagged object, because a param can
 * legitimately be the string "NaN".
 */
import type { ParamValue, StoredMetric } from './events';

/** Encodes a metric number for JSON. */
export function encodeMetric(value: number): StoredMetric {
  if (Number.isFinite(value)) {
    return value;
  }

  if (Number.isNaN(value)) {
    return 'NaN';
  }

  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Decodes a stored metric; returns undefined for anything that is not a metric. */
export function decodeMetric(stored: unknown): number | undefined {
  if (typeof stored === 'number') {
    return stored;
  }

  if (stored === 'NaN') {
    return NaN;
  }

  if (stored === 'Infinity') {
    return Infinity;
  }

  if (stored === '-Infinity') {
    return -Infinity;
  }

  return undefined;
}

/** Encodes a param value for JSON, tagging non-finite numbers. */
export function encodeParam(value: number | string | boolean | null): ParamValue {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $float: encodeMetric(value) as 'NaN' | 'Infinity' | '-Infinity' };
  }

  return value;
}

/** Decodes a stored param value into a plain JS value. */
export function decodeParam(stored: ParamValue): number | string | boolean | null {
  if (stored !== null && typeof stored === 'object') {
    return decodeMetric(stored.$float) ?? null;
  }

  return stored;
}
