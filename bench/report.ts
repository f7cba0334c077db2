/** The bench's readable table: one row per key, then how each figure was taken. */
import type { MachineInfo } from './machine';
import { BENCH_KEYS, type BenchEntry, type BenchKey } from './results';

function status(entry: BenchEntry): string {
  if (entry.skipped !== undefined) {
    return 'skipped';
  }

  if (entry.error !== undefined) {
    return 'error';
  }

  return entry.met === undefined ? 'report' : entry.met ? 'met' : 'MISSED';
}

function value(entry: BenchEntry): string {
  return entry.value === null ? '-' : entry.value.toLocaleString('en');
}

/** The table and notes as text. */
export function formatReport(
  machine: MachineInfo,
  scale: string,
  entries: Record<BenchKey, BenchEntry>,
): string {
  const rows = BENCH_KEYS.map((key) => {
    const entry = entries[key];
    return [key, value(entry), entry.unit, entry.goal, status(entry)];
  });
  const header = ['key', 'value', 'unit', 'goal', 'status'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === 1
          ? cell.padStart(widths[column] as number)
          : cell.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();

  const notes = BENCH_KEYS.map((key) => {
    const entry = entries[key];
    const why = entry.skipped ?? entry.error ?? entry.detail;
    const against = entry.against === undefined ? '' : ` Against: ${entry.against}.`;
    return `- ${key}: ${why}.${against}`;
  });

  return [
    `Labbook bench (${scale}) on ${machine.cores} cores (${machine.cpu}), ` +
      `${machine.memoryGb} GB, ` +
      `Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage} at start`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...notes,
    '',
  ].join('\n');
}
