/**
 * Writes one run's record: the owner's main file, or a secondary file for another
 * writer of the same run. Shared by the launcher, the Node SDK and the CLI's edits.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { MAIN_RECORD, type StoreLayout } from '../store/layout';
import { appendSeal } from '../store/ledger';
import { ensureStore } from '../store/locate';
import type { EndEvent, GitState, NewEvent } from './events';
import { FORMAT_VERSION } from './events';
import { prepareArtifactPath } from './artifact-path';
import { sha256File } from './file-hash';
import { currentHost, currentUser } from './identity';
import { MetricBuffer } from './metric-buffer';
import { encodeParam } from './numbers';
import { nowSeconds, RecordFile } from './record-file';
import { newRunId } from './run-id';
import { setOwnProperty } from './own-property';

/** The heartbeat file whose mtime the owner refreshes while the run is going. */
export const HEARTBEAT_FILE = 'heartbeat';

/** How often the owner refreshes the heartbeat (docs/run-format.md). */
export const HEARTBEAT_SECONDS = 10;

/** Buffered metric rows are written at least this often, and when this many are held. */
const FLUSH_MS = 1000;
const FLUSH_ROWS = 50_000;

export type ParamInput = Record<string, number | string | boolean | null>;

export interface StartOptions {
  id?: string;
  name?: string;
  experiment?: string;
  command?: string[] | null;
  cwd?: string;
  /** `launcher`, `node-sdk`, … */
  writer: string;
  params?: ParamInput;
  tags?: Record<string, string>;
  versions?: Record<string, string>;
  env?: Record<string, string>;
  git?: GitState | null;
  /** When the run began (Unix seconds, default now); a launcher's command starts earlier. */
  startedAt?: number;
  /** Keep timers from holding the process open (true for SDKs inside user programs). */
  unrefTimers?: boolean;
  /**
   * Told once when a write in the background (a timed flush, the heartbeat) fails, for
   * example on a full disk. By default a process warning is emitted.
   */
  onWriteError?: (error: Error) => void;
}

function encodeParams(params: ParamInput): Record<string, ReturnType<typeof encodeParam>> {
  const encoded: Record<string, ReturnType<typeof encodeParam>> = {};
  for (const [key, value] of Object.entries(params)) {
    setOwnProperty(encoded, key, encodeParam(value));
  }

  return encoded;
}

/** Names tried for an attached writer's file before giving up on random collisions. */
const ATTACH_ATTEMPTS = 8;

/**
 * Creates `events-<writer>-<pid>-<random>.jsonl`. A long-lived process (the extension
 * host) makes many edit files in one run, so the random part can repeat: try another.
 */
function createAttachedFile(dir: string, writer: string): RecordFile {
  for (let attempt = 1; ; attempt += 1) {
    const suffix = `${writer}-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      return RecordFile.create(join(dir, `events-${suffix}.jsonl`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= ATTACH_ATTEMPTS) {
        throw error;
      }
    }
  }
}

export class RunWriter {
  private readonly metrics = new MetricBuffer();
  private nextStep = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private ended = false;
  private sealError: string | undefined;
  private writeErrorReported = false;

  private constructor(
    private readonly layout: StoreLayout,
    readonly id: string,
    readonly dir: string,
    private readonly file: RecordFile,
    private readonly startedAt: number,
    private readonly onWriteError?: (error: Error) => void,
  ) {}

  /** Creates a new run folder and its main record, owned by this process. */
  static start(layout: StoreLayout, options: StartOptions): RunWriter {
    ensureStore(layout);
    const startedAt = options.startedAt ?? nowSeconds();
    const id = options.id ?? newRunId(new Date(startedAt * 1000));
    const dir = layout.runDir(id);
    // The launcher makes the folder first, so its command can start while the start
    // event is being prepared; the exclusive create of events.jsonl still admits one owner.
    mkdirSync(dir, { recursive: true });

    const file = RecordFile.create(join(dir, MAIN_RECORD));
    const writer = new RunWriter(layout, id, dir, file, startedAt, options.onWriteError);
    const events: NewEvent[] = [
      {
        type: 'start',
        time: startedAt,
        format: FORMAT_VERSION,
        run: id,
        name: options.name ?? id,
        experiment: options.experiment ?? 'Default',
        command: options.command ?? null,
        cwd: options.cwd ?? process.cwd(),
        host: currentHost(),
        user: currentUser(),
        pid: process.pid,
        writer: options.writer,
        ...(options.versions ? { versions: options.versions } : {}),
        ...(options.env ? { env: options.env } : {}),
        ...(options.git !== undefined ? { git: options.git } : {}),
      },
    ];

    if (options.params && Object.keys(options.params).length > 0) {
      events.push({ type: 'params', time: startedAt, params: encodeParams(options.params) });
    }

    if (options.tags && Object.keys(options.tags).length > 0) {
      events.push({ type: 'tags', time: startedAt, tags: options.tags });
    }

    file.append(...events);
    writer.startTimers(options.unrefTimers ?? true, true);
    return writer;
  }

  /**
   * Opens a secondary record file in an existing run, for a writer that does not own
   * the run (an SDK inside a launched command, or a CLI edit). `dir` is the run's
   * folder when it is not in `runs/`, such as a deleted run in `trash/`.
   */
  static attach(
    layout: StoreLayout,
    runId: string,
    writer: string,
    timers = true,
    dir: string = layout.runDir(runId),
  ): RunWriter {
    const file = createAttachedFile(dir, writer);
    file.append({
      type: 'attach',
      format: FORMAT_VERSION,
      run: runId,
      writer,
      host: currentHost(),
      user: currentUser(),
      pid: process.pid,
    });

    const attached = new RunWriter(layout, runId, dir, file, nowSeconds());
    if (timers) {
      attached.startTimers(true, false);
    }

    return attached;
  }

  /** The hash of the last line of this writer's file. */
  get headHash(): string {
    return this.file.headHash;
  }

  get recordPath(): string {
    return this.file.path;
  }

  private startTimers(unref: boolean, heartbeat: boolean): void {
    this.flushTimer = setInterval(() => this.flushInBackground(), FLUSH_MS);
    if (unref) {
      this.flushTimer.unref();
    }

    if (heartbeat) {
      const beat = (): void => {
        const now = new Date();
        try {
          utimesSync(join(this.dir, HEARTBEAT_FILE), now, now);
        } catch {
          try {
            writeFileSync(join(this.dir, HEARTBEAT_FILE), '');
          } catch (error) {
            this.reportWriteError(error);
          }
        }
      };

      beat();
      this.heartbeatTimer = setInterval(beat, HEARTBEAT_SECONDS * 1000);
      this.heartbeatTimer.unref();
    }
  }

  logParams(params: ParamInput): void {
    this.flush();
    this.file.append({ type: 'params', params: encodeParams(params) });
  }

  setTags(tags: Record<string, string | null>): void {
    this.flush();
    this.file.append({ type: 'tags', tags, user: currentUser() });
  }

  /** Buffers one row of metrics. Without a step, the step counts up from the last. */
  log(values: Record<string, number>, step?: number, time: number = nowSeconds()): void {
    const rowStep = step ?? this.nextStep;
    this.metrics.add(rowStep, time, values);
    this.nextStep = rowStep + 1;
    if (this.metrics.size >= FLUSH_ROWS) {
      this.flushInBackground();
    }
  }

  /**
   * Writes buffered metrics now. When the write fails (a full disk), the rows stay
   * buffered for the next flush and the error is thrown.
   */
  flush(): void {
    const batch = this.metrics.drain();
    if (!batch) {
      return;
    }

    try {
      this.file.append(batch);
    } catch (error) {
      this.metrics.restore(batch);
      throw error;
    }
  }

  /** A flush nobody waits for: a failure is reported once instead of thrown. */
  private flushInBackground(): void {
    try {
      this.flush();
    } catch (error) {
      this.reportWriteError(error);
    }
  }

  private reportWriteError(error: unknown): void {
    if (this.writeErrorReported) {
      return;
    }

    this.writeErrorReported = true;
    const reported = error instanceof Error ? error : new Error(String(error));
    if (this.onWriteError) {
      this.onWriteError(reported);
    } else {
      process.emitWarning(reported.message, 'LabbookWriteWarning');
    }
  }

  /** Copies a file into the run's artifacts and records its hash. */
  logArtifact(source: string, name?: string): { path: string; sha256: string } {
    const { relative, target } = prepareArtifactPath(
      this.dir,
      name ?? source.split(/[\\/]/).pop() ?? '',
    );
    copyFileSync(source, target);

    const { sha256, size } = sha256File(target);
    this.flush();
    this.file.append({ type: 'artifact', name: name ?? relative, path: relative, sha256, size });
    return { path: target, sha256 };
  }

  /**
   * Records a file the run read, by absolute path and hash, so that a reproduction can
   * check it is unchanged.
   */
  logInput(path: string): { sha256: string } {
    const { sha256, size } = sha256File(path);
    this.flush();
    this.file.append({ type: 'input', path: resolve(path), sha256, size });
    return { sha256 };
  }

  note(text: string, decision?: string): void {
    this.flush();
    this.file.append({
      type: 'note',
      text,
      user: currentUser(),
      ...(decision ? { decision } : {}),
    });
  }

  rename(name: string): void {
    this.file.append({ type: 'rename', name, user: currentUser() });
  }

  /** Appends any other event, for example a status change or a delete. */
  append(event: NewEvent): void {
    this.flush();
    this.file.append(event);
  }

  /**
   * Writes the end event and closes the file; returns the recorded duration in seconds.
   * Ending twice writes nothing more.
   */
  end(
    status: EndEvent['status'],
    details: { exitCode?: number | null; signal?: string | null; error?: string } = {},
  ): number {
    const duration = Math.max(0, nowSeconds() - this.startedAt);
    if (this.ended) {
      return duration;
    }

    this.ended = true;
    try {
      this.flush();
      this.file.append({
        type: 'end',
        status,
        exitCode: details.exitCode ?? null,
        signal: details.signal ?? null,
        duration,
        ...(details.error ? { error: details.error } : {}),
      });
    } finally {
      this.stopAndClose();
    }

    return duration;
  }

  /**
   * Flushes, stops the timers and closes the file, without an end event, then seals the
   * file in the store's ledger. A seal that fails leaves the record intact and is kept in
   * {@link ledgerProblem}; `labbook verify` then lists the file as unsealed.
   */
  close(): void {
    if (this.file.closed) {
      return;
    }

    try {
      this.flush();
    } finally {
      this.stopAndClose();
    }
  }

  private stopAndClose(): void {
    if (this.file.closed) {
      return;
    }

    clearInterval(this.flushTimer);
    clearInterval(this.heartbeatTimer);
    this.file.close();

    try {
      appendSeal(this.layout, {
        run: this.id,
        file: basename(this.file.path),
        lines: this.file.lines,
        bytes: this.file.bytes,
        head: this.file.headHash,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const record = this.file.path;
      this.sealError = `The record ${record} was closed but not sealed in the ledger: ${reason}`;
    }
  }

  /** Why the closed file could not be sealed in the ledger, if it could not. */
  get ledgerProblem(): string | undefined {
    return this.sealError;
  }
}
