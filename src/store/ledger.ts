/**
 * The store-wide ledger (`.labbook/ledger.jsonl`): when a record file is closed, its
 * writer appends a `seal` line with the file's line count, size and final hash. The
 * ledger is hash-chained like a record file, so re-chaining a run's file after the fact
 * is caught against it (docs/audit.md). Unlike record files it has many writers, who take
 * turns through a lock file (ledger-lock.ts).
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';

import { chainLine, GENESIS_HASH, splitChainedLine } from '../runlog/chain';
import { nowSeconds } from '../runlog/record-file';
import { recordJson } from '../runlog/record-json';
import type { StoreLayout } from './layout';
import { withLedgerLock } from './ledger-lock';

/** What a seal says about one closed record file. */
export interface Seal {
  run: string;
  /** The record file's name inside the run folder, such as `events.jsonl`. */
  file: string;
  lines: number;
  bytes: number;
  /** The hash of the file's last line. */
  head: string;
}

/** A seal as it sits in the ledger. */
export interface SealLine extends Seal {
  seq: number;
  time: number;
  type: 'seal';
}

/** The ledger cannot be appended to; the record file it was to seal is unharmed. */
export class LedgerError extends Error {
  override name = 'LedgerError';
}

/** The ledger's last line is found within this many bytes of its end; seals are short. */
const TAIL_BYTES = 64 * 1024;

/** The lock file beside the ledger. */
export function ledgerLockPath(layout: StoreLayout): string {
  return `${layout.ledgerPath}.lock`;
}

interface LedgerTail {
  seq: number;
  hash: string;
}

/**
 * Reads the chain position after the ledger's last complete line. A torn last line can
 * only be left by a writer that died in mid-write, and the caller holds the lock, so it
 * is cut off rather than joined to the next line.
 */
function readTail(fd: number): LedgerTail {
  const size = fstatSync(fd).size;
  if (size === 0) {
    return { seq: -1, hash: GENESIS_HASH };
  }

  const length = Math.min(size, TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  readSync(fd, buffer, 0, length, size - length);

  const end = buffer.lastIndexOf(0x0a);
  if (end !== length - 1) {
    if (end === -1 && size > length) {
      throw new LedgerError(
        'The ledger ends in a line too long to be a seal; run "labbook verify".',
      );
    }

    ftruncateSync(fd, size - length + end + 1);
    if (end === -1) {
      return { seq: -1, hash: GENESIS_HASH };
    }
  }

  const start = buffer.lastIndexOf(0x0a, end - 1) + 1;
  if (start === 0 && size > length) {
    throw new LedgerError('The ledger ends in a line too long to be a seal; run "labbook verify".');
  }

  const line = buffer.toString('utf8', start, end);
  const split = splitChainedLine(line);
  let seq: unknown;
  try {
    seq = split ? (JSON.parse(split.body) as { seq?: unknown }).seq : undefined;
  } catch {
    seq = undefined;
  }

  if (!split || typeof seq !== 'number') {
    throw new LedgerError('The last line of the ledger is damaged; run "labbook verify".');
  }

  return { seq, hash: split.hash };
}

/** Appends a seal to the store's ledger, creating the ledger when it is missing. */
export function appendSeal(layout: StoreLayout, seal: Seal): SealLine {
  return withLedgerLock(ledgerLockPath(layout), () => {
    const fd = openSync(layout.ledgerPath, 'a+');
    try {
      const tail = readTail(fd);
      const entry: SealLine = { seq: tail.seq + 1, time: nowSeconds(), type: 'seal', ...seal };
      const { line } = chainLine(tail.hash, recordJson(entry));
      const bytes = Buffer.from(`${line}\n`, 'utf8');
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(fd, bytes, written, bytes.length - written);
      }

      fsyncSync(fd);
      return entry;
    } finally {
      closeSync(fd);
    }
  });
}
