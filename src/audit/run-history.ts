/**
 * A run's history, read from its record files rather than the index: who created, edited,
 * annotated, stopped, deleted and restored it, when, and the values each change replaced.
 * Edits never overwrite anything in the record, so every earlier value is still there.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { compareEventOrder, type EventOrder } from '../runlog/event-order';
import type { ParamValue, RunEvent } from '../runlog/events';
import { decodeParam } from '../runlog/numbers';
import { type BadLine, forEachLine } from '../runlog/reader';
import { asEvent, eventProblem } from '../runlog/validate';
import { RECORD_FILE } from '../store/layout';
import { isoTime } from '../runindex/run-records';
import { isMetricsLine } from './run-orders';

/** What kind of step in a run's life an entry is. */
export type HistoryAction =
  | 'created'
  | 'params'
  | 'tagged'
  | 'renamed'
  | 'noted'
  | 'decided'
  | 'artifact'
  | 'input'
  | 'status'
  | 'ended'
  | 'deleted'
  | 'restored';

/** One value an entry changed, with the value it replaced (undefined: none before). */
export interface HistoryChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  /** ISO 8601, from the event's own `time`. */
  time: string;
  action: HistoryAction;
  /** Who wrote it: the event's `user`, else the user of its record file's first line. */
  user: string | null;
  host: string | null;
  /** The program that wrote the record file: `launcher`, `cli`, `python-sdk`, … */
  writer: string | null;
  file: string;
  /** 1-based line in `file`. */
  line: number;
  changes: HistoryChange[];
  /** The note's text, for `noted` and `decided`. */
  text?: string;
  /** The decision's title, for `decided`. */
  decision?: string;
}

export interface RunHistory {
  entries: HistoryEntry[];
  /** Lines that could not be read, which the history therefore leaves out. */
  badLines: BadLine[];
}

interface Placed {
  event: RunEvent;
  order: EventOrder;
  identity: FileIdentity;
}

interface FileIdentity {
  user: string | null;
  host: string | null;
  writer: string | null;
}

/** Reads a record file's events other than metrics, which are most of it and skipped unparsed. */
function readEvents(dir: string, name: string, badLines: BadLine[]): Placed[] {
  const placed: Placed[] = [];
  const identity: FileIdentity = { user: null, host: null, writer: null };
  const file = join(dir, name);
  forEachLine(file, (text, line) => {
    if (text === undefined || isMetricsLine(text)) {
      return;
    }

    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      badLines.push({ file, line, reason: 'not valid JSON' });
      return;
    }

    const problem = eventProblem(value);
    if (problem) {
      badLines.push({ file, line, reason: problem });
      return;
    }

    const event = asEvent(value);
    if (event.type === 'start' || event.type === 'attach') {
      Object.assign(identity, { user: event.user, host: event.host, writer: event.writer });
    }

    if (event.type !== 'attach') {
      placed.push({ event, order: { time: event.time, file: name, seq: event.seq }, identity });
    }
  });
  return placed;
}

function mapChanges(
  current: Map<string, unknown>,
  updates: Record<string, unknown>,
  prefix: string,
): HistoryChange[] {
  return Object.entries(updates).map(([key, after]) => {
    const change = {
      field: `${prefix}.${key}`,
      before: current.get(key),
      after: after ?? undefined,
    };
    if (after === null || after === undefined) {
      current.delete(key);
    } else {
      current.set(key, after);
    }

    return change;
  });
}

/** Folds events in order, keeping the values each one replaced. */
class HistoryFold {
  private name: string | undefined;
  private readonly tags = new Map<string, unknown>();
  private readonly params = new Map<string, unknown>();

  entry(placed: Placed): Pick<HistoryEntry, 'action' | 'changes' | 'text' | 'decision'> {
    const { event } = placed;
    switch (event.type) {
      case 'start': {
        const changes = [
          { field: 'name', before: this.name, after: event.name },
          { field: 'experiment', before: undefined, after: event.experiment },
        ];
        this.name = event.name;
        return { action: 'created', changes };
      }
      case 'rename': {
        const change = { field: 'name', before: this.name, after: event.name };
        this.name = event.name;
        return { action: 'renamed', changes: [change] };
      }
      case 'params': {
        const decoded = Object.fromEntries(
          Object.entries(event.params).map(([key, value]) => [
            key,
            decodeParam(value as ParamValue),
          ]),
        );
        return { action: 'params', changes: mapChanges(this.params, decoded, 'params') };
      }
      case 'tags':
        return { action: 'tagged', changes: mapChanges(this.tags, event.tags, 'tags') };
      case 'note':
        return event.decision
          ? { action: 'decided', changes: [], text: event.text, decision: event.decision }
          : { action: 'noted', changes: [], text: event.text };
      case 'artifact':
        return {
          action: 'artifact',
          changes: [{ field: `artifacts.${event.name}`, before: undefined, after: event.sha256 }],
        };
      case 'input':
        return {
          action: 'input',
          changes: [{ field: `inputs.${event.path}`, before: undefined, after: event.sha256 }],
        };
      case 'status':
        return {
          action: 'status',
          changes: [{ field: 'status', before: undefined, after: event.status }],
          ...(event.reason ? { text: event.reason } : {}),
        };
      case 'end':
        return {
          action: 'ended',
          changes: [
            { field: 'status', before: undefined, after: event.status },
            { field: 'exitCode', before: undefined, after: event.exitCode },
          ],
        };
      default:
        return { action: event.type === 'delete' ? 'deleted' : 'restored', changes: [] };
    }
  }
}

/** The history of the run whose folder is `dir`, oldest first. */
export function runHistory(dir: string): RunHistory {
  const badLines: BadLine[] = [];
  const names = readdirSync(dir).filter((name) => RECORD_FILE.test(name));
  const placed = names.flatMap((name) => readEvents(dir, name, badLines));
  placed.sort((a, b) => compareEventOrder(a.order, b.order));

  const fold = new HistoryFold();
  const entries = placed.map((each): HistoryEntry => {
    const user = (each.event as { user?: unknown }).user;
    return {
      time: isoTime(each.event.time),
      user: typeof user === 'string' ? user : each.identity.user,
      host: each.identity.host,
      writer: each.identity.writer,
      file: each.order.file,
      line: each.order.seq + 1,
      ...fold.entry(each),
    };
  });

  return { entries, badLines };
}
