/**
 * Run ids sort by start time and are unique across machines: a UTC timestamp to the
 * millisecond, then 32 random bits, e.g. `20261203-184512-123-9f86d081`.
 */
import { randomBytes } from 'node:crypto';

const RUN_ID = /^\d{8}-\d{6}-\d{3}-[0-9a-f]{8}$/;

/** Makes a new run id for a run starting at `date`. */
export function newRunId(date: Date = new Date()): string {
  const iso = date.toISOString();
  const day = iso.slice(0, 10).replaceAll('-', '');
  const clock = iso.slice(11, 19).replaceAll(':', '');
  const millis = iso.slice(20, 23);
  return `${day}-${clock}-${millis}-${randomBytes(4).toString('hex')}`;
}

/** Whether a string has the shape of a run id (so it is safe as a folder name). */
export function isRunId(text: string): boolean {
  return RUN_ID.test(text);
}
