/**
 * The report's full record of the chosen run: what it was, what it ran, on what, and what it
 * made.
 */
import { formatDuration, formatNumber, formatValue } from '../../compare-logic/value-format';
import type { RunDetail } from '../../runindex/run-records';
import type { ReportData } from './report-data';
import { type Block, type Cell, mono, type Section } from './report-document';
import { commandLine, utcTime } from './report-text';

function identity(run: RunDetail, reason: string): Block {
  return {
    kind: 'fields',
    rows: [
      ['Name', run.name],
      ['Run id', mono(run.id)],
      ['Why this run', reason],
      ['Experiment', run.experiment],
      ['Status', `${run.status}${run.exitCode !== null ? ` (exit code ${run.exitCode})` : ''}`],
      ['Started', utcTime(run.startedAt)],
      ['Ended', run.endedAt ? utcTime(run.endedAt) : 'not ended'],
      ['Duration', run.duration === null ? '—' : formatDuration(run.duration)],
      ['Started by', [run.user, run.host].filter(Boolean).join(' on ') || '—'],
      ['Command', mono(commandLine(run.command))],
      ['Working folder', mono(run.cwd ?? '—')],
      ['Recorded by', run.writer ?? '—'],
      ['Record folder', mono(run.dir)],
    ],
  };
}

function code(run: RunDetail, patchHash: string | undefined): Block[] {
  const git = run.gitState;
  if (!git) {
    return [{ kind: 'paragraph', text: 'The run was not started in a git repository.' }];
  }

  const rows: [string, Cell][] = [
    ['Commit', mono(git.commit)],
    ['Branch', git.branch ?? '(detached)'],
    ['Remote', git.remote ? mono(git.remote) : '—'],
    ['Uncommitted changes', git.dirty ? 'yes: the working tree differed from the commit' : 'none'],
  ];
  if (git.patch) {
    const recorded = git.patchSha256 ?? 'not recorded';
    const intact = patchHash !== undefined && patchHash === git.patchSha256;
    rows.push(['Patch file', mono(git.patch)], ['Patch SHA-256 (recorded)', mono(recorded)]);
    rows.push([
      'Patch SHA-256 (now)',
      patchHash
        ? { text: patchHash, mono: true, tone: intact ? 'ok' : 'bad' }
        : { text: 'the patch file is missing', tone: 'bad' },
    ]);
  }

  return [{ kind: 'fields', rows }];
}

function keyValues(map: Record<string, unknown>, empty: string, headers: string[]): Block {
  return {
    kind: 'table',
    headers,
    rows: Object.entries(map).map(([key, value]) => [
      key,
      formatValue(value as Parameters<typeof formatValue>[0]),
    ]),
    empty,
  };
}

function metricsTable(run: RunDetail): Block {
  return {
    kind: 'table',
    headers: ['Metric', 'Last', 'Min', 'Max', 'At step', 'Points'],
    numeric: [1, 2, 3, 4, 5],
    rows: Object.entries(run.metrics).map(([key, summary]) => [
      key,
      formatNumber(summary.last),
      summary.min === null ? '—' : formatNumber(summary.min),
      summary.max === null ? '—' : formatNumber(summary.max),
      String(summary.step),
      String(summary.count),
    ]),
    empty: 'The run recorded no metrics.',
  };
}

function files(run: RunDetail): Block[] {
  return [
    { kind: 'subheading', text: 'Inputs (files the run declared it read)' },
    {
      kind: 'table',
      headers: ['Path', 'Size (bytes)', 'SHA-256'],
      numeric: [1],
      rows: run.inputs.map((input) => [mono(input.path), String(input.size), mono(input.sha256)]),
      empty: 'The run declared no input files.',
    },
    { kind: 'subheading', text: 'Artifacts (files the run kept)' },
    {
      kind: 'table',
      headers: ['Name', 'Size (bytes)', 'SHA-256'],
      numeric: [1],
      rows: run.artifacts.map((artifact) => [
        artifact.name,
        String(artifact.size),
        mono(artifact.sha256),
      ]),
      empty: 'The run kept no artifacts.',
    },
  ];
}

function notes(run: RunDetail): Block {
  return {
    kind: 'table',
    headers: ['Time (UTC)', 'By', 'Decision', 'Note'],
    rows: run.notes.map((note) => [utcTime(note.time), note.user, note.decision ?? '', note.text]),
    empty: 'No notes.',
  };
}

function reproductions(data: ReportData): Block {
  return {
    kind: 'table',
    headers: ['Reproduction', 'Run id', 'Status', 'Started (UTC)'],
    rows: data.reproductions.map((run) => [
      run.name,
      mono(run.id),
      run.status,
      utcTime(run.startedAt),
    ]),
    empty: 'The run has not been reproduced ("labbook reproduce" records each reproduction).',
  };
}

/** The chosen run's full record, or a note that the report has no run to show. */
export function recordSection(data: ReportData): Section {
  const run = data.chosen;
  const title = run ? `The chosen run: ${run.name}` : 'The chosen run';
  if (!run) {
    return { id: 'record', title, blocks: [{ kind: 'paragraph', text: 'No run was selected.' }] };
  }

  return {
    id: 'record',
    title,
    blocks: [
      identity(run, data.chosenReason),
      { kind: 'subheading', text: 'Parameters' },
      keyValues(run.params, 'The run recorded no parameters.', ['Parameter', 'Value']),
      { kind: 'subheading', text: 'Metrics' },
      metricsTable(run),
      { kind: 'subheading', text: 'Tags' },
      keyValues(run.tags, 'The run has no tags.', ['Tag', 'Value']),
      { kind: 'subheading', text: 'Code' },
      ...code(run, data.chosenPatchHash),
      { kind: 'subheading', text: 'Environment' },
      keyValues(run.versions, 'No program versions were recorded.', ['Program', 'Version']),
      keyValues(run.env, 'No environment variables were recorded.', ['Variable', 'Value']),
      ...files(run),
      { kind: 'subheading', text: 'Notes' },
      notes(run),
      { kind: 'subheading', text: 'Reproductions' },
      reproductions(data),
    ],
  };
}
