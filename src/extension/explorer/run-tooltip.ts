/**
 * The Markdown of a run's tooltip in the tree: its name, status, params and metric
 * summaries. Every value from the run, its id included (a folder name anyone could have
 * committed), is escaped. Free of `vscode`, so the escaping can be checked by rendering
 * the Markdown with a real Markdown parser.
 */
import type { RunRecord } from '../../runindex/run-records';
import { escapeMarkdown } from './markdown-escape';
import { formatDuration } from './relative-time';

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

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/** The tooltip's Markdown, with the run's params and metric summaries, all escaped. */
export function runTooltipMarkdown(run: RunRecord): string {
  const duration = run.endedAt
    ? ` · ${formatDuration((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000)}`
    : '';
  let markdown = `**${escapeMarkdown(run.name)}** · ${escapeMarkdown(run.status)}${duration}\n\n`;
  markdown += `${escapeMarkdown(run.experiment)} · ${escapeMarkdown(run.id)}\n\n`;

  const params = Object.entries(run.params);
  if (params.length > 0) {
    markdown += '| param | value |\n|---|---|\n';
    for (const [key, value] of params.slice(0, 20)) {
      markdown += `| ${escapeMarkdown(key, 60)} | ${escapeMarkdown(valueText(value), 60)} |\n`;
    }

    markdown += '\n';
  }

  const metrics = Object.entries(run.metrics);
  if (metrics.length > 0) {
    markdown += '| metric | last | min | max |\n|---|---|---|---|\n';
    for (const [key, summary] of metrics.slice(0, 20)) {
      const cells = [summary.last, summary.min, summary.max]
        .map(formatMetric)
        .map((cell) => escapeMarkdown(cell));
      markdown += `| ${escapeMarkdown(key, 60)} | ${cells.join(' | ')} |\n`;
    }
  }

  return markdown;
}
