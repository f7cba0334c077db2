/** How numbers, durations and missing values read in the tables and charts. */
import type { PlainValue } from './run-values';

/** A number in at most six significant digits, without trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  }

  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(value);
  }

  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) {
    return value.toExponential(3).replace(/\.?0+e/, 'e');
  }

  return String(Number(value.toPrecision(6)));
}

/** A duration in seconds as people say it: 12.5s, 3m 05s, 2h 07m, 3d 04h. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return formatNumber(seconds);
  }

  const sign = seconds < 0 ? '−' : '';
  const total = Math.abs(seconds);
  if (total < 60) {
    return `${sign}${Number(total.toFixed(total < 10 ? 2 : 1))}s`;
  }

  const pad = (part: number): string => String(Math.floor(part)).padStart(2, '0');
  if (total < 3600) {
    return `${sign}${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  }

  if (total < 86400) {
    return `${sign}${Math.floor(total / 3600)}h ${pad((total % 3600) / 60)}m`;
  }

  return `${sign}${Math.floor(total / 86400)}d ${pad((total % 86400) / 3600)}h`;
}

/** An ISO 8601 time as people read it in a table: `2026-01-05 10:00:00`, in UTC. */
export function formatTimestamp(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

/** A value for a cell: missing as an em dash, null as "null", text as itself. */
export function formatValue(value: PlainValue): string {
  if (value === undefined) {
    return '—';
  }

  if (value === null) {
    return 'null';
  }

  if (typeof value === 'number') {
    return formatNumber(value);
  }

  return String(value);
}
