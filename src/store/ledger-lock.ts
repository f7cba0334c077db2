/**
 * The lock around appends to the store-wide ledger, the one file of the store that
 * several processes write (docs/run-format.md, "Ledger"). A holder keeps it for the
 * milliseconds one append takes, so a lock that is old, or whose process is gone, is
 * stale and may be broken. The Python SDK follows the same protocol (labbook/ledger.py).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

import { currentHost } from '../runlog/identity';
import { processExists } from '../runlog/liveness';

/** A lock older than this is stale whoever holds it: an append takes milliseconds. */
export const STALE_LOCK_MS = 10_000;

/** How long an append waits for the lock before it gives up. */
const WAIT_MS = 15_000;

/** The ledger could not be locked; the record itself is unharmed. */
export class LedgerLockError extends Error {
  override name = 'LedgerLockError';
}

interface LockHolder {
  pid: number;
  host: string;
  token: string;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread; appends are synchronous because record files close synchronously. */
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Creates `path` exclusively with `content`; false when it already exists. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') {
      return false;
    }

    throw error;
  }

  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }

  return true;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return { pid: value.pid, host: value.host, token: String(value.token) };
    }
  } catch {
    // Missing, or just created and not written yet: not known to be stale.
  }

  return undefined;
}

function ageMs(path: string): number | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? Date.now() - stat.mtimeMs : undefined;
}

/** Why the lock at `path` may be broken, or undefined while its holder may be alive. */
function staleReason(path: string, holder: LockHolder | undefined): string | undefined {
  const age = ageMs(path);
  if (age !== undefined && age > STALE_LOCK_MS) {
    return `it is ${Math.round(age / 1000)} s old`;
  }

  if (holder && holder.host === currentHost() && !processExists(holder.pid)) {
    return `process ${holder.pid} is gone`;
  }

  return undefined;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      throw error;
    }
  }
}

/**
 * Removes a stale lock, but only while it is still the one judged stale. Breakers take
 * a second lock for that check, so two of them cannot both remove a lock when one of
 * them has just been taken afresh.
 */
function breakStaleLock(path: string, stale: LockHolder | undefined): void {
  const guard = `${path}.break`;
  const guardAge = ageMs(guard);
  if (guardAge !== undefined && guardAge > STALE_LOCK_MS) {
    unlinkQuietly(guard);
  }

  if (!createExclusive(guard, String(process.pid))) {
    return;
  }

  try {
    const now = readHolder(path);
    const same = stale ? now?.token === stale.token : now === undefined;
    if (same && staleReason(path, now) !== undefined) {
      unlinkQuietly(path);
    }
  } finally {
    unlinkQuietly(guard);
  }
}

function describe(holder: LockHolder | undefined): string {
  return holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
}

/** Runs `work` while holding the lock file at `path`. */
export function withLedgerLock<T>(path: string, work: () => T): T {
  const me: LockHolder = {
    pid: process.pid,
    host: currentHost(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + WAIT_MS;
  let wait = 1;

  while (!createExclusive(path, JSON.stringify({ ...me, time: Date.now() / 1000 }))) {
    const holder = readHolder(path);
    if (staleReason(path, holder) !== undefined) {
      breakStaleLock(path, holder);
      continue;
    }

    if (Date.now() > deadline) {
      throw new LedgerLockError(
        `The ledger lock ${path} is held by ${describe(holder)}; ` +
          'remove it if that process is gone.',
      );
    }

    // Jitter keeps waiters from retrying in step.
    pause(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }

  try {
    return work();
  } finally {
    if (readHolder(path)?.token === me.token) {
      unlinkQuietly(path);
    }
  }
}
