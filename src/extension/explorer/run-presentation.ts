/**
 * How one run looks in the tree: its status icon, its one-line description and its
 * tooltip. Every value from the run is escaped; the tooltip never trusts commands.
 */
import * as vscode from 'vscode';

import type { RunIntegrity } from '../../audit/audit-api';
import type { RunStatus } from '../../runlog/events';
import { escapeMarkdown } from './markdown-escape';
import { formatDuration, timeAgo } from './relative-time';
import type { RunRecord } from '../../runindex/run-records';

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

/** Formats a metric value compactly: 4 significant digits, NaN and infinities spelled. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return '–';
  }

  if (Number.isNaN(value)) {
    return 'NaN';
  }

  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '-∞';
  }

  if (Number.isInteger(value) && Math.abs(value) < 1e6) {
    return String(value);
  }

  return Number(value.toPrecision(4)).toString();
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

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/** A Markdown tooltip with the run's params and metric summaries, all escaped. */
export function runTooltip(run: RunRecord): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString('', false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;

  const duration = run.endedAt
    ? ` · ${formatDuration((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000)}`
    : '';
  tooltip.appendMarkdown(`**${escapeMarkdown(run.name)}** · ${run.status}${duration}\n\n`);
  tooltip.appendMarkdown(`${escapeMarkdown(run.experiment)} · \`${run.id}\`\n\n`);

  const params = Object.entries(run.params);
  if (params.length > 0) {
    tooltip.appendMarkdown('| param | value |\n|---|---|\n');
    for (const [key, value] of params.slice(0, 20)) {
      tooltip.appendMarkdown(
        `| ${escapeMarkdown(key, 60)} | ${escapeMarkdown(valueText(value), 60)} |\n`,
      );
    }

    tooltip.appendMarkdown('\n');
  }

  const metrics = Object.entries(run.metrics);
  if (metrics.length > 0) {
    tooltip.appendMarkdown('| metric | last | min | max |\n|---|---|---|---|\n');
    for (const [key, summary] of metrics.slice(0, 20)) {
      const cells = [summary.last, summary.min, summary.max]
        .map(formatMetric)
        .map((cell) => escapeMarkdown(cell));
      tooltip.appendMarkdown(`| ${escapeMarkdown(key, 60)} | ${cells.join(' | ')} |\n`);
    }
  }

  return tooltip;
}
