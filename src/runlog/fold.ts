/**
 * Folds a run's events into its state. Every change is merged by event order
 * (event-order.ts), not by the order the events are applied in, so reading the files
 * one after another, interleaved, or in several catch-ups gives the same state.
 */
import { MAIN_RECORD } from '../store/layout';
import type { EventOrder } from './event-order';
import { compareEventOrder, comparePointOrder } from './event-order';
import {
  type EndEvent,
  type GitState,
  MAX_METRIC_KEYS,
  type MetricsEvent,
  type RunEvent,
  type StartEvent,
  type StoredMetric,
} from './events';
import { decodeMetric } from './numbers';
import type { Ordered, RunState } from './run-state';

/** Receives each metric point as it is folded, for an index that stores the points. */
export interface PointSink {
  addPoint(key: string, step: number, time: number, value: number): void;
}

function setIfLater<T>(map: Map<string, Ordered<T>>, key: string, entry: Ordered<T>): void {
  const current = map.get(key);
  if (!current || compareEventOrder(entry.order, current.order) > 0) {
    map.set(key, entry);
  }
}

function insertInOrder<T>(list: Ordered<T>[], entry: Ordered<T>): void {
  let index = list.length;
  while (index > 0 && compareEventOrder((list[index - 1] as Ordered<T>).order, entry.order) > 0) {
    index -= 1;
  }

  list.splice(index, 0, entry);
}

/**
 * The git state's known fields only: the index stores the state as JSON, and fields a later
 * format version adds (validate.ts checks only these) must not ride along into it.
 */
function gitState(git: GitState | null | undefined): GitState | null {
  if (!git) {
    return null;
  }

  // Fields a record leaves out stay out, so that the verifier compares like with like.
  const { commit, branch, remote, dirty, patch, patchSha256 } = git;
  return {
    commit,
    ...(branch !== undefined ? { branch } : {}),
    ...(remote !== undefined ? { remote } : {}),
    ...(dirty !== undefined ? { dirty } : {}),
    ...(patch !== undefined ? { patch } : {}),
    ...(patchSha256 !== undefined ? { patchSha256 } : {}),
  } as GitState;
}

function applyStart(state: RunState, event: StartEvent, order: EventOrder): void {
  state.start = {
    time: event.time,
    experiment: event.experiment,
    command: Array.isArray(event.command) ? event.command.map(String) : null,
    cwd: event.cwd,
    host: event.host,
    user: typeof event.user === 'string' ? event.user : null,
    pid: typeof event.pid === 'number' ? event.pid : null,
    writer: event.writer,
    versions: event.versions ?? {},
    env: event.env ?? {},
    git: gitState(event.git),
    recorded: true,
  };

  if (compareEventOrder(order, state.name.order) > 0) {
    state.name = { value: event.name, order };
  }
}

/** The main file's end wins over another writer's; among equals, the later one. */
function endTakesOver(current: Ordered<unknown> | null, order: EventOrder): boolean {
  if (!current) {
    return true;
  }

  const currentIsMain = current.order.file === MAIN_RECORD;
  const newIsMain = order.file === MAIN_RECORD;
  if (currentIsMain !== newIsMain) {
    return newIsMain;
  }

  return compareEventOrder(order, current.order) > 0;
}

function applyEnd(state: RunState, event: EndEvent, order: EventOrder): void {
  if (!endTakesOver(state.end, order)) {
    return;
  }

  const duration = Number.isFinite(event.duration) ? event.duration : event.time - state.start.time;
  state.end = {
    value: {
      status: event.status,
      exitCode: typeof event.exitCode === 'number' ? event.exitCode : null,
      signal: typeof event.signal === 'string' ? event.signal : null,
      duration: Math.max(0, duration),
      error: typeof event.error === 'string' ? event.error : null,
    },
    order,
  };
}

/**
 * Folds one metric's column of a metrics event into its summary. This is the hot loop
 * of an index build, so it keeps its running values in locals and builds the order of
 * the last point once per column rather than once per point.
 */
function foldColumn(
  state: RunState,
  key: string,
  event: MetricsEvent,
  column: (StoredMetric | null)[],
  order: EventOrder,
  sink: PointSink | undefined,
): void {
  const { steps, times } = event;
  let count = 0;
  let min: number | null = null;
  let max: number | null = null;
  let lastRow = -1;

  for (let row = 0; row < column.length; row += 1) {
    const stored = column[row];
    const value =
      typeof stored === 'number' ? stored : stored === null ? undefined : decodeMetric(stored);
    if (value === undefined) {
      continue;
    }

    const step = steps[row] as number;
    const time = times[row] as number;
    count += 1;
    if (!Number.isNaN(value)) {
      min = min === null ? value : Math.min(min, value);
      max = max === null ? value : Math.max(max, value);
    }

    // Within one event, a later row wins ties of step and time.
    if (
      lastRow === -1 ||
      step > (steps[lastRow] as number) ||
      (step === steps[lastRow] && time >= (times[lastRow] as number))
    ) {
      lastRow = row;
    }

    sink?.addPoint(key, step, time, value);
  }

  if (count === 0) {
    return;
  }

  const lastValue = decodeMetric(column[lastRow]) as number;
  const lastOrder = {
    ...order,
    step: steps[lastRow] as number,
    time: times[lastRow] as number,
    row: lastRow,
  };
  const summary = state.metrics.get(key);
  if (!summary) {
    state.metrics.set(key, { count, min, max, last: lastValue, lastOrder });
    return;
  }

  summary.count += count;
  summary.min =
    min === null ? summary.min : summary.min === null ? min : Math.min(summary.min, min);
  summary.max =
    max === null ? summary.max : summary.max === null ? max : Math.max(summary.max, max);
  if (comparePointOrder(lastOrder, summary.lastOrder) > 0) {
    summary.last = lastValue;
    summary.lastOrder = lastOrder;
  }
}

function applyMetrics(
  state: RunState,
  event: MetricsEvent,
  order: EventOrder,
  sink: PointSink | undefined,
): string | undefined {
  let leftOut = 0;
  for (const key of Object.keys(event.values)) {
    if (state.metrics.size >= MAX_METRIC_KEYS && !state.metrics.has(key)) {
      leftOut += 1;
      continue;
    }

    foldColumn(state, key, event, event.values[key] as (StoredMetric | null)[], order, sink);
  }

  return leftOut > 0
    ? `${leftOut} metric keys left out: a run holds at most ${MAX_METRIC_KEYS}`
    : undefined;
}

/**
 * Applies one event read from record file `file` (a name such as `events.jsonl`). Returns
 * what of it was left out, for the reader to report: metric keys past the most a run holds.
 */
export function applyEvent(
  state: RunState,
  event: RunEvent,
  file: string,
  sink?: PointSink,
): string | undefined {
  const order: EventOrder = { time: event.time, file, seq: event.seq };
  switch (event.type) {
    case 'start':
      // Only the owner's file starts a run, and only once.
      if (file === MAIN_RECORD && !state.start.recorded) {
        applyStart(state, event, order);
      }

      break;
    case 'params':
      for (const [key, value] of Object.entries(event.params)) {
        setIfLater(state.params, key, { value, order });
      }

      break;
    case 'tags':
      for (const [key, value] of Object.entries(event.tags)) {
        setIfLater(state.tags, key, { value, order });
      }

      break;
    case 'metrics':
      return applyMetrics(state, event, order, sink);
    case 'rename':
      if (compareEventOrder(order, state.name.order) > 0) {
        state.name = { value: event.name, order };
      }

      break;
    case 'note':
      insertInOrder(state.notes, {
        value: { text: event.text, user: event.user ?? '', decision: event.decision ?? null },
        order,
      });
      break;
    case 'artifact':
      insertInOrder(state.artifacts, {
        value: { name: event.name, path: event.path, sha256: event.sha256, size: event.size },
        order,
      });
      break;
    case 'input':
      insertInOrder(state.inputs, {
        value: { path: event.path, sha256: event.sha256, size: event.size },
        order,
      });
      break;
    case 'status':
      if (!state.statusChange || compareEventOrder(order, state.statusChange.order) > 0) {
        state.statusChange = {
          value: { status: event.status, reason: event.reason ?? null },
          order,
        };
      }

      break;
    case 'end':
      applyEnd(state, event, order);
      break;
    case 'attach':
    case 'delete':
    case 'restore':
      // Who attached changes nothing, and where the folder is says whether it is deleted.
      break;
  }

  return undefined;
}
