/**
 * Where each value of a run came from: which event last set each param, tag and the
 * name, and the order of its notes, artifacts and inputs. The verifier needs this to know
 * which of the index's values a changed line should still agree with.
 */
import { compareEventOrder, type EventOrder } from '../runlog/event-order';
import { MAIN_RECORD } from '../store/layout';

/** The origins of a run's values, gathered from the bodies of its record lines. */
export interface RunOrders {
  params: Map<string, EventOrder>;
  tags: Map<string, EventOrder>;
  name: EventOrder | undefined;
  notes: EventOrder[];
  artifacts: EventOrder[];
  inputs: EventOrder[];
  end: EventOrder | undefined;
  status: EventOrder | undefined;
}

export function emptyRunOrders(): RunOrders {
  return {
    params: new Map(),
    tags: new Map(),
    name: undefined,
    notes: [],
    artifacts: [],
    inputs: [],
    end: undefined,
    status: undefined,
  };
}

const METRICS_PREFIX = /^\{"seq":\d+,"time":[^,]*,"type":"metrics"/;

/**
 * Whether a line (or body) is a metrics event, told from its first fields without
 * parsing it: metric lines are most of a record, and the audit readers skip them.
 */
export function isMetricsLine(text: string): boolean {
  return METRICS_PREFIX.test(text);
}

function isLater(order: EventOrder, current: EventOrder | undefined): boolean {
  return current === undefined || compareEventOrder(order, current) > 0;
}

function setLatest(map: Map<string, EventOrder>, keys: object, order: EventOrder): void {
  for (const key of Object.keys(keys)) {
    if (isLater(order, map.get(key))) {
      map.set(key, order);
    }
  }
}

/** The main file's end wins over another writer's, as in the fold (runlog/fold.ts). */
function endWins(order: EventOrder, current: EventOrder | undefined): boolean {
  if (!current) {
    return true;
  }

  const newIsMain = order.file === MAIN_RECORD;
  if ((current.file === MAIN_RECORD) !== newIsMain) {
    return newIsMain;
  }

  return compareEventOrder(order, current) > 0;
}

/** Notes one record line's body into `orders`. */
export function noteOrigin(orders: RunOrders, file: string, body: string): void {
  if (isMetricsLine(body)) {
    return;
  }

  let event: Record<string, unknown>;
  try {
    event = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return;
  }

  if (typeof event.seq !== 'number' || typeof event.time !== 'number') {
    return;
  }

  const order: EventOrder = { time: event.time, file, seq: event.seq };
  const map = (value: unknown): object =>
    typeof value === 'object' && value !== null ? value : {};

  switch (event.type) {
    case 'params':
      setLatest(orders.params, map(event.params), order);
      break;
    case 'tags':
      setLatest(orders.tags, map(event.tags), order);
      break;
    case 'start':
    case 'rename':
      if (isLater(order, orders.name)) {
        orders.name = order;
      }

      break;
    case 'note':
      orders.notes.push(order);
      break;
    case 'artifact':
      orders.artifacts.push(order);
      break;
    case 'input':
      orders.inputs.push(order);
      break;
    case 'end':
      if (endWins(order, orders.end)) {
        orders.end = order;
      }

      break;
    case 'status':
      if (isLater(order, orders.status)) {
        orders.status = order;
      }

      break;
  }
}

/** Sorts the lists into the order the index keeps them in. */
export function settleOrders(orders: RunOrders): void {
  for (const list of [orders.notes, orders.artifacts, orders.inputs]) {
    list.sort(compareEventOrder);
  }
}

/** Whether two orders name the same event. */
export function sameEvent(a: EventOrder | undefined, b: EventOrder): boolean {
  return a !== undefined && a.file === b.file && a.seq === b.seq;
}

/** The position of an event in a sorted list, or -1. */
export function positionOf(list: EventOrder[], order: EventOrder): number {
  return list.findIndex((each) => sameEvent(each, order));
}
