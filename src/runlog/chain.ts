/**
 * The hash chain over a record file's lines. Each line ends with
 * `,"hash":"<sha256 hex>"}` where the hash covers the previous line's hash and the
 * line's own body (the line without its hash field). Hashing the bytes as written,
 * rather than a re-serialisation, lets Python and Node writers agree without a
 * canonical JSON form.
 */
import { createHash } from 'node:crypto';

/** The "previous hash" of a file's first line. */
export const GENESIS_HASH = '';

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;

/** The hash of a body that follows a line with hash `previousHash`. */
export function hashBody(previousHash: string, body: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(body).digest('hex');
}

/** Adds the chained hash field to a serialised event object. */
export function chainLine(previousHash: string, body: string): { line: string; hash: string } {
  const hash = hashBody(previousHash, body);
  const line = `${body.slice(0, -1)},"hash":"${hash}"}`;
  return { line, hash };
}

/** Splits a chained line into its body and hash, or returns undefined when it has none. */
export function splitChainedLine(line: string): { body: string; hash: string } | undefined {
  const match = HASH_SUFFIX.exec(line);
  if (!match?.[1]) {
    return undefined;
  }

  const body = `${line.slice(0, match.index)}}`;
  return { body, hash: match[1] };
}
