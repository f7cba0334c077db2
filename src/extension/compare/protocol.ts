/**
 * The one message protocol between the Compare webview and the extension host. Both sides
 * import this file, so a change here breaks the build of whichever side falls behind.
 *
 * Pure types and tiny helpers only: no `vscode`, no DOM. Messages travel as JSON, which has
 * no NaN or infinities, so numbers that may be non-finite use the run record's encoding
 * (docs/run-format.md): metric values as `"NaN"`, `"Infinity"`, `"-Infinity"`, params as
 * `{"$float": "NaN"}`.
 *
 * The conversation:
 * 1. The webview loads and sends `ready`. The host sends nothing before it.
 * 2. The host answers `ready` with `init`: the selected runs' summaries.
 * 3. The webview sends requests (`getSeries`, `getTableRows`, `export`), each with a
 *    `requestId`; the host answers each with exactly one reply carrying the same id, or
 *    with `requestFailed`.
 * 4. Either side sends notifications at any time after `init`.
 */
import type { ParamValue, RunStatus, StoredMetric } from '../../runlog/events';

/** Bumped on any incompatible change; both sides check it in the handshake. */
export const COMPARE_PROTOCOL_VERSION = 1;

/** A number on the wire: finite numbers as themselves, the others as strings. */
export type WireNumber = StoredMetric;

/** A run's summary of one metric, as the index keeps it. */
export interface MetricSummary {
  last: WireNumber;
  min: WireNumber;
  max: WireNumber;
  /** The step of the last value. */
  step: number;
  count: number;
}

/** The git state a run started from. */
export interface GitSummary {
  commit: string;
  branch: string | null;
  dirty: boolean;
}

/** One run as the webview sees it: the CLI's JSON run shape plus `env`. */
export interface RunSummary {
  id: string;
  name: string;
  experiment: string;
  status: RunStatus;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601, or null while the run has not ended. */
  endedAt: string | null;
  exitCode: number | null;
  /** The tracked command's argv, or null for a run started from an SDK. */
  command: string[] | null;
  params: Record<string, ParamValue>;
  tags: Record<string, string>;
  metrics: Record<string, MetricSummary>;
  git: GitSummary | null;
  /** The allowlisted, redacted environment recorded at start. */
  env: Record<string, string>;
}

/** Points of one series in columns: point i is (steps[i], times[i], values[i]). */
export interface SeriesPoints {
  steps: number[];
  /** Unix seconds. */
  times: number[];
  values: WireNumber[];
}

/** One run's points for one metric key, ordered by step. */
export interface RunSeries extends SeriesPoints {
  runId: string;
  /** True when min/max buckets stand in for more points than were sent. */
  downsampled: boolean;
}

/** An inclusive range of steps. */
export interface StepRange {
  fromStep: number;
  toStep: number;
}

/** What a table column shows. Attribute keys are the query language's attribute names. */
export type ColumnKind = 'attribute' | 'param' | 'tag' | 'metric';

/** The attributes a table can show and sort by. */
export const ATTRIBUTE_KEYS = [
  'name',
  'experiment',
  'status',
  'started',
  'duration',
  'id',
] as const;

/** One of {@link ATTRIBUTE_KEYS}. */
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

/** A column of the runs table; metric columns show the metric's last value. */
export interface ColumnRef {
  kind: ColumnKind;
  key: string;
}

/** A column offered by the host for the current filter. */
export interface TableColumn extends ColumnRef {
  /** False when every run in the filtered set has the same value (or none). */
  differs: boolean;
}

/** A sort order of the runs table. */
export interface TableSort {
  column: ColumnRef;
  descending: boolean;
}

/** Why a filter did not parse, with where. */
export interface FilterError {
  message: string;
  /** 0-based character offset into the filter text. */
  position: number;
}

/** The documents that the native diff editor can compare for two runs. */
export type DiffDocument = 'patch' | 'config' | 'stdout';

/** The views of the panel. */
export type CompareTab = 'charts' | 'table' | 'diff' | 'params';

/** What the charts' x axis shows. */
export type XAxisMode = 'step' | 'wallTime' | 'relativeTime';

/** How a group's band spreads around its mean. */
export type BandKind = 'minMax' | 'std';

// Webview → host.

/** First message of the webview, once its script has loaded. */
export interface ReadyMessage {
  type: 'ready';
  protocolVersion: number;
}

/**
 * Asks for one metric of several runs. The host sends every point in range when there are at
 * most `points` of them, and otherwise min/max buckets of at most `points` points.
 */
export interface SeriesRequest {
  type: 'getSeries';
  requestId: number;
  key: string;
  runIds: string[];
  /** The budget: about two points per horizontal pixel of the chart. */
  points: number;
  /** Present after a zoom: only this range, at full resolution if it fits the budget. */
  range?: StepRange;
}

/** Asks for a window of the runs table: the filtered, sorted runs from `offset`. */
export interface TableRowsRequest {
  type: 'getTableRows';
  requestId: number;
  offset: number;
  limit: number;
  /** In the query language; empty for all runs. */
  filter: string;
  sort: TableSort | null;
}

/** Asks the host to save a file through a save dialog. */
export interface ExportRequest {
  type: 'export';
  requestId: number;
  format: 'csv' | 'png';
  suggestedName: string;
  /** CSV text, or a PNG in base64. */
  content: string;
}

/** The user changed the selection in the webview; the host must not echo it back. */
export interface WebviewSelectionChanged {
  type: 'selectionChanged';
  runIds: string[];
}

/** Asks the host to open VS Code's diff editor on a document of two runs. */
export interface OpenDiffMessage {
  type: 'openDiff';
  document: DiffDocument;
  leftRunId: string;
  rightRunId: string;
}

/** Something the host's log should keep, since the webview has no console in the product. */
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A message that expects a reply. */
export type WebviewRequest = SeriesRequest | TableRowsRequest | ExportRequest;

/** Anything the webview sends. */
export type WebviewMessage =
  ReadyMessage | WebviewRequest | WebviewSelectionChanged | OpenDiffMessage | LogMessage;

// Host → webview.

/** The answer to `ready`: what to show first. */
export interface InitMessage {
  type: 'init';
  protocolVersion: number;
  /** The selected runs, in the explorer's order. */
  runs: RunSummary[];
}

/** The selection changed outside the webview, for example in the explorer. */
export interface HostSelectionChanged {
  type: 'selectionChanged';
  runs: RunSummary[];
}

/** Summaries of selected runs changed (status, new metrics); replace them by id. */
export interface RunsUpdatedMessage {
  type: 'runsUpdated';
  runs: RunSummary[];
}

/** New points of a live run, after the last point already sent for that run and key. */
export interface PointsAppendedMessage {
  type: 'pointsAppended';
  runId: string;
  key: string;
  points: SeriesPoints;
}

/** The index changed; table windows already fetched may be stale. */
export interface TableInvalidatedMessage {
  type: 'tableInvalidated';
}

/** The reply to {@link SeriesRequest}: one entry per requested run that has the key. */
export interface SeriesReply {
  type: 'series';
  requestId: number;
  key: string;
  series: RunSeries[];
}

/** The reply to {@link TableRowsRequest}. */
export interface TableRowsReply {
  type: 'tableRows';
  requestId: number;
  /** How many runs pass the filter. */
  total: number;
  offset: number;
  rows: RunSummary[];
  /** Every column that the filtered runs have. */
  columns: TableColumn[];
  /** Set when the filter did not parse; `total` and `rows` are then empty. */
  filterError: FilterError | null;
}

/** The reply to {@link ExportRequest}. */
export interface ExportReply {
  type: 'exported';
  requestId: number;
  /** False when the user cancelled the save dialog. */
  saved: boolean;
}

/** A request could not be answered; `message` is one sentence a person can act on. */
export interface RequestFailedMessage {
  type: 'requestFailed';
  requestId: number;
  message: string;
}

/** The reply type for each request type. */
export interface RequestReplies {
  getSeries: SeriesReply;
  getTableRows: TableRowsReply;
  export: ExportReply;
}

/** The type of the reply to each request type, for matching replies to requests. */
export const REPLY_TYPES: { [K in keyof RequestReplies]: RequestReplies[K]['type'] } = {
  getSeries: 'series',
  getTableRows: 'tableRows',
  export: 'exported',
};

/** A reply to a request. */
export type HostReply = RequestReplies[keyof RequestReplies] | RequestFailedMessage;

/** Anything the host sends. */
export type HostMessage =
  | InitMessage
  | HostSelectionChanged
  | RunsUpdatedMessage
  | PointsAppendedMessage
  | TableInvalidatedMessage
  | HostReply;

// Saved UI state.

/** Bumped when {@link CompareUiState} changes shape; older states are then dropped. */
export const UI_STATE_VERSION = 1;

/**
 * What `getState`/`setState` keep, and what the panel serializer restores from. Only UI
 * state: run data is always fetched again from the index.
 */
export interface CompareUiState {
  version: typeof UI_STATE_VERSION;
  selection: string[];
  tab: CompareTab;
  charts: {
    xAxis: XAxisMode;
    /** The EMA weight, 0 (off) to 0.99. */
    smoothing: number;
    logScale: boolean;
    /** A param key whose values group runs into mean bands, or null. */
    groupBy: string | null;
    band: BandKind;
  };
  table: {
    filter: string;
    sort: TableSort | null;
    /** Ids from {@link columnId}. */
    hiddenColumns: string[];
    onlyDiffering: boolean;
  };
  diff: { onlyDifferences: boolean };
  params: {
    scatterParam: string | null;
    metric: string | null;
    axes: string[];
  };
}

/** The state of a panel opened for the first time on `selection`. */
export function defaultUiState(selection: string[] = []): CompareUiState {
  return {
    version: UI_STATE_VERSION,
    selection,
    tab: 'charts',
    charts: { xAxis: 'step', smoothing: 0.6, logScale: false, groupBy: null, band: 'minMax' },
    table: { filter: '', sort: null, hiddenColumns: [], onlyDiffering: false },
    diff: { onlyDifferences: true },
    params: { scatterParam: null, metric: null, axes: [] },
  };
}

/** A column's stable id, for saved state and DOM keys. */
export function columnId(column: ColumnRef): string {
  return `${column.kind}:${column.key}`;
}

const QUERY_PREFIX: Record<Exclude<ColumnKind, 'attribute'>, string> = {
  param: 'params',
  tag: 'tags',
  metric: 'metrics',
};

/** The column's key in the query language, with backticks around keys that need them. */
export function columnQueryKey(column: ColumnRef): string {
  if (column.kind === 'attribute') {
    return column.key;
  }

  const plain = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(column.key);
  const key = plain ? column.key : '`' + column.key.replace(/`/g, '``') + '`';
  return `${QUERY_PREFIX[column.kind]}.${key}`;
}

/** The points budget for a chart `cssPixels` wide: about two points per pixel. */
export function pointsBudget(cssPixels: number): number {
  return Math.max(64, Math.round(cssPixels * 2));
}
