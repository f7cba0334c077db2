/**
 * The index over a store: a sql.js database at `.labbook/index.sqlite` derived from
 * the run records. The extension, the CLI and the benchmarks use it through this class.
 *
 *     const index = await RunIndex.open(layout);
 *     const changes = index.catchUp();
 *     const runs = index.listRuns({ filter: 'metrics.loss < 0.2', sort: 'metrics.loss' });
 *     index.persist();
 *     index.close();
 *
 * It never writes the record; edits go through RunWriter, and the next catch-up reads them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import type { Database, SqlJsStatic } from 'sql.js';

import { LIKE_FUNCTION, likeMatches } from '../query/like-pattern';
import type { BadLine } from '../runlog/reader';
import type { SeriesPoints } from '../series/downsample';
import type { StoreLayout } from '../store/layout';
import { readDownsampledSeries, readSeries } from './chunk-reader';
import { type CatchUpResult, catchUpStore } from './catch-up';
import type { RunLocation } from './run-rows';
import {
  countRunIds,
  groupCounts,
  resolveRun,
  type RunGroupCount,
  type RunGrouping,
  type RunQuery,
  selectRunIds,
} from './run-queries';
import { loadDetail, loadRecords, type RunDetail, type RunRecord } from './run-records';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import { loadSqlJs } from './sql-module';
import { SqlDatabase } from './sql-database';

export interface RunIndexOptions {
  /** Where sql-wasm.wasm is; by default beside the bundle or in node_modules. */
  wasmPath?: string;
  /** Unix milliseconds now; tests move the clock to age heartbeats. */
  clock?: () => number;
  /** This machine's name for the liveness check; tests pretend to be elsewhere. */
  host?: string;
}

/** Why the index file was not used as it was. */
export type IndexOrigin = 'loaded' | 'missing' | 'corrupt' | 'other-version';

export interface SeriesOptions {
  /** Downsample to about this many points (min/max buckets); all points when left out. */
  points?: number;
  fromStep?: number;
  toStep?: number;
}

/** One metric of one run, sorted by step. */
export interface RunSeries extends SeriesPoints {
  runId: string;
  key: string;
  /** Points in the step range before downsampling. */
  total: number;
  downsampled: boolean;
}

/** Counts for a status line or the benchmark. */
export interface IndexTotals {
  runs: number;
  trashed: number;
  points: number;
  badLines: number;
}

function openDatabase(sql: SqlJsStatic, data?: Uint8Array): Database {
  const db = new sql.Database(data);
  // The file lives in memory and is saved whole by persist(): no journal file needed.
  db.run('PRAGMA journal_mode = MEMORY');
  // sql.js keeps the file in memory, but SQLite still copies each page it reads into its own
  // cache, 2 MB by default. A page of 200 runs with their params and metrics touches more
  // than that, so every listing copied the same pages again; 16 MB holds them.
  db.run('PRAGMA cache_size = -16384');
  db.create_function(LIKE_FUNCTION, likeMatches);
  return db;
}

function freshDatabase(sql: SqlJsStatic): Database {
  const db = openDatabase(sql);
  db.exec(SCHEMA_SQL);
  db.run('INSERT INTO meta VALUES (?, ?)', ['schema', String(SCHEMA_VERSION)]);
  return db;
}

function loadDatabase(sql: SqlJsStatic, path: string): { db: Database; origin: IndexOrigin } {
  let data: Uint8Array;
  try {
    data = readFileSync(path);
  } catch {
    return { db: freshDatabase(sql), origin: 'missing' };
  }

  let db: Database | undefined;
  try {
    db = openDatabase(sql, data);
    const version = db.exec("SELECT value FROM meta WHERE key = 'schema'")[0]?.values[0]?.[0];
    if (version === String(SCHEMA_VERSION)) {
      db.exec('SELECT count(*) FROM runs');
      return { db, origin: 'loaded' };
    }

    db.close();
    return { db: freshDatabase(sql), origin: 'other-version' };
  } catch {
    db?.close();
    return { db: freshDatabase(sql), origin: 'corrupt' };
  }
}

function isCorruption(error: unknown): boolean {
  return error instanceof Error && /malformed|not a database|corrupt/i.test(error.message);
}

export class RunIndex {
  private db: SqlDatabase;
  private dirty: boolean;

  private constructor(
    readonly layout: StoreLayout,
    private readonly sql: SqlJsStatic,
    db: Database,
    /** Whether the file was loaded, or why the index starts empty (and rebuilds). */
    readonly origin: IndexOrigin,
    private readonly options: RunIndexOptions,
  ) {
    this.db = new SqlDatabase(db);
    this.dirty = origin !== 'loaded';
  }

  /** Opens the store's index, starting empty when it is missing, corrupt or outdated. */
  static async open(layout: StoreLayout, options: RunIndexOptions = {}): Promise<RunIndex> {
    const sql = await loadSqlJs(options.wasmPath);
    const { db, origin } = loadDatabase(sql, layout.indexPath);
    return new RunIndex(layout, sql, db, origin, options);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /**
   * Reads what is new in the store. Returns the runs that changed and new bad lines.
   * With `budgetMs`, stops starting new work after that long and reports
   * `complete: false`; calling again continues where it stopped.
   */
  catchUp(options: { budgetMs?: number } = {}): CatchUpResult {
    const nowMs = this.now();
    const deadlineMs = options.budgetMs === undefined ? undefined : Date.now() + options.budgetMs;
    const settings = { nowMs, host: this.options.host ?? hostname(), deadlineMs };
    const changesBefore = this.db.totalChanges();
    let result: CatchUpResult;
    try {
      result = this.db.transaction(() => catchUpStore(this.db, this.layout, settings));
    } catch (error) {
      if (!isCorruption(error)) {
        throw error;
      }

      this.reset();
      result = this.db.transaction(() => catchUpStore(this.db, this.layout, settings));
    }

    // Any row written counts, such as a run that settled without changing, so that the
    // next start does not check it again.
    this.dirty ||= this.db.totalChanges() !== changesBefore;
    return result;
  }

  /** Forgets everything and reads the whole store again. */
  rebuild(): CatchUpResult {
    this.reset();
    return this.catchUp();
  }

  /**
   * Runs a query. A damaged page that neither the open nor the catch-up touched shows only
   * when a query reads it: then the index is rebuilt from the record and the query retried.
   */
  private read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      if (!isCorruption(error)) {
        throw error;
      }

      this.rebuild();
      return query();
    }
  }

  private reset(): void {
    this.db.close();
    this.db = new SqlDatabase(freshDatabase(this.sql));
    this.dirty = true;
  }

  /** The runs a query selects, in its order. */
  listRuns(query: RunQuery = {}): RunRecord[] {
    return this.read(() => loadRecords(this.db, selectRunIds(this.db, query, this.now() / 1000)));
  }

  /** How many runs a query selects, ignoring `limit` and `offset`. */
  countRuns(query: RunQuery = {}): number {
    return this.read(() => countRunIds(this.db, query, this.now() / 1000));
  }

  /** Run counts per experiment, status or tag value, for the runs a query selects. */
  groupRuns(grouping: RunGrouping, query: RunQuery = {}): RunGroupCount[] {
    return this.read(() => groupCounts(this.db, grouping, query, this.now() / 1000));
  }

  /**
   * One run by id, unique id prefix or unique name. Throws RunLookupError when none or
   * several match. `location` limits the search; by default trashed runs are not found.
   */
  getRun(reference: string, location: RunLocation | 'any' = 'runs'): RunDetail {
    return this.read(() => {
      const { rid } = resolveRun(this.db, reference, location);
      return loadDetail(this.db, this.layout, rid) as RunDetail;
    });
  }

  /** One metric for several runs (ids), downsampled or for a step range. */
  series(runIds: string[], key: string, options: SeriesOptions = {}): RunSeries[] {
    return this.read(() => this.readSeries(runIds, key, options));
  }

  private readSeries(runIds: string[], key: string, options: SeriesOptions): RunSeries[] {
    const result: RunSeries[] = [];
    for (const runId of runIds) {
      const row = this.db.first('SELECT rid FROM runs WHERE id = ?', [runId]);
      if (!row) {
        continue;
      }

      const rid = row[0] as number;
      const { points: target, fromStep, toStep } = options;
      if (target === undefined) {
        const points = readSeries(this.db, rid, key, fromStep, toStep);
        result.push({ runId, key, ...points, total: points.steps.length, downsampled: false });
        continue;
      }

      const { points, total } = readDownsampledSeries(this.db, rid, key, target, fromStep, toStep);
      result.push({ runId, key, ...points, total, downsampled: points.steps.length < total });
    }

    return result;
  }

  private distinct(sql: string, runIds?: string[]): string[] {
    const marks = runIds?.map(() => '?').join(', ');
    const scope = runIds ? `r.id IN (${marks})` : "r.location = 'runs'";
    return this.read(() =>
      this.db.all(sql.replace('$SCOPE', scope), runIds ?? []).map((row) => row[0] as string),
    );
  }

  /** The metric keys of the given runs (ids), or of every run not in the trash. */
  metricKeys(runIds?: string[]): string[] {
    const sql =
      'SELECT DISTINCT m.key FROM metrics m JOIN runs r ON r.rid = m.rid ' +
      'WHERE $SCOPE ORDER BY m.key';
    return this.distinct(sql, runIds);
  }

  /** The param keys of the given runs (ids), or of every run not in the trash. */
  paramKeys(runIds?: string[]): string[] {
    const sql =
      'SELECT DISTINCT p.key FROM params p JOIN runs r ON r.rid = p.rid ' +
      'WHERE $SCOPE ORDER BY p.key';
    return this.distinct(sql, runIds);
  }

  /** The tag keys in use, of the given runs (ids) or of every run not in the trash. */
  tagKeys(runIds?: string[]): string[] {
    const sql =
      'SELECT DISTINCT t.key FROM tags t JOIN runs r ON r.rid = t.rid ' +
      'WHERE $SCOPE AND t.value IS NOT NULL ORDER BY t.key';
    return this.distinct(sql, runIds);
  }

  /** Every bad line the index has met, with the file's current path and the line number. */
  badLines(): BadLine[] {
    return this.read(() => this.readBadLines());
  }

  private readBadLines(): BadLine[] {
    return this.db
      .all(
        'SELECT r.id, r.location, b.file, b.line, b.reason ' +
          'FROM bad_lines b JOIN runs r ON r.rid = b.rid ORDER BY r.id, b.file, b.line',
      )
      .map(([id, location, file, line, reason]) => {
        const dir =
          location === 'runs'
            ? this.layout.runDir(id as string)
            : this.layout.trashedRunDir(id as string);
        return { file: join(dir, file as string), line: line as number, reason: reason as string };
      });
  }

  /** How much the index holds. */
  totals(): IndexTotals {
    const row = this.read(() =>
      this.db.first(
        "SELECT (SELECT count(*) FROM runs WHERE location = 'runs'), " +
          "(SELECT count(*) FROM runs WHERE location = 'trash'), " +
          '(SELECT coalesce(sum(count), 0) FROM chunks), (SELECT count(*) FROM bad_lines)',
      ),
    );
    const [runs, trashed, points, badLines] = (row ?? []).map(Number);
    return { runs: runs ?? 0, trashed: trashed ?? 0, points: points ?? 0, badLines: badLines ?? 0 };
  }

  /** Whether there are changes that persist() would write. */
  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /**
   * Saves the index when it changed: to a temporary file beside it, then renamed over
   * it, so a reader never sees half a file. Does nothing while the store does not exist.
   */
  persist(): void {
    if (!this.dirty || !existsSync(this.layout.root)) {
      return;
    }

    const data = this.db.raw.export();
    const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const temporary = `${this.layout.indexPath}.${suffix}.tmp`;
    try {
      writeFileSync(temporary, data);
      renameSync(temporary, this.layout.indexPath);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }

    this.dirty = false;
  }

  /** Frees the database. The index cannot be used afterwards. */
  close(): void {
    this.db.close();
  }
}
