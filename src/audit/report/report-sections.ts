/**
 * The report as a document (report-document.ts), written for a reader who has never
 * seen Labbook: what was tried, what was decided and why, and whether the record is
 * still as it was written.
 */
import { formatDuration, formatNumber, formatValue } from '../../compare-logic/value-format';
import { describeEntry } from '../history-text';
import { lineChartSvg } from './svg-chart';
import { recordSection } from './record-sections';
import type { ReportData } from './report-data';
import { type Block, type Cell, mono, type ReportDocument, type Section } from './report-document';
import { utcTime } from './report-text';
import { verificationSection } from './verification-section';

/** Metric columns in the runs table; the charts show more. */
const TABLE_METRICS = 3;

function about(data: ReportData): Section {
  const scope = [
    data.options.experiment ? `the experiment "${data.options.experiment}"` : 'every experiment',
    data.options.filter ? `, runs matching ${data.options.filter}` : '',
  ].join('');
  return {
    id: 'about',
    title: 'About this document',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'This report was produced by Labbook, a tool that records every training run of a ' +
          'machine-learning model as it happens: its settings (parameters), its measurements ' +
          '(metrics), the exact code it ran, the files it read and wrote, and every later note, ' +
          'decision and change. Each record line carries a SHA-256 hash of itself and of the ' +
          'line before it, and each finished record is sealed in a store-wide ledger, so a ' +
          'change made after the fact can be detected; section "Verification" shows the check.',
      },
      {
        kind: 'paragraph',
        text:
          `It covers ${data.runs.length} run(s) of ${scope}. It lists them, draws their ` +
          'metrics, gives the decisions taken in time order, records one chosen run in full, ' +
          'and shows the history of every change. Times are in UTC.',
      },
    ],
  };
}

function runsSection(data: ReportData): Section {
  const metricKeys = data.chartKeys.slice(0, TABLE_METRICS);
  const headers = [
    'Run',
    'Status',
    'Started (UTC)',
    'Duration',
    'Stage',
    ...data.varyingParams,
    ...metricKeys.map((key) => `${key} (last)`),
  ];
  const first = 5 + data.varyingParams.length;
  const rows = data.runs.map((run): Cell[] => {
    const seconds = run.endedAt
      ? (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000
      : NaN;
    const name = run.id === data.chosen?.id ? `${run.name} (chosen)` : run.name;
    return [
      name === run.id ? mono(name) : { text: name, sub: run.id },
      run.status,
      utcTime(run.startedAt).replace(' UTC', ''),
      Number.isFinite(seconds) ? formatDuration(seconds) : '—',
      run.tags.stage ?? '',
      ...data.varyingParams.map((key) => formatValue(run.params[key])),
      ...metricKeys.map((key) => (run.metrics[key] ? formatNumber(run.metrics[key].last) : '—')),
    ];
  });
  return {
    id: 'runs',
    title: 'Runs',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Every run in scope, newest first. "Stage" is the tag by which a team marks runs ' +
          'as candidates or as the final model; parameter columns show the settings that ' +
          'differ between runs.',
      },
      {
        kind: 'table',
        headers,
        rows,
        empty: 'No run is in scope.',
        numeric: metricKeys.map((_, at) => first + at),
        nowrap: [2, 3],
      },
    ],
  };
}

function chartsSection(data: ReportData): Section {
  const blocks: Block[] = data.charts.map((chart) => ({
    kind: 'chart',
    key: chart.key,
    svg: lineChartSvg(chart.key, chart.series),
    legend: chart.series.map((each) => ({ label: each.label, colour: each.colour })),
  }));
  return {
    id: 'metrics',
    title: 'Metrics',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Each chart shows one metric by training step, for the chosen run and the most ' +
          'recent others (up to twelve). Long series are thinned to their lowest and highest ' +
          'values per stretch of steps, so no spike is hidden.',
      },
      ...(blocks.length > 0
        ? blocks
        : [{ kind: 'paragraph' as const, text: 'No run in scope recorded metrics.' }]),
    ],
  };
}

function decisionsSection(data: ReportData): Section {
  return {
    id: 'decisions',
    title: 'Decisions',
    blocks: [
      {
        kind: 'paragraph',
        text: 'Notes recorded as decisions, oldest first, with who recorded them.',
      },
      {
        kind: 'table',
        nowrap: [0],
        headers: ['Time (UTC)', 'Run', 'By', 'Decision', 'Reason given'],
        rows: data.decisions.map((decision) => [
          utcTime(decision.time),
          decision.runName,
          decision.user,
          decision.title,
          decision.text,
        ]),
        empty: 'No decision has been recorded.',
      },
    ],
  };
}

function historyTable(rows: Cell[][], empty: string, withRun: boolean): Block {
  return {
    kind: 'table',
    nowrap: [0],
    headers: ['Time (UTC)', ...(withRun ? ['Run'] : []), 'By', 'Program', 'What happened'],
    rows,
    empty,
  };
}

function historySection(data: ReportData): Section {
  const chosenRows = data.chosenHistory.map((entry) => [
    utcTime(entry.time),
    entry.user ?? '—',
    entry.writer ?? '—',
    describeEntry(entry),
  ]);
  const editRows = data.edits.map(({ runName, entry }) => [
    utcTime(entry.time),
    runName,
    entry.user ?? '—',
    entry.writer ?? '—',
    describeEntry(entry),
  ]);
  return {
    id: 'history',
    title: 'History of changes',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Changes are never written over the record: each is added as a new entry, so ' +
          'earlier values stay visible ("before → after").',
      },
      {
        kind: 'subheading',
        text: `Everything recorded about ${data.chosen?.name ?? 'the chosen run'}`,
      },
      historyTable(chosenRows, 'No history.', false),
      { kind: 'subheading', text: 'Changes made to runs after they ended' },
      historyTable(editRows, 'No run was changed after it ended.', true),
    ],
  };
}

function glossary(): Section {
  return {
    id: 'glossary',
    title: 'Glossary',
    blocks: [
      {
        kind: 'list',
        items: [
          'Run: one execution of a training or evaluation program, recorded from start to end.',
          'Parameter: a setting chosen before the run, such as a learning rate.',
          'Metric: a number measured during the run, such as a loss, at each training step.',
          'Tag: a label attached to a run, such as stage=final.',
          'Commit: the identifier of an exact version of the code in git.',
          'SHA-256: a fingerprint of a file or text; any change to it changes the fingerprint.',
          'Hash chain: each record line holds the SHA-256 of itself and of the line before, ' +
            'so changing one line breaks the chain from there on.',
          'Ledger: a store-wide chained list of the final fingerprint of every finished record; ' +
            'its last fingerprint (the head hash) stands for the whole store at that moment.',
        ],
      },
    ],
  };
}

/** The whole report as a document. */
export function reportDocument(data: ReportData): ReportDocument {
  return {
    title: data.title,
    byline: [
      `Generated ${utcTime(data.generatedAt)} by ${data.generatedBy}`,
      `From the Labbook store ${data.store}`,
    ],
    sections: [
      about(data),
      runsSection(data),
      chartsSection(data),
      decisionsSection(data),
      recordSection(data),
      historySection(data),
      verificationSection(data.verification),
      glossary(),
    ],
  };
}
