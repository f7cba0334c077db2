/**
 * Hand-written record lines, for tests that need records no well-behaved writer
 * produces: torn lines, garbage, events out of order, or a precise time.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chainLine, GENESIS_HASH } from '../../../src/runlog/chain';
import type { StoreLayout } from '../../../src/store/layout';

/** Writes events as chained lines to a record file, numbering them from `firstSeq`. */
export class RecordLines {
  private seq: number;
  private hash = GENESIS_HASH;

  constructor(
    readonly path: string,
    firstSeq = 0,
  ) {
    this.seq = firstSeq;
  }

  /** Appends whole events; each gets `seq` and, unless it has one, `time`. */
  add(...events: Record<string, unknown>[]): this {
    for (const event of events) {
      const { type, time, ...rest } = event;
      const body = JSON.stringify({ seq: this.seq, time: time ?? 1_800_000_000, type, ...rest });
      const { line, hash } = chainLine(this.hash, body);
      appendFileSync(this.path, `${line}\n`);
      this.hash = hash;
      this.seq += 1;
    }

    return this;
  }

  /** Appends raw text, for torn and garbage lines. */
  raw(text: string): this {
    appendFileSync(this.path, text);
    return this;
  }
}

/** A start event for run `id`. */
export function startEvent(
  id: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'start',
    format: 1,
    run: id,
    name: id,
    experiment: 'Default',
    command: null,
    cwd: '/work',
    host: 'elsewhere',
    user: 'tester',
    pid: 1,
    writer: 'test',
    ...fields,
  };
}

/** Creates the run folder and returns a writer for its main record file. */
export function mainRecord(layout: StoreLayout, id: string): RecordLines {
  mkdirSync(layout.runDir(id), { recursive: true });
  return new RecordLines(join(layout.runDir(id), 'events.jsonl'));
}

/** A record file of another writer in the same run. */
export function otherRecord(layout: StoreLayout, id: string, writer: string): RecordLines {
  return new RecordLines(join(layout.runDir(id), `events-${writer}.jsonl`));
}
