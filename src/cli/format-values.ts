/** How values read in human output: compact numbers, local times, short durations. */

/** A number in at most 6 significant digits; NaN and the infinities spelled out. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return '-';
  }

  if (!Number.isFinite(value)) {
    return String(value);
  }

  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(value);
  }

  return String(Number(value.toPrecision(6)));
}

/** A param, tag or other value as text. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    return formatNumber(value);
  }

  if (typeof value === 'string') {
    return value;
  }

  return value === undefined ? '-' : JSON.stringify(value);
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO time as local `YYYY-MM-DD HH:MM` (with seconds when asked). */
export function formatTime(iso: string | null, seconds = false): string {
  if (!iso) {
    return '-';
  }

  const date = new Date(iso);
  const month = twoDigits(date.getMonth() + 1);
  const day = `${date.getFullYear()}-${month}-${twoDigits(date.getDate())}`;
  const clock = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
  return `${day} ${clock}${seconds ? `:${twoDigits(date.getSeconds())}` : ''}`;
}

/** Seconds as `2h 05m`, `3m 07s` or `12s`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) {
    return '-';
  }

  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours > 0) {
    return `${hours}h ${twoDigits(minutes)}m`;
  }

  return minutes > 0 ? `${minutes}m ${twoDigits(whole % 60)}s` : `${whole}s`;
}

/** A command line as one string, quoting the arguments that need it. */
export function formatCommand(command: string[] | null): string {
  if (!command) {
    return '-';
  }

  return command
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part)))
    .join(' ');
}
