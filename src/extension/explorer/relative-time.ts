/** "how long ago" for run rows: coarse, short, and stable between refreshes. */

const UNITS: [number, string][] = [
  [365 * 24 * 3600, 'y'],
  [30 * 24 * 3600, 'mo'],
  [7 * 24 * 3600, 'w'],
  [24 * 3600, 'd'],
  [3600, 'h'],
  [60, 'min'],
];

/** Formats the time between `then` and `now` as e.g. "5 min ago" or "just now". */
export function timeAgo(then: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - then.getTime()) / 1000);
  for (const [size, unit] of UNITS) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)} ${unit} ago`;
    }
  }

  return 'just now';
}

/** Formats a duration in seconds as e.g. "1h 02m", "3m 09s" or "12s". */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) {
    return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  }

  if (minutes > 0) {
    return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  }

  return `${rest}s`;
}
