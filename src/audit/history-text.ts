/** One sentence per history entry, for the CLI and the report alike. */
import type { HistoryChange, HistoryEntry } from './run-history';

function shown(value: unknown): string {
  if (value === undefined) {
    return '(none)';
  }

  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function changeText(change: HistoryChange): string {
  return `${change.field}: ${shown(change.before)} → ${shown(change.after)}`;
}

function afterOf(entry: HistoryEntry, field: string): string {
  return shown(entry.changes.find((change) => change.field === field)?.after);
}

/** What an entry did, such as `renamed "a" → "b"` or `tags.stage: (none) → "final"`. */
export function describeEntry(entry: HistoryEntry): string {
  switch (entry.action) {
    case 'created':
      return `created ${afterOf(entry, 'name')} in experiment ${afterOf(entry, 'experiment')}`;
    case 'renamed':
      return `renamed ${entry.changes.map(changeText).join('')}`.replace(
        'renamed name: ',
        'renamed ',
      );
    case 'params':
    case 'tagged':
      return `set ${entry.changes.map(changeText).join(', ') || 'nothing'}`;
    case 'noted':
      return `noted ${shown(entry.text)}`;
    case 'decided':
      return `decided ${shown(entry.decision)}: ${shown(entry.text)}`;
    case 'artifact':
    case 'input': {
      const [change] = entry.changes;
      const name = change?.field.slice(change.field.indexOf('.') + 1) ?? '';
      return `recorded ${entry.action} ${name} (sha256 ${String(change?.after).slice(0, 16)}…)`;
    }
    case 'status':
      return `status ${afterOf(entry, 'status')}${entry.text ? ` (${entry.text})` : ''}`;
    case 'ended':
      return `ended ${afterOf(entry, 'status')} with exit code ${afterOf(entry, 'exitCode')}`;
    case 'deleted':
      return 'deleted (moved to the trash)';
    case 'restored':
      return 'restored from the trash';
  }
}
