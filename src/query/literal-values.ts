/**
 * Turns the literals of a comparison into the values the index compares: dates into
 * Unix seconds, durations into seconds, statuses into their lowercase names.
 */
import type { Token } from './lexer';
import { QueryError } from './query-error';

const DURATION = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|min|h|d)?\s*$/i;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, d: 86400 };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The statuses a filter may name. */
export const STATUSES = ['running', 'finished', 'failed', 'killed', 'crashed'];

/** A date as Unix seconds: an ISO 8601 string, or a number of Unix milliseconds (as MLflow). */
export function timeValue(token: Token): number {
  if (token.kind === 'number') {
    return token.number / 1000;
  }

  const text = token.text.trim();
  const milliseconds = ISO_DATE.test(text) ? Date.parse(text.replace(' ', 'T')) : NaN;
  if (Number.isNaN(milliseconds)) {
    throw new QueryError(
      token.position,
      'a date such as "2026-12-01" or "2026-12-01T14:30:00Z", or Unix milliseconds',
      `"${token.text}"`,
    );
  }

  return milliseconds / 1000;
}

/** A duration in seconds: a number of seconds, or a string such as "90s", "5m", "2h", "1d". */
export function durationValue(token: Token): number {
  if (token.kind === 'number') {
    return token.number;
  }

  const match = DURATION.exec(token.text);
  if (!match) {
    throw new QueryError(
      token.position,
      'a duration such as 90 (seconds), "90s", "5m", "2h" or "1d"',
      `"${token.text}"`,
    );
  }

  return Number(match[1]) * (UNIT_SECONDS[(match[2] ?? 's').toLowerCase()] ?? 1);
}

/** A status name in lowercase, accepting MLflow's uppercase spellings. */
export function statusValue(token: Token): string {
  const status = token.text.toLowerCase();
  if (!STATUSES.includes(status)) {
    throw new QueryError(token.position, `a status (${STATUSES.join(', ')})`, `"${token.text}"`);
  }

  return status;
}
