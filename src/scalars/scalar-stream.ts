/**
 * Turns a program's output, chunk by chunk, into metric rows. Most output is plain lines,
 * so a chunk without carriage returns or escape codes is matched in one regular-expression
 * pass; only lines that redraw themselves or carry colours are taken apart one by one.
 */
import { StringDecoder } from 'node:string_decoder';

import {
  DEFAULT_MULTILINE,
  matchLine,
  parseNumber,
  type Scalar,
  type ScalarPattern,
  visibleText,
} from './scalar-line';
import { StepRows } from './step-rows';

/** A line without a newline is held at most this long; a progress bar never ends its line. */
const MAX_PENDING_CHARS = 64 * 1024;

/** Receives complete rows: the values printed for one step. */
export type RowSink = (values: Record<string, number>, step: number) => void;

export class ScalarStream {
  private readonly decoder = new StringDecoder('utf8');
  private readonly rows: StepRows;
  private pending = '';

  /** `patterns` replaces the default `key: value` form when given. */
  constructor(
    sink: RowSink,
    private readonly patterns?: readonly ScalarPattern[],
  ) {
    this.rows = new StepRows(sink);
  }

  /** Reads one chunk of output. */
  write(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending = trimPending(text);
      return;
    }

    this.pending = trimPending(text.slice(lastNewline + 1));
    this.scan(text.slice(0, lastNewline));
  }

  /** Reads what is left at the end of the output and emits the last row. */
  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest.length > 0) {
      this.scan(rest);
    }

    this.rows.finish();
  }

  private scan(lines: string): void {
    if (!this.patterns && !lines.includes(':')) {
      return;
    }

    if (!this.patterns && !lines.includes('\r') && !lines.includes('\x1b')) {
      for (const match of lines.matchAll(DEFAULT_MULTILINE)) {
        this.rows.add(match[1] as string, parseNumber(match[2] as string));
      }

      return;
    }

    for (const raw of lines.split('\n')) {
      for (const scalar of this.scalarsIn(raw)) {
        this.rows.add(scalar.key, scalar.value);
      }
    }
  }

  private scalarsIn(raw: string): Scalar[] {
    if (!this.patterns && !raw.includes(':')) {
      return [];
    }

    return matchLine(visibleText(raw), this.patterns);
  }
}

/** Keeps only what a terminal would still show of an unfinished line, within a bound. */
function trimPending(text: string): string {
  const lastReturn = text.lastIndexOf('\r', text.length - 2);
  const visible = lastReturn === -1 ? text : text.slice(lastReturn);
  return visible.length > MAX_PENDING_CHARS ? '' : visible;
}
