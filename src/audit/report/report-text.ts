/** Small wordings shared by the report's sections. */
import { commandLine as joinedCommand } from '../../compare-logic/run-values';
import { formatTimestamp } from '../../compare-logic/value-format';

/** An ISO time as `2026-12-03 18:45:12 UTC`: a report is read in many time zones. */
export function utcTime(iso: string): string {
  return `${formatTimestamp(iso)} UTC`;
}

/** A recorded command as one line, or a dash when there was none. */
export function commandLine(command: string[] | null): string {
  return joinedCommand(command) ?? '—';
}
