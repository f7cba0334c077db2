/**
 * Stores a folded run state in the index and loads it back, so a later catch-up can
 * keep folding new events into it. Params, tags and metric summaries get rows of
 * their own because filters and sorts search them; the rest travels as JSON.
 */
import type { ParamValue, RunStatus } from '../runlog/events';
import { decodeParam } from '../runlog/numbers';
import { recordJson } from '../runlog/record-json';
import type { MetricSummaryState, Ordered, RunState } from '../runlog/run-state';
import type { SqlDatabase } from './sql-database';

/** Where a run folder is: `runs/` or `trash/`. */
export type RunLocation = 'runs' | 'trash';

/** What the index adds to the folded state. */
export interface RunPlacement {
  status: RunStatus;
  location: RunLocation;
  folderMtime: number;
  settled: boolean;
}

type StoredState = Pick<
  RunState,
  'start' | 'name' | 'notes' | 'artifacts' | 'inputs' | 'statusChange' | 'end'
>;

/** The text a param compares as: its string, or the number or boolean written out. */
export function paramText(value: ParamValue): string | null {
  const decoded = decodeParam(value);
  return decoded === null ? null : String(decoded);
}

/** The number a param compares as, when it is one or a string that spells one. */
export function paramNumber(value: ParamValue): number | null {
  const decoded = decodeParam(value);
  if (typeof decoded === 'number') {
    return Number.isNaN(decoded) ? null : decoded;
  }

  if (typeof decoded === 'string' && decoded.trim() !== '') {
    const number = Number(decoded);
    return Number.isFinite(number) ? number : null;
  }

  return null;
}

function exactBytes(summary: MetricSummaryState): Uint8Array {
  // NaN stands for "no min/max": every value was NaN.
  const exact = new Float64Array([summary.last, summary.min ?? NaN, summary.max ?? NaN]);
  return new Uint8Array(exact.buffer);
}

/** The three floats of an exact blob, decoded into one reused buffer. */
const EXACT = new Float64Array(3);
const EXACT_BYTES = new Uint8Array(EXACT.buffer);

/** Decodes a metrics row's exact blob into last, min and max. */
export function exactValues(blob: Uint8Array): {
  last: number;
  min: number | null;
  max: number | null;
} {
  // A page of runs decodes thousands of these: copying the bytes into a standing buffer
  // costs no allocation, where a Float64Array over each blob costs one or two.
  const whole = Math.min(EXACT_BYTES.length, blob.length - (blob.length % 8));
  EXACT.fill(NaN);
  EXACT_BYTES.set(whole === blob.length ? blob : blob.subarray(0, whole));
  const [last, min, max] = [EXACT[0] as number, EXACT[1] as number, EXACT[2] as number];
  return { last, min: Number.isNaN(min) ? null : min, max: Number.isNaN(max) ? null : max };
}

/** A number for an SQL REAL column: NaN has no SQL form, so it becomes NULL. */
function sqlNumber(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}

function runColumns(state: RunState, placement: RunPlacement): (string | number | null)[] {
  const end = state.end?.value;
  return [
    state.name.value,
    state.start.experiment,
    placement.status,
    end ? 1 : 0,
    end?.exitCode ?? null,
    state.start.time,
    state.end ? state.end.order.time : null,
    end ? end.duration : null,
    state.start.host,
    state.start.pid,
    placement.location,
    placement.folderMtime,
    placement.settled ? 1 : 0,
    JSON.stringify(state.start.command),
    JSON.stringify(state.start.git),
    JSON.stringify({
      start: state.start,
      name: state.name,
      notes: state.notes,
      artifacts: state.artifacts,
      inputs: state.inputs,
      statusChange: state.statusChange,
      end: state.end,
    } satisfies StoredState),
  ];
}

const RUN_COLUMNS =
  'name, experiment, status, ended, exit_code, started, ended_at, duration, host, pid, ' +
  'location, folder_mtime, settled, command, git, state';

/** Inserts a new run row and returns its rid. */
export function insertRun(db: SqlDatabase, state: RunState, placement: RunPlacement): number {
  db.run(`INSERT INTO runs (id, ${RUN_COLUMNS}) VALUES (?${', ?'.repeat(16)})`, [
    state.id,
    ...runColumns(state, placement),
  ]);
  return db.lastInsertId();
}

function orderColumns(entry: Ordered<unknown>): (string | number)[] {
  return [entry.order.time, entry.order.file, entry.order.seq];
}

/** Writes a run's state over its rows. */
export function saveRun(
  db: SqlDatabase,
  rid: number,
  state: RunState,
  placement: RunPlacement,
): void {
  const assignments = RUN_COLUMNS.split(', ')
    .map((column) => `${column} = ?`)
    .join(', ');
  db.run(`UPDATE runs SET ${assignments} WHERE rid = ?`, [...runColumns(state, placement), rid]);

  db.run('DELETE FROM params WHERE rid = ?', [rid]);
  for (const [key, entry] of state.params) {
    db.run('INSERT INTO params VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      rid,
      key,
      // recordJson, not JSON.stringify, so that a param of -0 is read back as -0.
      recordJson(entry.value),
      paramText(entry.value),
      paramNumber(entry.value),
      ...orderColumns(entry),
    ]);
  }

  db.run('DELETE FROM tags WHERE rid = ?', [rid]);
  for (const [key, entry] of state.tags) {
    db.run('INSERT INTO tags VALUES (?, ?, ?, ?, ?, ?)', [
      rid,
      key,
      entry.value,
      ...orderColumns(entry),
    ]);
  }

  db.run('DELETE FROM metrics WHERE rid = ?', [rid]);
  for (const [key, summary] of state.metrics) {
    const order = summary.lastOrder;
    db.run('INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      rid,
      key,
      summary.count,
      sqlNumber(summary.last),
      sqlNumber(summary.min),
      sqlNumber(summary.max),
      order.step,
      exactBytes(summary),
      order.time,
      order.file,
      order.seq,
      order.row,
    ]);
  }
}

/**
 * Updates only what the index adds (status, place, settledness), when no event changed.
 * A row that already holds these values is left alone, so that an unchanged catch-up
 * writes nothing and leaves nothing to save.
 */
export function savePlacement(db: SqlDatabase, rid: number, placement: RunPlacement): void {
  db.run(
    'UPDATE runs SET status = ?1, location = ?2, folder_mtime = ?3, settled = ?4 WHERE rid = ?5 ' +
      'AND (status IS NOT ?1 OR location IS NOT ?2 OR folder_mtime IS NOT ?3 OR settled IS NOT ?4)',
    [placement.status, placement.location, placement.folderMtime, placement.settled ? 1 : 0, rid],
  );
}

/** Loads the folded state of run `rid`, to fold more events into it. */
export function loadRun(db: SqlDatabase, rid: number, id: string): RunState {
  const row = db.first('SELECT state FROM runs WHERE rid = ?', [rid]);
  const stored = JSON.parse(String(row?.[0])) as StoredState;
  const state: RunState = { id, ...stored, params: new Map(), tags: new Map(), metrics: new Map() };

  db.each('SELECT key, value, o_time, o_file, o_seq FROM params WHERE rid = ?', [rid], (param) => {
    const [key, value, time, file, seq] = param as [string, string, number, string, number];
    state.params.set(key, { value: JSON.parse(value) as ParamValue, order: { time, file, seq } });
  });

  db.each('SELECT key, value, o_time, o_file, o_seq FROM tags WHERE rid = ?', [rid], (tag) => {
    const [key, value, time, file, seq] = tag as [string, string | null, number, string, number];
    state.tags.set(key, { value, order: { time, file, seq } });
  });

  db.each(
    'SELECT key, count, step, exact, l_time, l_file, l_seq, l_row FROM metrics WHERE rid = ?',
    [rid],
    (metric) => {
      const [key, count, step, exact, time, file, seq, row] = metric as [
        string,
        number,
        number,
        Uint8Array,
        number,
        string,
        number,
        number,
      ];
      const { last, min, max } = exactValues(exact);
      state.metrics.set(key, { count, min, max, last, lastOrder: { step, time, file, seq, row } });
    },
  );

  return state;
}
