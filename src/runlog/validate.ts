/**
 * Checks that a parsed line is an event this version understands. A reader keeps going
 * past a bad line, so this returns a reason rather than throwing.
 */
import { EVENT_TYPES, type RunEvent } from './events';

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

  for (const [key, column] of Object.entries(values)) {
    if (!Array.isArray(column) || column.length !== steps.length) {
      return `metric "${key}" does not have one value per step`;
    }
  }

  return undefined;
}

const REQUIRED_STRINGS: Record<string, string[]> = {
  start: ['run', 'name', 'experiment', 'cwd', 'host', 'writer'],
  attach: ['run', 'writer'],
  artifact: ['name', 'path', 'sha256'],
  input: ['path', 'sha256'],
  note: ['text'],
  rename: ['name'],
  status: ['status'],
  end: ['status'],
};

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

  for (const field of REQUIRED_STRINGS[value.type] ?? []) {
    if (typeof value[field] !== 'string') {
      return `a ${value.type} event needs a string "${field}"`;
    }
  }

  if (value.type === 'metrics') {
    return checkMetrics(value);
  }

  if (value.type === 'params' && !isObject(value.params)) {
    return 'a params event needs a "params" object';
  }

  if (value.type === 'tags' && !isObject(value.tags)) {
    return 'a tags event needs a "tags" object';
  }

  return undefined;
}

/** Narrows a parsed value to an event after {@link eventProblem} found nothing. */
export function asEvent(value: unknown): RunEvent {
  return value as RunEvent;
}
