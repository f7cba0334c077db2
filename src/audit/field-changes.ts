/**
 * Names the fields of a changed record line by comparing what the line says now with
 * what the index read from it earlier. The index is a cache that reads each line once and
 * is not told when a line is rewritten in place, so its values are the line's earlier
 * ones. When the index never read the line, or has been rebuilt since the change, it
 * agrees with the changed line and nothing can be named (docs/audit.md, "Fields").
 */
import type { RunDetail } from '../runindex/run-records';
import type { EventOrder } from '../runlog/event-order';
import { decodeMetric, decodeParam } from '../runlog/numbers';
import type { ParamValue } from '../runlog/events';
import { isoTime } from '../runindex/run-records';
import { positionOf, type RunOrders, sameEvent } from './run-orders';

/** One field whose value in the file differs from the index's earlier reading. */
export interface FieldChange {
  /** A path into the line's JSON, such as `values.loss[3]` or `params.lr`. */
  field: string;
  /** What the index read before; undefined when it holds no value there. */
  indexed: unknown;
  /** What the file says now. */
  found: unknown;
}

/** What the comparison may consult about the run. */
export interface IndexedRun {
  detail: RunDetail;
  orders: RunOrders;
  /** The indexed values of one metric by step; empty when the index has no such metric. */
  metricSteps(key: string): Map<number, number[]>;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || a === b;
  }

  return JSON.stringify(a) === JSON.stringify(b);
}

class Changes {
  readonly list: FieldChange[] = [];

  check(field: string, indexed: unknown, found: unknown): void {
    if (!sameValue(indexed, found)) {
      this.list.push({ field, indexed, found });
    }
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function compareMetrics(event: Record<string, unknown>, run: IndexedRun, changes: Changes): void {
  const steps = Array.isArray(event.steps) ? (event.steps as unknown[]) : [];
  for (const [key, column] of Object.entries(record(event.values))) {
    const indexed = run.metricSteps(key);
    if (indexed.size === 0) {
      changes.list.push({ field: `values.${key}`, indexed: undefined, found: column });
      continue;
    }

    const allValues = [...indexed.values()].flat();
    (Array.isArray(column) ? (column as unknown[]) : []).forEach((stored, row) => {
      if (stored === null) {
        return;
      }

      const found = decodeMetric(stored as never);
      const step = steps[row] as number;
      const atStep = indexed.get(step);
      if (atStep === undefined) {
        const moved = allValues.some((value) => sameValue(value, found));
        const field = moved ? `steps[${row}]` : `values.${key}[${row}]`;
        changes.list.push({ field, indexed: undefined, found: moved ? step : stored });
      } else if (!atStep.some((value) => sameValue(value, found))) {
        changes.list.push({
          field: `values.${key}[${row}]`,
          indexed: atStep.length === 1 ? atStep[0] : atStep,
          found,
        });
      }
    });
  }
}

function compareStart(event: Record<string, unknown>, run: IndexedRun, changes: Changes): void {
  const { detail } = run;
  for (const field of ['experiment', 'command', 'cwd', 'host', 'user', 'pid', 'writer'] as const) {
    changes.check(field, detail[field], event[field] ?? null);
  }

  const git = record(event.git);
  const indexedGit = record(detail.gitState);
  for (const field of ['commit', 'branch', 'remote', 'dirty', 'patch']) {
    changes.check(`git.${field}`, indexedGit[field], git[field]);
  }

  for (const group of ['env', 'versions'] as const) {
    const found = record(event[group]);
    const keys = new Set([...Object.keys(found), ...Object.keys(detail[group])]);
    for (const key of keys) {
      changes.check(`${group}.${key}`, detail[group][key], found[key]);
    }
  }
}

function compareListed(
  event: Record<string, unknown>,
  indexed: object | undefined,
  fields: string[],
  changes: Changes,
): void {
  if (!indexed) {
    return;
  }

  for (const field of fields) {
    changes.check(field, record(indexed)[field], event[field]);
  }
}

/** The fields of `event` (from record file `file`) that the index read differently. */
export function fieldChanges(
  event: Record<string, unknown>,
  file: string,
  run: IndexedRun,
): FieldChange[] {
  const changes = new Changes();
  const { detail, orders } = run;
  const order: EventOrder = { time: Number(event.time), file, seq: Number(event.seq) };

  switch (event.type) {
    case 'metrics':
      compareMetrics(event, run, changes);
      break;
    case 'params':
      for (const [key, value] of Object.entries(record(event.params))) {
        if (sameEvent(orders.params.get(key), order)) {
          changes.check(`params.${key}`, detail.params[key], decodeParam(value as ParamValue));
        }
      }

      break;
    case 'tags':
      for (const [key, value] of Object.entries(record(event.tags))) {
        if (sameEvent(orders.tags.get(key), order)) {
          changes.check(`tags.${key}`, detail.tags[key], value ?? undefined);
        }
      }

      break;
    case 'start':
      compareStart(event, run, changes);
      if (sameEvent(orders.name, order)) {
        changes.check('name', detail.name, event.name);
      }

      break;
    case 'rename':
      if (sameEvent(orders.name, order)) {
        changes.check('name', detail.name, event.name);
      }

      break;
    case 'note': {
      const note = detail.notes[positionOf(orders.notes, order)];
      compareListed(event, note, ['text', 'user', 'decision'], changes);
      if (note) {
        changes.check('time', note.time, isoTime(Number(event.time)));
      }

      break;
    }
    case 'artifact':
      compareListed(
        event,
        detail.artifacts[positionOf(orders.artifacts, order)],
        ['name', 'path', 'sha256', 'size'],
        changes,
      );
      break;
    case 'input':
      compareListed(
        event,
        detail.inputs[positionOf(orders.inputs, order)],
        ['path', 'sha256', 'size'],
        changes,
      );
      break;
    case 'end':
      if (sameEvent(orders.end, order)) {
        changes.check('status', detail.status, event.status);
        changes.check('exitCode', detail.exitCode, event.exitCode ?? null);
        changes.check('signal', detail.signal, event.signal ?? null);
        changes.check('error', detail.error, event.error ?? null);
      }

      break;
    case 'status':
      if (sameEvent(orders.status, order)) {
        changes.check('reason', detail.statusReason, event.reason ?? null);
      }

      break;
  }

  return changes.list;
}
