/**
 * Appends numbered, hash-chained events to one record file. The file is created
 * exclusively, so exactly one process ever writes it and lines never interleave.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

import { chainLine, GENESIS_HASH } from './chain';
import type { NewEvent } from './events';
import { recordJson } from './record-json';

/** Seconds since the epoch, the unit of every time in the record. */
export function nowSeconds(): number {
  return Date.now() / 1000;
}

export class RecordFile {
  private nextSeq = 0;
  private lastHash = GENESIS_HASH;
  private byteCount = 0;
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates the file; fails with EEXIST when another writer already owns it. */
  static create(path: string): RecordFile {
    return new RecordFile(path, openSync(path, 'wx'));
  }

  /** The hash of the last line written, which the ledger records when the run ends. */
  get headHash(): string {
    return this.lastHash;
  }

  /** Lines written so far, which is also the next line's `seq`. */
  get lines(): number {
    return this.nextSeq;
  }

  /** Bytes written so far: the file's size, since only this writer appends to it. */
  get bytes(): number {
    return this.byteCount;
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /** Numbers, chains and writes events in one system call. */
  append(...events: NewEvent[]): void {
    if (this.fd === undefined) {
      throw new Error(`The record file ${this.path} is already closed.`);
    }

    let text = '';
    for (const event of events) {
      const { type, time, ...rest } = event;
      const body = recordJson({ seq: this.nextSeq, time: time ?? nowSeconds(), type, ...rest });
      const { line, hash } = chainLine(this.lastHash, body);
      text += `${line}\n`;
      this.lastHash = hash;
      this.nextSeq += 1;
    }

    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd, bytes, written, bytes.length - written);
    }

    this.byteCount += bytes.length;
  }

  /** Forces written lines to the disk, for the points where losing them would matter. */
  sync(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
