/**
 * The runs as the index hands them out: the run JSON shape of the CLI (issue 2), with
 * real numbers (NaN and the infinities stay numbers here; the CLI encodes them for
 * JSON as the record does).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { GitState, ParamValue, RunStatus } from '../runlog/events';
import { decodeParam } from '../runlog/numbers';
import type { BadLine } from '../runlog/reader';
import type { RunState } from '../runlog/run-state';
import type { StoreLayout } from '../store/layout';
import type { RunLocation } from './run-rows';
import { exactValues } from './run-rows';
import { type Row, type SqlDatabase } from './sql-database';
import { setOwnProperty } from '../runlog/own-property';

/** A metric's summary; `min` and `max` are null when every value was NaN. */
export interface MetricSummary {
  last: number;
  min: number | null;
  max: number | null;
  /** The step of `last`: the greatest step logged. */
  step: number;
  count: number;
}

/** A run in the shape the CLI prints with `--json`. */
export interface RunRecord {
  id: string;
  name: string;
  experiment: string;
  status: RunStatus;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  command: string[] | null;
  params: Record<string, number | string | boolean | null>;
  tags: Record<string, string>;
  metrics: Record<string, MetricSummary>;
  git: { commit: string; branch: string | null; dirty: boolean } | null;
}

export interface RunNote {
  /** ISO 8601. */
  time: string;
  user: string;
  text: string;
  decision?: string;
}

export interface RunArtifact {
  name: string;
  /** Run-folder-relative. */
  path: string;
  sha256: string;
  size: number;
}

/** Everything the index knows about one run. */
export interface RunDetail extends RunRecord {
  /** The run folder, in `runs/` or `trash/`. */
  dir: string;
  location: RunLocation;
  /** Seconds, for an ended run. */
  duration: number | null;
  host: string | null;
  user: string | null;
  cwd: string | null;
  pid: number | null;
  writer: string | null;
  env: Record<string, string>;
  versions: Record<string, string>;
  /** The full git state, including the remote and the dirty patch's path. */
  gitState: GitState | null;
  signal: string | null;
  error: string | null;
  /** The reason of the latest status event, such as a stop request. */
  statusReason: string | null;
  notes: RunNote[];
  artifacts: RunArtifact[];
  inputs: { path: string; sha256: string; size: number }[];
  /** Captured output files that exist. */
  logs: { name: string; path: string }[];
  badLines: BadLine[];
}

/** Unix seconds as ISO 8601. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function gitSummary(json: string): RunRecord['git'] {
  const git = JSON.parse(json) as GitState | null;
  return git ? { commit: git.commit, branch: git.branch ?? null, dirty: Boolean(git.dirty) } : null;
}

const BATCH = 500;

function forBatches(rids: number[], visit: (batch: number[], marks: string) => void): void {
  for (let start = 0; start < rids.length; start += BATCH) {
    const batch = rids.slice(start, start + BATCH);
    visit(batch, batch.map(() => '?').join(', '));
  }
}

/** The records of runs `rids`, in that order. */
export function loadRecords(db: SqlDatabase, rids: number[]): RunRecord[] {
  const byRid = new Map<number, RunRecord>();
  forBatches(rids, (batch, marks) => {
    const sql =
      'SELECT rid, id, name, experiment, status, started, ended_at, exit_code, command, git ' +
      `FROM runs WHERE rid IN (${marks})`;
    db.each(sql, batch, (row: Row) => {
      const [rid, id, name, experiment, status, started, endedAt, exitCode, command, git] = row;
      byRid.set(rid as number, {
        id: id as string,
        name: name as string,
        experiment: experiment as string,
        status: status as RunStatus,
        startedAt: isoTime(started as number),
        endedAt: typeof endedAt === 'number' ? isoTime(endedAt) : null,
        exitCode: typeof exitCode === 'number' ? exitCode : null,
        command: JSON.parse(command as string) as string[] | null,
        params: {},
        tags: {},
        metrics: {},
        git: gitSummary(git as string),
      });
    });

    const record = (rid: unknown): RunRecord => byRid.get(rid as number) as RunRecord;
    // In the order of the (rid, key) primary keys, so SQLite need not sort: each run's
    // keys still arrive sorted.
    db.each(
      `SELECT rid, key, value FROM params WHERE rid IN (${marks}) ORDER BY rid, key`,
      batch,
      (row) => {
        const value = decodeParam(JSON.parse(row[2] as string) as ParamValue);
        setOwnProperty(record(row[0]).params, row[1] as string, value);
      },
    );

    const tagSql =
      `SELECT rid, key, value FROM tags WHERE rid IN (${marks}) AND value IS NOT NULL ` +
      'ORDER BY rid, key';
    db.each(tagSql, batch, (row) => {
      setOwnProperty(record(row[0]).tags, row[1] as string, row[2] as string);
    });

    const metricSql =
      `SELECT rid, key, count, step, exact FROM metrics WHERE rid IN (${marks}) ` +
      'ORDER BY rid, key';
    db.each(metricSql, batch, (row) => {
      const { last, min, max } = exactValues(row[4] as Uint8Array);
      const summary = { last, min, max, step: row[3] as number, count: row[2] as number };
      setOwnProperty(record(row[0]).metrics, row[1] as string, summary);
    });
  });

  return rids.map((rid) => byRid.get(rid)).filter((record) => record !== undefined);
}

type StoredDetail = Pick<
  RunState,
  'start' | 'notes' | 'artifacts' | 'inputs' | 'statusChange' | 'end'
>;

const LOG_FILES = ['stdout.log', 'stderr.log'];

/** Everything about run `rid`. */
export function loadDetail(
  db: SqlDatabase,
  layout: StoreLayout,
  rid: number,
): RunDetail | undefined {
  const [record] = loadRecords(db, [rid]);
  const row = db.first('SELECT location, duration, state FROM runs WHERE rid = ?', [rid]);
  if (!record || !row) {
    return undefined;
  }

  const location = row[0] as RunLocation;
  const dir = location === 'runs' ? layout.runDir(record.id) : layout.trashedRunDir(record.id);
  const stored = JSON.parse(row[2] as string) as StoredDetail;
  const badLines = db
    .all('SELECT file, line, reason FROM bad_lines WHERE rid = ? ORDER BY file, line', [rid])
    .map(([file, line, reason]) => ({
      file: join(dir, file as string),
      line: line as number,
      reason: reason as string,
    }));

  return {
    ...record,
    dir,
    location,
    duration: typeof row[1] === 'number' ? row[1] : null,
    host: stored.start.host,
    user: stored.start.user,
    cwd: stored.start.cwd,
    pid: stored.start.pid,
    writer: stored.start.writer,
    env: stored.start.env,
    versions: stored.start.versions,
    gitState: stored.start.git,
    signal: stored.end?.value.signal ?? null,
    error: stored.end?.value.error ?? null,
    statusReason: stored.statusChange?.value.reason ?? null,
    notes: stored.notes.map(({ value, order }) => ({
      time: isoTime(order.time),
      user: value.user,
      text: value.text,
      ...(value.decision ? { decision: value.decision } : {}),
    })),
    artifacts: stored.artifacts.map(({ value }) => value),
    inputs: stored.inputs.map(({ value }) => value),
    logs: LOG_FILES.filter((name) => existsSync(join(dir, name))).map((name) => ({
      name,
      path: join(dir, name),
    })),
    badLines,
  };
}
