/**
 * Reads a record file from a byte offset. The reader never stops on bad input: a torn
 * last line (no newline yet) is left unread so a later read picks it up once complete,
 * and every bad line is reported with its file and line number and skipped.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

import type { RunEvent } from './events';
import { asEvent, eventProblem } from './validate';

/** A line the reader skipped, and why. */
export interface BadLine {
  file: string;
  /** 1-based line number. */
  line: number;
  reason: string;
}

/** Where a read stopped, so the next read of the same file continues from there. */
export interface ReadPosition {
  /** Bytes consumed: everything before the first incomplete line. */
  offset: number;
  /** Complete lines consumed. */
  lines: number;
  /** The last good sequence number, or -1. */
  lastSeq: number;
}

export interface ReadResult {
  events: RunEvent[];
  /** The 1-based line number of each of `events`. */
  eventLines: number[];
  bad: BadLine[];
  position: ReadPosition;
  /**
   * Bytes after `position.offset`: a line without its newline yet, or, when
   * `maxBytes` stopped the read, the part still to read.
   */
  pendingBytes: number;
}

export const START_POSITION: ReadPosition = { offset: 0, lines: 0, lastSeq: -1 };

/**
 * Lines longer than this are refused, so that one hostile line cannot exhaust memory.
 * Real events stay far below it: the writers flush metric batches of at most a few MB.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

interface LineSink {
  line(text: string): void;
  oversized(): void;
}

/**
 * Calls the sink for each complete line from `offset`; returns the bytes consumed.
 * Stops reading new blocks once `budget` bytes of complete lines have been consumed.
 */
function scanLines(
  fd: number,
  offset: number,
  size: number,
  sink: LineSink,
  budget: number,
): number {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let skippingOversized = false;
  let consumed = offset;
  let position = offset;

  while (position < size && consumed - offset < budget) {
    const read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, size - position), position);
    if (read <= 0) {
      break;
    }

    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1 || newline >= read) {
        break;
      }

      if (skippingOversized) {
        skippingOversized = false;
        sink.oversized();
      } else if (partialBytes > 0) {
        partial.push(chunk.subarray(start, newline));
        sink.line(Buffer.concat(partial).toString('utf8'));
      } else {
        sink.line(chunk.toString('utf8', start, newline));
      }

      partial = [];
      partialBytes = 0;
      consumed = position + newline + 1;
      start = newline + 1;
    }

    if (start < read && !skippingOversized) {
      partialBytes += read - start;
      if (partialBytes > MAX_LINE_BYTES) {
        skippingOversized = true;
        partial = [];
        partialBytes = 0;
      } else {
        partial.push(Buffer.from(chunk.subarray(start, read)));
      }
    }

    position += read;
  }

  return consumed;
}

export interface ReadOptions {
  /**
   * Stop after about this many bytes of complete lines, so that a caller can fold a
   * huge file piece by piece instead of holding all its events at once. The rest is
   * read by the next call, from the returned position.
   */
  maxBytes?: number;
}

/** Reads the events of one record file that follow `from`. */
export function readRecordFile(
  file: string,
  from: ReadPosition = START_POSITION,
  options: ReadOptions = {},
): ReadResult {
  const events: RunEvent[] = [];
  const eventLines: number[] = [];
  const bad: BadLine[] = [];
  let { lines, lastSeq } = from;

  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const sink: LineSink = {
      line(text) {
        lines += 1;
        const problem = parseInto(text);
        if (problem) {
          bad.push({ file, line: lines, reason: problem });
        }
      },
      oversized() {
        lines += 1;
        bad.push({ file, line: lines, reason: `line longer than ${MAX_LINE_BYTES} bytes` });
      },
    };

    const parseInto = (text: string): string | undefined => {
      if (text.trim() === '') {
        return 'empty line';
      }

      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return 'not valid JSON';
      }

      const problem = eventProblem(value);
      if (problem) {
        return problem;
      }

      const event = asEvent(value);
      if (event.seq <= lastSeq) {
        return `sequence number ${event.seq} repeats or goes back (last was ${lastSeq})`;
      }

      lastSeq = event.seq;
      events.push(event);
      eventLines.push(lines);
      return undefined;
    };

    const budget = options.maxBytes ?? Infinity;
    const offset = scanLines(fd, from.offset, size, sink, budget);
    return {
      events,
      eventLines,
      bad,
      position: { offset, lines, lastSeq },
      pendingBytes: size - offset,
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `visit` with each complete line of a file and its 1-based number, unparsed, for
 * a verifier that hashes lines as written. An oversized line is visited as undefined.
 * Returns the complete lines seen and the bytes after the last of them.
 */
export function forEachLine(
  file: string,
  visit: (text: string | undefined, line: number) => void,
): { lines: number; pendingBytes: number } {
  let lines = 0;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const sink: LineSink = {
      line: (text) => visit(text, ++lines),
      oversized: () => visit(undefined, ++lines),
    };
    const consumed = scanLines(fd, 0, size, sink, Infinity);
    return { lines, pendingBytes: size - consumed };
  } finally {
    closeSync(fd);
  }
}

/** Whether the file has at least one complete line, read without parsing anything. */
export function hasCompleteLine(file: string): boolean {
  const block = Buffer.allocUnsafe(64 * 1024);
  const fd = openSync(file, 'r');
  try {
    let position = 0;
    for (;;) {
      const read = readSync(fd, block, 0, block.length, position);
      if (read <= 0) {
        return false;
      }

      if (block.subarray(0, read).includes(NEWLINE)) {
        return true;
      }

      position += read;
    }
  } finally {
    closeSync(fd);
  }
}
