/**
 * How one run looks in the tree: its status icon, its one-line description and its
 * tooltip. Every value from the run is escaped; the tooltip never trusts commands.
 */
import * as vscode from 'vscode';

import type { RunIntegrity } from '../../audit/audit-api';
import type { RunStatus } from '../../runlog/events';
import type { RunRecord } from '../../runindex/run-records';
import { timeAgo } from './relative-time';
import { formatMetric, runTooltipMarkdown } from './run-tooltip';

export { formatMetric };

const STATUS_ICONS: Record<RunStatus, [string, string | undefined]> = {
  running: ['loading~spin', 'charts.blue'],
  finished: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  killed: ['circle-slash', 'charts.orange'],
  crashed: ['warning', 'problemsWarningIcon.foreground'],
};

/** The codicon and theme colour for a status. */
export function statusIcon(status: RunStatus): vscode.ThemeIcon {
  const [id, color] = STATUS_ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

const INTEGRITY_TEXT: Record<RunIntegrity, string> = {
  sealed: 'verified',
  unsealed: 'not sealed yet',
  tampered: '⚠ TAMPERED',
};

/**
 * The row's description: the key metric's last value, how long ago the run started and,
 * after Verify Store, whether its record still matches what was written.
 */
export function runDescription(
  run: RunRecord,
  keyMetric: string,
  integrity?: RunIntegrity,
  now = new Date(),
): string {
  const parts: string[] = [];
  const metric = run.metrics[keyMetric];
  if (metric) {
    parts.push(`${keyMetric} ${formatMetric(metric.last)}`);
  }

  parts.push(timeAgo(new Date(run.startedAt), now));
  if (integrity) {
    parts.push(INTEGRITY_TEXT[integrity]);
  }

  return parts.join(' · ');
}

/** A Markdown tooltip with the run's params and metric summaries, all escaped. */
export function runTooltip(run: RunRecord): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(runTooltipMarkdown(run), false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}
