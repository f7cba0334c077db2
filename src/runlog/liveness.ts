/**
 * Whether the owner of an unfinished run is still alive (docs/run-format.md, "Status and
 * liveness"). `crashed` is never written: a reader concludes it from a missing process
 * or a stale heartbeat, and the conclusion changes back if an end event appears.
 */
import { hostname } from 'node:os';

import type { RunStatus } from './events';
import type { RunState } from './run-state';

/** A heartbeat older than this means the owner is gone. */
export const HEARTBEAT_TIMEOUT_SECONDS = 120;

/** What the liveness rule looks at. */
export interface OwnerSighting {
  host: string | null;
  pid: number | null;
  /** The heartbeat file's mtime in Unix milliseconds, or null when it does not exist. */
  heartbeatMs: number | null;
  /** When the run started, Unix seconds: the heartbeat's stand-in before it exists. */
  startedAt: number;
}

/** Whether a process with this id exists on this machine. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the owner of a run without an end event has gone away. */
export function ownerIsGone(
  sighting: OwnerSighting,
  nowMs: number = Date.now(),
  thisHost: string = hostname(),
): boolean {
  const lastSignMs = sighting.heartbeatMs ?? sighting.startedAt * 1000;
  if (nowMs - lastSignMs > HEARTBEAT_TIMEOUT_SECONDS * 1000) {
    return true;
  }

  if (sighting.host === thisHost && sighting.pid !== null && sighting.pid > 0) {
    return !processExists(sighting.pid);
  }

  return false;
}

/** The status a reader reports: the end's status, else running or crashed. */
export function runStatus(state: RunState, ownerGone: boolean): RunStatus {
  if (state.end) {
    return state.end.value.status;
  }

  return ownerGone ? 'crashed' : 'running';
}
