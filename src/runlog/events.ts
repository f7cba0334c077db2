/**
 * The events of a run record, as they appear on disk (docs/run-format.md).
 * Every line of a record file is one event; this module only declares their shapes.
 */

/** The record format version that this code writes and understands. */
export const FORMAT_VERSION = 1;

/**
 * The most distinct metric keys one run holds (docs/run-format.md, "Metrics"). Each key costs
 * the index a row and a series; a million of them took a catch-up minutes and gigabytes, so
 * writers refuse more, and readers leave out the keys beyond the first this many.
 */
export const MAX_METRIC_KEYS = 10_000;

/** A param or tag value as stored. Non-finite param numbers use {@link TaggedFloat}. */
export type ParamValue = number | string | boolean | null | TaggedFloat;

/** How a NaN or infinite param survives JSON, which has no such numbers. */
export interface TaggedFloat {
  $float: 'NaN' | 'Infinity' | '-Infinity';
}

/** A metric value as stored: JSON numbers, or the strings for NaN and the infinities. */
export type StoredMetric = number | 'NaN' | 'Infinity' | '-Infinity';

/** The statuses a run can end in, plus `running` and the reader-derived `crashed`. */
export type RunStatus = 'running' | 'finished' | 'failed' | 'killed' | 'crashed';

/** Fields every event carries. `hash` is added by the writer when the line is chained. */
export interface EventBase {
  /** Position in its file, from 0, without gaps. */
  seq: number;
  /** Unix time in seconds (fractional) when the event was written. */
  time: number;
}

/** Git state of the working folder when the run started. */
export interface GitState {
  commit: string;
  branch: string | null;
  remote: string | null;
  dirty: boolean;
  /** Run-folder-relative path of the dirty patch, when there is one. */
  patch?: string;
  /** SHA-256 of the patch file as written, so that a changed patch is caught. */
  patchSha256?: string;
}

/** The first event of a run's main file. */
export interface StartEvent extends EventBase {
  type: 'start';
  format: number;
  run: string;
  name: string;
  experiment: string;
  /** argv of the tracked command, or null for an SDK-only run. */
  command: string[] | null;
  cwd: string;
  host: string;
  user: string;
  pid: number;
  /** Which program owns the main file: `launcher`, `python-sdk`, `node-sdk`. */
  writer: string;
  versions?: Record<string, string>;
  env?: Record<string, string>;
  git?: GitState | null;
}

/** The first event of a secondary file: who writes it and from where. */
export interface AttachEvent extends EventBase {
  type: 'attach';
  format: number;
  run: string;
  writer: string;
  host: string;
  user: string;
  pid: number;
}

export interface ParamsEvent extends EventBase {
  type: 'params';
  params: Record<string, ParamValue>;
}

/**
 * A batch of metric rows. Row i is (steps[i], times[i], values[key][i] for each key);
 * a null value means the key was not logged in that row.
 */
export interface MetricsEvent extends EventBase {
  type: 'metrics';
  steps: number[];
  times: number[];
  values: Record<string, (StoredMetric | null)[]>;
}

/** Sets tags; a null value removes the tag. */
export interface TagsEvent extends EventBase {
  type: 'tags';
  tags: Record<string, string | null>;
  user?: string;
}

export interface ArtifactEvent extends EventBase {
  type: 'artifact';
  name: string;
  /** Run-folder-relative path of the copy. */
  path: string;
  sha256: string;
  size: number;
}

/** A file the run read, recorded so that a reproduction can check it is unchanged. */
export interface InputEvent extends EventBase {
  type: 'input';
  path: string;
  sha256: string;
  size: number;
}

export interface NoteEvent extends EventBase {
  type: 'note';
  text: string;
  user: string;
  /** Set when the note records a decision; the decision's short title. */
  decision?: string;
}

export interface RenameEvent extends EventBase {
  type: 'rename';
  name: string;
  user: string;
}

/** A change of status that is not the end, for example a stop request. */
export interface StatusEvent extends EventBase {
  type: 'status';
  status: RunStatus;
  reason?: string;
}

export interface EndEvent extends EventBase {
  type: 'end';
  status: Exclude<RunStatus, 'running' | 'crashed'>;
  exitCode: number | null;
  signal: string | null;
  /** Seconds from start to end. */
  duration: number;
  /** For a failure inside an SDK run: the traceback or stack. */
  error?: string;
}

export interface DeleteEvent extends EventBase {
  type: 'delete' | 'restore';
  user: string;
}

/** Any event this version understands. */
export type RunEvent =
  | StartEvent
  | AttachEvent
  | ParamsEvent
  | MetricsEvent
  | TagsEvent
  | ArtifactEvent
  | InputEvent
  | NoteEvent
  | RenameEvent
  | StatusEvent
  | EndEvent
  | DeleteEvent;

/** An event as it is built before the writer numbers it. */
export type NewEvent = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'seq' | 'time'> & { time?: number }
    : never
  : never;

/** The names of the event types, for validation. */
export const EVENT_TYPES: ReadonlySet<string> = new Set([
  'start',
  'attach',
  'params',
  'metrics',
  'tags',
  'artifact',
  'input',
  'note',
  'rename',
  'status',
  'end',
  'delete',
  'restore',
]);
