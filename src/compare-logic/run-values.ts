/**
 * Plain JS values of a run summary's fields, decoded from the wire encoding, for display,
 * sorting, comparison and export.
 */
import type { RunSummary } from '../extension/compare/protocol';
import { decodeMetric, decodeParam } from '../runlog/numbers';

/** A displayable value; undefined means the run does not have the key at all. */
export type PlainValue = string | number | boolean | null | undefined;

/** Seconds from start to end, or null while the run has no end. */
export function runDuration(run: RunSummary): number | null {
  if (run.endedAt === null) {
    return null;
  }

  const seconds = (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000;
  return Number.isFinite(seconds) ? seconds : null;
}

/** The command as one line, quoting arguments that hold spaces or quotes. */
export function commandLine(command: readonly string[] | null): string | null {
  if (command === null) {
    return null;
  }

  return command
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part)))
    .join(' ');
}

/** A param's value, with non-finite numbers restored. */
export function paramOf(run: RunSummary, key: string): PlainValue {
  if (!Object.prototype.hasOwnProperty.call(run.params, key)) {
    return undefined;
  }

  return decodeParam(run.params[key]);
}

/** A metric summary's field as a number, or undefined when the run lacks the metric. */
export function metricOf(
  run: RunSummary,
  key: string,
  field: 'last' | 'min' | 'max' = 'last',
): number | undefined {
  if (!Object.prototype.hasOwnProperty.call(run.metrics, key)) {
    return undefined;
  }

  return decodeMetric(run.metrics[key][field]);
}

/** A tag's value, or undefined when the run lacks it. */
export function tagOf(run: RunSummary, key: string): PlainValue {
  return Object.prototype.hasOwnProperty.call(run.tags, key) ? run.tags[key] : undefined;
}

/** An environment variable's value, or undefined when the run did not record it. */
export function environmentOf(run: RunSummary, key: string): PlainValue {
  return Object.prototype.hasOwnProperty.call(run.env, key) ? run.env[key] : undefined;
}

/** Equality for comparing runs: NaN equals NaN, and 1 differs from "1". */
export function sameValue(left: PlainValue, right: PlainValue): boolean {
  if (typeof left === 'number' && typeof right === 'number') {
    return left === right || (Number.isNaN(left) && Number.isNaN(right));
  }

  return left === right;
}

/** Orders keys as people expect: `layer2` before `layer10`. */
export function compareKeys(left: string, right: string): number {
  return (
    left.localeCompare(right, 'en', { numeric: true, sensitivity: 'base' }) ||
    (left < right ? -1 : left > right ? 1 : 0)
  );
}

/** Every key of `pick(run)` across the runs, ordered by {@link compareKeys}. */
export function unionOfKeys(
  runs: readonly RunSummary[],
  pick: (run: RunSummary) => Record<string, unknown>,
): string[] {
  const keys = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(pick(run))) {
      keys.add(key);
    }
  }

  return [...keys].sort(compareKeys);
}
