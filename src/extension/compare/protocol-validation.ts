/**
 * Checks of every message of the Compare protocol. Each side runs the other side's messages
 * through these before acting on them: a webview is a web page holding untrusted run data,
 * and the host must not trust what it sends.
 */
import {
  type Check,
  count,
  dictionary,
  either,
  exactly,
  finite,
  flag,
  integer,
  list,
  nullable,
  oneOf,
  optional,
  record,
  ShapeError,
  tagged,
  text,
} from '../../compare-logic/shape-check';
import type { ParamValue, TaggedFloat } from '../../runlog/events';
import {
  type ColumnRef,
  type CompareUiState,
  defaultUiState,
  type GitSummary,
  type HostMessage,
  type MetricSummary,
  type RunSeries,
  type RunSummary,
  type SeriesPoints,
  type StepRange,
  type TableSort,
  UI_STATE_VERSION,
  type WebviewMessage,
  type WireNumber,
} from './protocol';

const nonFinite = oneOf('NaN', 'Infinity', '-Infinity');

const wireNumber: Check<WireNumber> = either(finite, nonFinite, 'a number or "NaN"/"Infinity"');

const taggedFloat = record<TaggedFloat>({ $float: nonFinite });

const paramValue: Check<ParamValue> = (value, path) => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }

  if (typeof value === 'number') {
    return finite(value, path);
  }

  return taggedFloat(value, path);
};

const metricSummary = record<MetricSummary>({
  last: wireNumber,
  min: wireNumber,
  max: wireNumber,
  step: integer,
  count,
});

const gitSummary = record<GitSummary>({ commit: text, branch: nullable(text), dirty: flag });

const runSummary = record<RunSummary>({
  id: text,
  name: text,
  experiment: text,
  status: oneOf('running', 'finished', 'failed', 'killed', 'crashed'),
  startedAt: text,
  endedAt: nullable(text),
  exitCode: nullable(integer),
  command: nullable(list(text)),
  params: dictionary(paramValue),
  tags: dictionary(text),
  metrics: dictionary(metricSummary),
  git: nullable(gitSummary),
  env: dictionary(text),
});

const seriesPointsFields = { steps: list(integer), times: list(finite), values: list(wireNumber) };

function sameLengths(points: SeriesPoints, path: string): void {
  if (points.steps.length !== points.times.length || points.steps.length !== points.values.length) {
    throw new ShapeError(path, 'columns of one length');
  }
}

const seriesPoints: Check<SeriesPoints> = (value, path) => {
  const points = record<SeriesPoints>(seriesPointsFields)(value, path);
  sameLengths(points, path);
  return points;
};

const runSeries: Check<RunSeries> = (value, path) => {
  const series = record<RunSeries>({ ...seriesPointsFields, runId: text, downsampled: flag })(
    value,
    path,
  );
  sameLengths(series, path);
  return series;
};

const stepRange = record<StepRange>({ fromStep: integer, toStep: integer });

const columnKind = oneOf('attribute', 'param', 'tag', 'metric');

const columnRef = record<ColumnRef>({ kind: columnKind, key: text });

const tableSort = record<TableSort>({ column: columnRef, descending: flag });

const requestId = count;

const webviewMessage = tagged<WebviewMessage>({
  ready: record({ type: oneOf('ready'), protocolVersion: integer }),
  getSeries: record({
    type: oneOf('getSeries'),
    requestId,
    key: text,
    runIds: list(text),
    points: count,
    range: optional(stepRange),
  }),
  getTableRows: record({
    type: oneOf('getTableRows'),
    requestId,
    offset: count,
    limit: count,
    filter: text,
    sort: nullable(tableSort),
  }),
  export: record({
    type: oneOf('export'),
    requestId,
    format: oneOf('csv', 'png'),
    suggestedName: text,
    content: text,
  }),
  selectionChanged: record({ type: oneOf('selectionChanged'), runIds: list(text) }),
  openDiff: record({
    type: oneOf('openDiff'),
    document: oneOf('patch', 'config', 'stdout'),
    leftRunId: text,
    rightRunId: text,
  }),
  log: record({ type: oneOf('log'), level: oneOf('info', 'warn', 'error'), message: text }),
});

const hostMessage = tagged<HostMessage>({
  init: record({ type: oneOf('init'), protocolVersion: integer, runs: list(runSummary) }),
  selectionChanged: record({ type: oneOf('selectionChanged'), runs: list(runSummary) }),
  runsUpdated: record({ type: oneOf('runsUpdated'), runs: list(runSummary) }),
  pointsAppended: record({
    type: oneOf('pointsAppended'),
    runId: text,
    key: text,
    points: seriesPoints,
  }),
  tableInvalidated: record({ type: oneOf('tableInvalidated') }),
  series: record({ type: oneOf('series'), requestId, key: text, series: list(runSeries) }),
  tableRows: record({
    type: oneOf('tableRows'),
    requestId,
    total: count,
    offset: count,
    rows: list(runSummary),
    columns: list(record({ kind: columnKind, key: text, differs: flag })),
    filterError: nullable(record({ message: text, position: count })),
  }),
  exported: record({ type: oneOf('exported'), requestId, saved: flag }),
  requestFailed: record({ type: oneOf('requestFailed'), requestId, message: text }),
});

/** Parses a message from the webview; throws a {@link ShapeError} when it is malformed. */
export function parseWebviewMessage(value: unknown): WebviewMessage {
  return webviewMessage(value, '');
}

/** Parses a message from the host; throws a {@link ShapeError} when it is malformed. */
export function parseHostMessage(value: unknown): HostMessage {
  return hostMessage(value, '');
}

const uiState = record<CompareUiState>({
  version: exactly(UI_STATE_VERSION),
  selection: list(text),
  tab: oneOf('charts', 'table', 'diff', 'params'),
  charts: record({
    xAxis: oneOf('step', 'wallTime', 'relativeTime'),
    smoothing: finite,
    logScale: flag,
    groupBy: nullable(text),
    band: oneOf('minMax', 'std'),
  }),
  table: record({
    filter: text,
    sort: nullable(tableSort),
    hiddenColumns: list(text),
    onlyDiffering: flag,
  }),
  diff: record({ onlyDifferences: flag }),
  params: record({ scatterParam: nullable(text), metric: nullable(text), axes: list(text) }),
});

/**
 * Reads saved UI state. State of another version or shape is replaced by the defaults, while
 * keeping its selection when that is readable, so a reload never loses which runs were open.
 */
export function readUiState(value: unknown): CompareUiState {
  try {
    return uiState(value, 'state');
  } catch {
    const selection =
      typeof value === 'object' && value !== null && 'selection' in value
        ? value.selection
        : undefined;
    const kept = Array.isArray(selection)
      ? selection.filter((id): id is string => typeof id === 'string')
      : [];
    return defaultUiState(kept);
  }
}
