/**
 * What a run's record adds up to: the state that folding its events produces
 * (fold.ts). Each value remembers the order of the event that set it, so that an
 * event read later but written earlier does not overwrite a newer value.
 */
import type { EndEvent, GitState, ParamValue } from './events';
import type { EventOrder, PointOrder } from './event-order';

/** A value with the order of the event that set it. */
export interface Ordered<T> {
  value: T;
  order: EventOrder;
}

/** What the start event says about the run; defaults until the start event is read. */
export interface StartInfo {
  /** Unix seconds. */
  time: number;
  experiment: string;
  command: string[] | null;
  cwd: string | null;
  host: string | null;
  user: string | null;
  pid: number | null;
  writer: string | null;
  versions: Record<string, string>;
  env: Record<string, string>;
  git: GitState | null;
  /** False while the state rests on defaults because no valid start event was read. */
  recorded: boolean;
}

export interface EndInfo {
  status: EndEvent['status'];
  exitCode: number | null;
  signal: string | null;
  /** Seconds from start to end. */
  duration: number;
  error: string | null;
}

export interface NoteInfo {
  text: string;
  user: string;
  decision: string | null;
}

export interface ArtifactInfo {
  name: string;
  path: string;
  sha256: string;
  size: number;
}

export interface InputInfo {
  path: string;
  sha256: string;
  size: number;
}

/** A metric's summary. `min` and `max` skip NaN, so they are null when every value is NaN. */
export interface MetricSummaryState {
  count: number;
  min: number | null;
  max: number | null;
  /** The value at the greatest step (ties: the later time, then the later event). */
  last: number;
  lastOrder: PointOrder;
}

export interface RunState {
  id: string;
  start: StartInfo;
  name: Ordered<string>;
  params: Map<string, Ordered<ParamValue>>;
  /** A null value is a removed tag, kept so that an older event cannot bring it back. */
  tags: Map<string, Ordered<string | null>>;
  notes: Ordered<NoteInfo>[];
  artifacts: Ordered<ArtifactInfo>[];
  inputs: Ordered<InputInfo>[];
  /** The latest status event: a change announced before the end, such as a stop request. */
  statusChange: Ordered<{ status: string; reason: string | null }> | null;
  end: Ordered<EndInfo> | null;
  metrics: Map<string, MetricSummaryState>;
}

const RUN_ID_TIME = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})/;

/** The start time encoded in a run id, or 0 when the id has another shape. */
export function runIdTime(id: string): number {
  const match = RUN_ID_TIME.exec(id);
  if (!match) {
    return 0;
  }

  const [year, month, day, hour, minute, second, millis] = match.slice(1).map(Number);
  const ms = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second, millis);
  return Number.isFinite(ms) ? ms / 1000 : 0;
}

/** The state of a run before any event: what a run with an unreadable start looks like. */
export function emptyRunState(id: string): RunState {
  const time = runIdTime(id);
  // Before every real event (times are Unix seconds), and JSON-safe unlike -Infinity.
  const order: EventOrder = { time: -1, file: '', seq: -1 };
  return {
    id,
    start: {
      time,
      experiment: 'Default',
      command: null,
      cwd: null,
      host: null,
      user: null,
      pid: null,
      writer: null,
      versions: {},
      env: {},
      git: null,
      recorded: false,
    },
    name: { value: id, order },
    params: new Map(),
    tags: new Map(),
    notes: [],
    artifacts: [],
    inputs: [],
    statusChange: null,
    end: null,
    metrics: new Map(),
  };
}
