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
import { MAIN_RECORD, RECORD_FILE, type StoreLayout } from '../store/layout';
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
}

export interface CatchUpOptions {
  /** Unix milliseconds now; tests move the clock. */
  nowMs: number;
  /** This machine's name, for the same-host pid check. */
  host?: string;
}

/** Read at most this much of one file at a time, to bound the events held in memory. */
const READ_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * A folder's mtime may have a coarse resolution, so a run settles only once its folder
 * has not changed for this long: a file created in the same tick is not missed.
 */
const SETTLE_AFTER_MS = 2000;

interface KnownRun {
  rid: number;
  location: RunLocation;
  folderMtime: number;
  settled: boolean;
  status: string;
}

function listRunFolders(layout: StoreLayout): Map<string, RunLocation> {
  const folders = new Map<string, RunLocation>();
  // `runs/` goes last so that it wins if a half-finished move left a run in both.
  for (const location of ['trash', 'runs'] as const) {
    const parent = location === 'runs' ? layout.runsDir : layout.trashDir;
    let entries;
    try {
      entries = readdirSync(parent, { withFileTypes: true });
    } catch {
      continue;
    }

    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        folders.set(entry.name, location);
      }
    }
  }

  return folders;
}

function loadKnownRuns(db: SqlDatabase): Map<string, KnownRun> {
  const known = new Map<string, KnownRun>();
  db.each('SELECT id, rid, location, folder_mtime, settled, status FROM runs', [], (row) => {
    const [id, rid, location, folderMtime, settled, status] = row as [
      string,
      number,
      RunLocation,
      number,
      number,
      string,
    ];
    known.set(id, { rid, location, folderMtime, settled: settled === 1, status });
  });
  return known;
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
    if (known && names.some((name) => this.shrank(name, positions.get(name)))) {
      // A record file got shorter: it was replaced, so fold the run again from scratch.
      deleteRun(this.db, known.rid);
      known = undefined;
      positions = new Map();
    }

    if (!known && !hasCompleteLine(join(this.dir, MAIN_RECORD))) {
      // The owner has created the run but not finished its first line yet.
      return undefined;
    }

    const state = known ? loadRun(this.db, known.rid, this.id) : emptyRunState(this.id);
    const placement = (settled: boolean): RunPlacement => ({
      status: runStatus(state, !state.end && this.ownerGone(state)),
      location,
      folderMtime,
      settled,
    });

    const rid = known?.rid ?? insertRun(this.db, state, placement(false));
    const sink = new ChunkSink(this.db, rid, () => state.start.time);
    for (const name of names) {
      this.readFile(rid, name, positions.get(name) ?? START_POSITION, state, sink);
    }

    sink.flush();
    const settled =
      state.end !== null &&
      !this.changed &&
      !this.pending &&
      this.options.nowMs - folderMtime > SETTLE_AFTER_MS;

    const final = placement(settled);
    if (this.changed || !known) {
      saveRun(this.db, rid, state, final);
      return true;
    }

    savePlacement(this.db, rid, final);
    return final.status !== known.status || location !== known.location;
  }

  private shrank(name: string, position: ReadPosition | undefined): boolean {
    const size = statSync(join(this.dir, name), { throwIfNoEntry: false })?.size ?? 0;
    return position !== undefined && size < position.offset;
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
      for (const event of result.events) {
        applyEvent(state, event, name, sink);
      }

      for (const bad of result.bad) {
        this.db.run('INSERT INTO bad_lines VALUES (?, ?, ?, ?)', [rid, name, bad.line, bad.reason]);
        this.badLines.push(bad);
      }

      const advanced = result.position.offset > position.offset;
      position = result.position;
      this.changed ||= advanced;
      if (!advanced || result.pendingBytes === 0) {
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

  private ownerGone(state: RunState): boolean {
    const { host, pid, time } = state.start;
    const sighting = {
      host,
      pid,
      heartbeatMs: mtimeOrNull(join(this.dir, HEARTBEAT_FILE)),
      startedAt: time,
    };
    return ownerIsGone(sighting, this.options.nowMs, this.options.host);
  }
}

/** Reads everything new in the store into the index. Call inside a transaction. */
export function catchUpStore(
  db: SqlDatabase,
  layout: StoreLayout,
  options: CatchUpOptions,
): CatchUpResult {
  const result: CatchUpResult = { added: [], updated: [], removed: [], badLines: [] };
  const folders = listRunFolders(layout);
  const known = loadKnownRuns(db);

  for (const [id, run] of known) {
    if (!folders.has(id)) {
      deleteRun(db, run.rid);
      result.removed.push(id);
    }
  }

  for (const [id, location] of folders) {
    const dir = join(location === 'runs' ? layout.runsDir : layout.trashDir, id);
    const folderMtime = mtimeOrNull(dir);
    const previous = known.get(id);
    if (folderMtime === null) {
      continue;
    }

    const unchanged =
      previous?.settled && previous.location === location && previous.folderMtime === folderMtime;
    if (unchanged) {
      continue;
    }

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
