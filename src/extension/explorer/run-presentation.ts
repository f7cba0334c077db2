/**
 * How one run looks in the tree: its status icon, its one-line description and its
 * tooltip. Every value from the run is escaped; the tooltip never trusts commands.
 */
import * as vscode from 'vscode';

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

/** The row's description: the key metric's last value, then how long ago it started. */
export function runDescription(run: RunRecord, keyMetric: string, now = new Date()): string {
  const parts: string[] = [];
  const metric = run.metrics[keyMetric];
  if (metric) {
    parts.push(`${keyMetric} ${formatMetric(metric.last)}`);
  }

  parts.push(timeAgo(new Date(run.startedAt), now));
  return parts.join(' · ');
}

/** A Markdown tooltip with the run's params and metric summaries, all escaped. */
export function runTooltip(run: RunRecord): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(runTooltipMarkdown(run), false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}
