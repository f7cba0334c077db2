/**
 * Brings the index up to date with the store: reads what is new in each run's record
 * files from the remembered byte offsets, folds it in, and stores the result. A run
 * that ended and has been quiet through a whole catch-up is "settled": later catch-ups
 * only compare its folder's mtime, which changes whenever a writer adds a record file
 * (as every edit does), so 10,000 finished runs cost about one stat each.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { applyEvent } from '../runlog/fold';
import { sortRecordFiles } from '../runlog/event-order';
import { ownerIsGone, runStatus } from '../runlog/liveness';
import {
  type BadLine,
  hasCompleteLine,
  readRecordFile,
  type ReadPosition,
  START_POSITION,
} from '../runlog/reader';
import { HEARTBEAT_FILE } from '../runlog/run-writer';
import { emptyRunState, type RunState } from '../runlog/run-state';
import { MAIN_RECORD, RECORD_FILE, runFolderNames, type StoreLayout } from '../store/layout';
import { ChunkSink } from './chunk-store';
import {
  insertRun,
  loadRun,
  type RunLocation,
  type RunPlacement,
  saveRun,
  savePlacement,
} from './run-rows';
import { RUN_TABLES } from './schema';
import type { SqlDatabase } from './sql-database';

/** What a catch-up changed, so that a view can refresh only those runs. */
export interface CatchUpResult {
  /** Runs that appeared. */
  added: string[];
  /** Runs whose record, status or place (runs/trash) changed. */
  updated: string[];
  /** Runs whose folder is gone from both `runs/` and `trash/`. */
  removed: string[];
  /** Lines skipped in this catch-up, with their file and line number. */
  badLines: BadLine[];
  /**
   * False when the time budget ran out first, and another catch-up continues the work;
   * true (or left out, in results made elsewhere) when everything was read.
   */
  complete?: boolean;
}

export interface CatchUpOptions {
  /** Unix milliseconds now; tests move the clock. */
  nowMs: number;
  /** This machine's name, for the same-host pid check. */
  host?: string;
  /**
   * Stop reading new work once this Unix millisecond has passed (checked between runs
   * and between 16 MB pieces of a file), so that a caller can keep a UI responsive.
   */
  deadlineMs?: number;
}

function pastDeadline(options: CatchUpOptions): boolean {
  return options.deadlineMs !== undefined && Date.now() > options.deadlineMs;
}

/** Read at most this much of one file at a time, to bound the events held in memory. */
const READ_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * A folder's mtime may have a coarse resolution, so a run settles only once its folder
 * has not changed for this long: a file created in the same tick is not missed.
 */
const SETTLE_AFTER_MS = 2000;

/** What every catch-up needs of each indexed run, to tell whether its folder changed. */
interface KnownFolder {
  rid: number;
  location: RunLocation;
  folderMtime: number;
  settled: boolean;
}

/** What a catch-up needs of an indexed run whose folder must be looked at again. */
interface KnownRun extends KnownFolder {
  status: string;
  ended: boolean;
  host: string | null;
  pid: number | null;
  started: number;
}

function listRunFolders(layout: StoreLayout): Map<string, RunLocation> {
  const folders = new Map<string, RunLocation>();
  // `runs/` goes last so that it wins if a half-finished move left a run in both.
  for (const location of ['trash', 'runs'] as const) {
    const parent = location === 'runs' ? layout.runsDir : layout.trashDir;
    for (const name of runFolderNames(parent)) {
      folders.set(name, location);
    }
  }

  return folders;
}

/**
 * The indexed runs' folders. Only these few columns are read for every run: on a cold
 * start with ten thousand settled runs, this query and a stat per folder are the work.
 */
function loadKnownFolders(db: SqlDatabase): Map<string, KnownFolder> {
  const known = new Map<string, KnownFolder>();
  db.each('SELECT id, rid, location, folder_mtime, settled FROM runs', [], (row) => {
    const [id, rid, location, folderMtime, settled] = row as [
      string,
      number,
      RunLocation,
      number,
      number,
    ];
    known.set(id, { rid, location, folderMtime, settled: settled === 1 });
  });
  return known;
}

/** The rest of what a catch-up needs of a run whose folder changed or has not settled. */
function loadKnownRun(db: SqlDatabase, folder: KnownFolder): KnownRun {
  const row = db.first('SELECT status, ended, host, pid, started FROM runs WHERE rid = ?', [
    folder.rid,
  ]);
  const [status, ended, host, pid, started] = row as [
    string,
    number,
    string | null,
    number | null,
    number,
  ];
  return { ...folder, status, ended: ended === 1, host, pid, started };
}

function fileSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

function deleteRun(db: SqlDatabase, rid: number): void {
  for (const table of RUN_TABLES) {
    db.run(`DELETE FROM ${table} WHERE rid = ?`, [rid]);
  }
}

function mtimeOrNull(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function loadPositions(db: SqlDatabase, rid: number): Map<string, ReadPosition> {
  const positions = new Map<string, ReadPosition>();
  db.each('SELECT name, offset, lines, last_seq FROM files WHERE rid = ?', [rid], (row) => {
    const [name, offset, lines, lastSeq] = row as [string, number, number, number];
    positions.set(name, { offset, lines, lastSeq });
  });
  return positions;
}

/** Folds one run folder's new events into the index. */
class RunIngest {
  readonly badLines: BadLine[] = [];
  private changed = false;
  private pending = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly id: string,
    private readonly dir: string,
    private readonly options: CatchUpOptions,
  ) {}

  /** Returns whether the run's record changed, or undefined when it is not visible yet. */
  run(
    location: RunLocation,
    known: KnownRun | undefined,
    folderMtime: number,
  ): boolean | undefined {
    const names = sortRecordFiles(readdirSync(this.dir).filter((name) => RECORD_FILE.test(name)));
    if (!names.includes(MAIN_RECORD)) {
      return undefined;
    }

    let positions = known ? loadPositions(this.db, known.rid) : new Map<string, ReadPosition>();
    const sizes = new Map(names.map((name) => [name, fileSize(join(this.dir, name))]));
    const offset = (name: string): number => positions.get(name)?.offset ?? 0;
    if (known && names.some((name) => (sizes.get(name) ?? 0) < offset(name))) {
      // A record file got shorter: it was replaced, so fold the run again from scratch.
      deleteRun(this.db, known.rid);
      known = undefined;
      positions = new Map();
    }

    if (!known && !hasCompleteLine(join(this.dir, MAIN_RECORD))) {
      // The owner has created the run but not finished its first line yet.
      return undefined;
    }

    const unread = names.filter((name) => (sizes.get(name) ?? 0) > offset(name));
    if (known && unread.length === 0) {
      return this.recheck(known, location, folderMtime);
    }

    const state = known ? loadRun(this.db, known.rid, this.id) : emptyRunState(this.id);
    const placement = (settled: boolean): RunPlacement => {
      const { host, pid, time } = state.start;
      const gone = !state.end && this.ownerGone(host, pid, time);
      return { status: runStatus(state, gone), location, folderMtime, settled };
    };

    const rid = known?.rid ?? insertRun(this.db, state, placement(false));
    const sink = new ChunkSink(this.db, rid, () => state.start.time);
    for (const name of unread) {
      this.readFile(rid, name, positions.get(name) ?? START_POSITION, state, sink);
    }

    sink.flush();
    const final = placement(
      state.end !== null && !this.changed && !this.pending && this.quiet(folderMtime),
    );
    if (this.changed || !known) {
      saveRun(this.db, rid, state, final);
      return true;
    }

    savePlacement(this.db, rid, final);
    return final.status !== known.status || location !== known.location;
  }

  /** With nothing new to read, only liveness, place and settledness can change. */
  private recheck(known: KnownRun, location: RunLocation, folderMtime: number): boolean {
    const gone = !known.ended && this.ownerGone(known.host, known.pid, known.started);
    const status = known.ended ? known.status : gone ? 'crashed' : 'running';
    const placement: RunPlacement = {
      status: status as RunPlacement['status'],
      location,
      folderMtime,
      settled: known.ended && this.quiet(folderMtime),
    };

    savePlacement(this.db, known.rid, placement);
    return status !== known.status || location !== known.location;
  }

  /** Whether the folder has not changed for long enough to trust its mtime. */
  private quiet(folderMtime: number): boolean {
    return this.options.nowMs - folderMtime > SETTLE_AFTER_MS;
  }

  private readFile(
    rid: number,
    name: string,
    from: ReadPosition,
    state: RunState,
    sink: ChunkSink,
  ): void {
    const path = join(this.dir, name);
    let position = from;
    for (;;) {
      const result = readRecordFile(path, position, { maxBytes: READ_BUDGET_BYTES });
      const bad = [...result.bad];
      result.events.forEach((event, at) => {
        const leftOut = applyEvent(state, event, name, sink);
        if (leftOut) {
          bad.push({ file: path, line: result.eventLines[at] as number, reason: leftOut });
        }
      });

      for (const line of bad) {
        this.db.run('INSERT INTO bad_lines VALUES (?, ?, ?, ?)', [
          rid,
          name,
          line.line,
          line.reason,
        ]);
        this.badLines.push(line);
      }

      const advanced = result.position.offset > position.offset;
      position = result.position;
      this.changed ||= advanced;
      if (!advanced || result.pendingBytes === 0 || pastDeadline(this.options)) {
        this.pending ||= result.pendingBytes > 0;
        break;
      }
    }

    if (position !== from) {
      this.db.run('INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)', [
        rid,
        name,
        position.offset,
        position.lines,
        position.lastSeq,
      ]);
    }
  }

  private ownerGone(host: string | null, pid: number | null, startedAt: number): boolean {
    const heartbeatMs = mtimeOrNull(join(this.dir, HEARTBEAT_FILE));
    return ownerIsGone(
      { host, pid, heartbeatMs, startedAt },
      this.options.nowMs,
      this.options.host,
    );
  }
}

/** Reads everything new in the store. Call inside a transaction. */
export function catchUpStore(
  db: SqlDatabase,
  layout: StoreLayout,
  options: CatchUpOptions,
): CatchUpResult {
  const result: CatchUpResult = {
    added: [],
    updated: [],
    removed: [],
    badLines: [],
    complete: true,
  };
  const folders = listRunFolders(layout);
  const known = loadKnownFolders(db);
  let ingested = 0;

  for (const [id, run] of known) {
    if (!folders.has(id)) {
      deleteRun(db, run.rid);
      result.removed.push(id);
    }
  }

  for (const [id, location] of folders) {
    const dir = join(location === 'runs' ? layout.runsDir : layout.trashDir, id);
    const folderMtime = mtimeOrNull(dir);
    const folder = known.get(id);
    if (folderMtime === null) {
      continue;
    }

    const unchanged =
      folder?.settled && folder.location === location && folder.folderMtime === folderMtime;
    if (unchanged) {
      continue;
    }

    // At least one run per catch-up, so that repeated calls always make progress.
    if (ingested > 0 && pastDeadline(options)) {
      result.complete = false;
      break;
    }

    ingested += 1;
    const previous = folder && loadKnownRun(db, folder);

    const ingest = new RunIngest(db, id, dir, options);
    let changed: boolean | undefined;
    db.run('SAVEPOINT run_ingest');
    try {
      changed = ingest.run(location, previous, folderMtime);
      db.run('RELEASE run_ingest');
    } catch (error) {
      db.run('ROLLBACK TO run_ingest');
      db.run('RELEASE run_ingest');
      // The folder moved (a delete or restore) while it was read; the next catch-up sees it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        continue;
      }

      throw error;
    }

    result.badLines.push(...ingest.badLines);
    if (changed === undefined) {
      continue;
    }

    if (!previous) {
      result.added.push(id);
    } else if (changed) {
      result.updated.push(id);
    }
  }

  return result;
}
