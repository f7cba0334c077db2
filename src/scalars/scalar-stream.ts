/**
 * Turns a program's output, chunk by chunk, into metric rows. Output is scanned as bytes:
 * only lines that contain a colon are decoded and matched, so the millions of lines a
 * program may print cost a native byte search each, not a string and a regular expression.
 */
import { matchLine, type ScalarPattern, visibleText } from './scalar-line';
import { StepRows } from './step-rows';

/** A line without a newline is held at most this long; a progress bar never ends its line. */
const MAX_PENDING_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COLON = 0x3a;
const ESCAPE = 0x1b;
const EMPTY = Buffer.alloc(0);

/** Receives complete rows: the values printed for one step. */
export type RowSink = (values: Record<string, number>, step: number) => void;

export class ScalarStream {
  private readonly rows: StepRows;
  private pending: Buffer = EMPTY;
  private skippingLongLine = false;

  /** `patterns` replaces the default `key: value` form when given. */
  constructor(
    sink: RowSink,
    private readonly patterns?: readonly ScalarPattern[],
  ) {
    this.rows = new StepRows(sink);
  }

  /** Reads one chunk of output. */
  write(chunk: Buffer): void {
    let rest = chunk;
    if (this.skippingLongLine) {
      // The end of a line too long to hold is not a line of its own: skip to the next one.
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        return;
      }

      this.skippingLongLine = false;
      rest = chunk.subarray(newline + 1);
    }

    const data = this.pending.length > 0 ? Buffer.concat([this.pending, rest]) : rest;
    const lastNewline = data.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      this.keepPending(data);
      return;
    }

    this.scan(data, lastNewline);
    this.keepPending(data.subarray(lastNewline + 1));
  }

  private keepPending(data: Buffer): void {
    const kept = trimPending(data);
    this.skippingLongLine = kept === undefined;
    this.pending = kept ?? EMPTY;
  }

  /** Reads what is left at the end of the output and emits the last row. */
  end(): void {
    const rest = this.pending;
    this.pending = EMPTY;
    this.skippingLongLine = false;
    if (rest.length > 0) {
      this.take(visibleText(rest.toString('utf8')));
    }

    this.rows.finish();
  }

  /** Matches the complete lines of `data`, which end at or before `end` (a newline). */
  private scan(data: Buffer, end: number): void {
    if (this.patterns) {
      for (const line of data.toString('utf8', 0, end).split('\n')) {
        this.take(visibleText(line));
      }

      return;
    }

    // Most output has no carriage returns or escape codes; such lines need no cleaning.
    const plain = data.indexOf(CARRIAGE_RETURN) === -1 && data.indexOf(ESCAPE) === -1;
    let position = 0;
    for (;;) {
      const colon = data.indexOf(COLON, position);
      if (colon === -1 || colon > end) {
        return;
      }

      const lineStart = colon === 0 ? 0 : data.lastIndexOf(NEWLINE, colon - 1) + 1;
      const lineEnd = data.indexOf(NEWLINE, colon);
      const line = data.toString('utf8', Math.max(lineStart, position), lineEnd);
      this.take(plain ? line : visibleText(line));
      position = lineEnd + 1;
    }
  }

  /** Adds the scalars of one visible line. */
  private take(line: string): void {
    for (const scalar of matchLine(line, this.patterns)) {
      this.rows.add(scalar.key, scalar.value);
    }
  }
}

/**
 * Keeps only what a terminal would still show of an unfinished line, or undefined when
 * that is longer than the bound: such a line is no scalar line, and is skipped whole.
 */
function trimPending(data: Buffer): Buffer | undefined {
  const lastReturn = data.length < 2 ? -1 : data.lastIndexOf(CARRIAGE_RETURN, data.length - 2);
  const visible = lastReturn === -1 ? data : data.subarray(lastReturn);
  return visible.length > MAX_PENDING_BYTES ? undefined : Buffer.from(visible);
}
