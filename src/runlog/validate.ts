/**
 * Checks that a parsed line is an event this version understands. A reader keeps going
 * past a bad line, so this returns a reason rather than throwing.
 */
import { EVENT_TYPES, type RunEvent } from './events';
import { fieldProblem } from './field-types';
import { decodeMetric } from './numbers';
import { hasControlCharacter } from './safe-name';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkMetrics(event: Record<string, unknown>): string | undefined {
  const { steps, times, values } = event;
  if (!Array.isArray(steps) || !Array.isArray(times) || !isObject(values)) {
    return 'a metrics event needs "steps", "times" and "values"';
  }

  if (steps.length !== times.length) {
    return '"steps" and "times" differ in length';
  }

  for (let row = 0; row < steps.length; row += 1) {
    if (!Number.isFinite(steps[row]) || !Number.isFinite(times[row])) {
      return `row ${row} has a step or time that is not a finite number`;
    }
  }

  // for...in rather than Object.entries: a line may hold a million keys, and each entry
  // would be an array of its own.
  for (const key in values) {
    const column = values[key];
    if (key === '' || hasControlCharacter(key)) {
      return `metric key ${JSON.stringify(key)} is empty or holds control characters`;
    }

    if (!Array.isArray(column) || column.length !== steps.length) {
      return `metric "${key}" does not have one value per step`;
    }

    // A plain loop with numbers first: this runs for every point of an index build.
    for (let row = 0; row < column.length; row += 1) {
      const value: unknown = column[row];
      if (typeof value !== 'number' && value !== null && decodeMetric(value) === undefined) {
        return `metric "${key}" has a value in row ${row} that is not a number`;
      }
    }
  }

  return undefined;
}

function isParamValue(value: unknown): boolean {
  if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) {
    return true;
  }

  // Exactly {"$float": "NaN"} and its kin: the index stores a param as it is, so nothing
  // else may ride along inside it.
  return (
    isObject(value) &&
    Object.keys(value).length === 1 &&
    typeof value.$float === 'string' &&
    decodeMetric(value.$float) !== undefined
  );
}

function checkMap(
  event: Record<string, unknown>,
  field: 'params' | 'tags',
  accepts: (value: unknown) => boolean,
): string | undefined {
  const map = event[field];
  if (!isObject(map)) {
    return `a ${field} event needs a "${field}" object`;
  }

  const wrong = Object.entries(map).find(([, value]) => !accepts(value));
  return wrong ? `${field} value of "${wrong[0]}" has the wrong type` : undefined;
}

/** Returns why `value` is not a valid event, or undefined when it is one. */
export function eventProblem(value: unknown): string | undefined {
  if (!isObject(value)) {
    return 'not a JSON object';
  }

  if (typeof value.seq !== 'number' || !Number.isInteger(value.seq) || value.seq < 0) {
    return 'missing or invalid "seq"';
  }

  if (typeof value.time !== 'number' || !Number.isFinite(value.time)) {
    return 'missing or invalid "time"';
  }

  if (typeof value.type !== 'string' || !EVENT_TYPES.has(value.type)) {
    return `unknown event type ${JSON.stringify(value.type)}`;
  }

  const fields = fieldProblem(value.type, value);
  if (fields) {
    return fields;
  }

  if (value.type === 'metrics') {
    return checkMetrics(value);
  }

  if (value.type === 'params') {
    return checkMap(value, 'params', isParamValue);
  }

  if (value.type === 'tags') {
    return checkMap(value, 'tags', (tag) => tag === null || typeof tag === 'string');
  }

  return undefined;
}

/** Narrows a parsed value to an event after {@link eventProblem} found nothing. */
export function asEvent(value: unknown): RunEvent {
  return value as RunEvent;
}
