/**
 * The order in which a run's events take effect (docs/run-format.md, "Reading"): by
 * `time`, then the main file before the others, then the others by file name, then by
 * position in the file. Merging by this order rather than by reading order makes the
 * folded state the same however the files were read: in one pass or bit by bit.
 */
import { MAIN_RECORD } from '../store/layout';

/** Where one event sits among all the events of its run. */
export interface EventOrder {
  time: number;
  /** The record file's name, for example `events.jsonl`. */
  file: string;
  seq: number;
}

/** Where one metric point sits: later steps win, then later times, then event order. */
export interface PointOrder extends EventOrder {
  step: number;
  /** The row inside its metrics event. */
  row: number;
}

function compareFiles(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  if (a === MAIN_RECORD) {
    return -1;
  }

  if (b === MAIN_RECORD) {
    return 1;
  }

  return a < b ? -1 : 1;
}

/** Negative when `a` takes effect before `b`, positive after, 0 for the same event. */
export function compareEventOrder(a: EventOrder, b: EventOrder): number {
  return a.time - b.time || compareFiles(a.file, b.file) || a.seq - b.seq;
}

/** Negative when point `a` comes before point `b` in the sense of "the last value". */
export function comparePointOrder(a: PointOrder, b: PointOrder): number {
  return a.step - b.step || compareEventOrder(a, b) || a.row - b.row;
}

/** Sorts record file names in the order their events tie-break: main file first. */
export function sortRecordFiles(names: string[]): string[] {
  return [...names].sort(compareFiles);
}
