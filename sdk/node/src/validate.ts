/**
 * Checks what a program passes to the SDK, so that a mistake fails at the call with the
 * key named and nothing already recorded is touched.
 */
import type { ParamInput } from '../../../src/runlog/run-writer';
import { setOwnProperty } from '../../../src/runlog/own-property';

const CONTROL = /[\x00-\x1f\x7f]/;

/** Throws unless `key` is a non-empty string without control characters. */
export function checkKey(key: string, what: string): void {
  if (key.length === 0) {
    throw new RangeError(`A ${what} key must not be empty.`);
  }

  if (CONTROL.test(key)) {
    throw new RangeError(
      `The ${what} key ${JSON.stringify(key)} holds a control character such as a newline.`,
    );
  }
}

/** The metrics as numbers, or a TypeError naming the first key whose value is not one. */
export function checkMetrics(values: Record<string, unknown>): Record<string, number> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new TypeError('log() takes an object of metrics, such as { loss: 0.3 }.');
  }

  for (const [key, value] of Object.entries(values)) {
    checkKey(key, 'metric');
    if (typeof value !== 'number') {
      throw new TypeError(`The metric "${key}" must be a number, not ${typeof value}.`);
    }
  }

  return values as Record<string, number>;
}

/** Params must be JSON scalars: numbers, strings, booleans or null. */
export function checkParams(params: Record<string, unknown>, what = 'param'): ParamInput {
  for (const [key, value] of Object.entries(params)) {
    checkKey(key, what);
    const type = typeof value;
    if (value !== null && type !== 'number' && type !== 'string' && type !== 'boolean') {
      throw new TypeError(
        `The ${what} "${key}" is a ${type}; pass a number, string, boolean or null.`,
      );
    }
  }

  return params as ParamInput;
}

/** Tag values are strings; null removes a tag. */
export function checkTags(tags: Record<string, unknown>): Record<string, string | null> {
  const checked: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(tags)) {
    checkKey(key, 'tag');
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new TypeError(`tag "${key}" must be text, a number or a boolean, not ${typeof value}`);
    }

    setOwnProperty(checked, key, value === null ? null : String(value));
  }

  return checked;
}
