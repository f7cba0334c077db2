/**
 * Appends numbered, hash-chained events to one record file. The file is created
 * exclusively, so exactly one process ever writes it and lines never interleave.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

import { chainLine, GENESIS_HASH } from './chain';
import type { NewEvent } from './events';
import { recordJson } from './record-json';

/** Seconds since the epoch, the unit of every time in the record. */
export function nowSeconds(): number {
  return Date.now() / 1000;
}

/** A batch of events that could not be written; the file still ends after the last whole line. */
export class RecordWriteError extends Error {
  override name = 'RecordWriteError';

  constructor(
    readonly path: string,
    readonly code: string | undefined,
    reason: string,
  ) {
    super(`could not write to ${path} (${reason}); the record before it is intact.`);
  }
}

/** Why a write failed, in words: a full disk is the usual reason and gets plain ones. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') {
    return 'the disk is full';
  }

  if (code === 'EDQUOT') {
    return 'the disk quota is used up';
  }

  return error instanceof Error ? error.message : String(error);
}

export class RecordFile {
  private nextSeq = 0;
  private lastHash = GENESIS_HASH;
  /** Bytes of whole lines written: where the next batch goes, and where a failed one is cut. */
  private size = 0;
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
    return this.size;
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /**
   * Numbers, chains and writes events in one system call. A batch is written whole or not
   * at all: when a write fails part-way (a full disk), the file is cut back to its last
   * whole line and the numbering and chain carry on from there, so that a later batch
   * never glues onto a torn line.
   */
  append(...events: NewEvent[]): void {
    if (this.fd === undefined) {
      throw new Error(`The record file ${this.path} is already closed.`);
    }

    let text = '';
    let seq = this.nextSeq;
    let hash = this.lastHash;
    for (const event of events) {
      const { type, time, ...rest } = event;
      const body = recordJson({ seq, time: time ?? nowSeconds(), type, ...rest });
      const chained = chainLine(hash, body);
      text += `${chained.line}\n`;
      hash = chained.hash;
      seq += 1;
    }

    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) {
        written += writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
      }
    } catch (error) {
      if (written > 0) {
        try {
          ftruncateSync(this.fd, this.size);
        } catch {
          // The next batch is written at the same offset, over the torn bytes, either way.
        }
      }

      const code = (error as NodeJS.ErrnoException).code;
      throw new RecordWriteError(this.path, code, writeFailureReason(error));
    }

    this.size += bytes.length;
    this.nextSeq = seq;
    this.lastHash = hash;
  }

  /** Forces written lines to the disk, for the points where losing them would matter. */
  sync(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
    }
  }

  /** Syncs and closes the file; the file is closed even when the sync fails. */
  close(): void {
    const fd = this.fd;
    if (fd === undefined) {
      return;
    }

    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
