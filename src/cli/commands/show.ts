/** `labbook show RUN`: everything about one run. */
import type { RunDetail } from '../../runindex/run-records';
import type { CliCommand } from '../command';
import {
  formatCommand,
  formatDuration,
  formatNumber,
  formatTime,
  formatValue,
} from '../format-values';
import { oneRun } from '../one-run';
import { jsonText, runDetailJson } from '../run-json';
import { fitLine, formatTable } from '../text-table';

const USAGE = 'labbook show RUN [--json]     RUN is an id, a unique id prefix or a name';

function statusText(run: RunDetail): string {
  const parts: string[] = [run.status];
  if (run.exitCode !== null) {
    parts.push(`exit code ${run.exitCode}`);
  }

  if (run.signal) {
    parts.push(`signal ${run.signal}`);
  }

  if (run.statusReason && run.status === 'running') {
    parts.push(run.statusReason);
  }

  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(', ')})` : (parts[0] ?? '');
}

function gitText(run: RunDetail): string {
  if (!run.git) {
    return '-';
  }

  const branch = run.git.branch ? ` on ${run.git.branch}` : '';
  return `${run.git.commit.slice(0, 12)}${branch}${run.git.dirty ? ' (dirty)' : ''}`;
}

function header(run: RunDetail): string {
  const fields: [string, string][] = [
    ['Run', `${run.id}  ${run.name}`],
    ['Experiment', run.experiment],
    ['Status', statusText(run)],
    ['Started', formatTime(run.startedAt, true)],
    ['Ended', formatTime(run.endedAt, true)],
    ['Duration', formatDuration(run.duration)],
    ['Command', formatCommand(run.command)],
    ['Git', gitText(run)],
    ['Host', [run.user, run.host].filter(Boolean).join('@') || '-'],
    ['Folder', run.location === 'trash' ? `${run.dir} (deleted)` : run.dir],
  ];

  const width = Math.max(...fields.map(([label]) => label.length));
  return fields
    .map(([label, value]) => fitLine(`${label.padEnd(width)}  ${value}`))
    .join('\n')
    .concat('\n');
}

function section(title: string, table: string | undefined): string {
  return table ? `\n${title}\n${table}` : '';
}

/** The human view of one run. */
export function runReport(run: RunDetail): string {
  const params = Object.entries(run.params);
  const metrics = Object.entries(run.metrics);
  const tags = Object.entries(run.tags);

  return [
    header(run),
    section(
      'Params',
      params.length
        ? formatTable(
            [{ title: 'KEY' }, { title: 'VALUE', shrink: true }],
            params.map(([key, value]) => [key, formatValue(value)]),
          )
        : undefined,
    ),
    section(
      'Metrics',
      metrics.length
        ? formatTable(
            ['KEY', 'LAST', 'MIN', 'MAX', 'STEP', 'COUNT'].map((title, index) => ({
              title,
              right: index > 0,
              shrink: index === 0,
            })),
            metrics.map(([key, summary]) => [
              key,
              formatNumber(summary.last),
              formatNumber(summary.min),
              formatNumber(summary.max),
              String(summary.step),
              String(summary.count),
            ]),
          )
        : undefined,
    ),
    section(
      'Tags',
      tags.length
        ? formatTable([{ title: 'KEY' }, { title: 'VALUE', shrink: true }], tags)
        : undefined,
    ),
    section(
      'Notes',
      run.notes.length
        ? formatTable(
            [{ title: 'TIME' }, { title: 'USER' }, { title: 'NOTE', shrink: true }],
            run.notes.map((note) => [
              formatTime(note.time),
              note.user,
              note.decision ? `${note.decision}: ${note.text}` : note.text,
            ]),
          )
        : undefined,
    ),
    section(
      'Artifacts',
      run.artifacts.length
        ? formatTable(
            [{ title: 'NAME', shrink: true }, { title: 'SIZE', right: true }, { title: 'SHA-256' }],
            run.artifacts.map((artifact) => [
              artifact.name,
              String(artifact.size),
              artifact.sha256.slice(0, 16),
            ]),
          )
        : undefined,
    ),
  ].join('');
}

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'Show one run: params, metrics, tags, notes and artifacts',
  usage: USAGE,
  async run(args, context) {
    const { run, json } = await oneRun(args, USAGE, context);
    context.stdout.write(json ? jsonText(runDetailJson(run)) : runReport(run));
    return 0;
  },
};
