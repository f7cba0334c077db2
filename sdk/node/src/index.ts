/**
 * Labbook's Node SDK: record a run's params, metrics, tags and artifacts from a Node
 * program. Started by `labbook run` or the extension, `init()` attaches to that run through
 * LABBOOK_RUN_ID and LABBOOK_STORE; otherwise it creates a run in the nearest store. It
 * shares the record writer with the rest of Labbook and has no runtime dependencies.
 */
import { existsSync } from 'node:fs';

import { RunWriter } from '../../../src/runlog/run-writer';
import { locateStore } from '../../../src/store/locate';
import { checkMetrics, checkParams, checkTags } from './validate';

export interface InitOptions {
  name?: string;
  experiment?: string;
  params?: Record<string, number | string | boolean | null>;
  tags?: Record<string, string>;
  /** The store folder; LABBOOK_STORE or the nearest `.labbook/` by default. */
  store?: string;
}

/** A run being written by this process. */
export class Run {
  private finished = false;

  constructor(
    private readonly writer: RunWriter,
    /** Whether this process owns the run (and so records its end). */
    readonly owner: boolean,
  ) {}

  get id(): string {
    return this.writer.id;
  }

  /** The run's folder. */
  get dir(): string {
    return this.writer.dir;
  }

  /** Buffers a row of metrics; without `step`, the step counts up from the last. */
  log(values: Record<string, number>, step?: number): void {
    if (step !== undefined && !Number.isInteger(step)) {
      throw new TypeError(`The step must be an integer, not ${step}.`);
    }

    this.writer.log(checkMetrics(values), step);
  }

  logParams(params: Record<string, number | string | boolean | null>): void {
    this.writer.logParams(checkParams(params));
  }

  /** Sets tags; a null value removes the tag. */
  setTags(tags: Record<string, string | null>): void {
    this.writer.setTags(checkTags(tags));
  }

  /** Copies a file into the run and records its SHA-256; returns the copy's path. */
  logArtifact(path: string, name?: string): string {
    if (!existsSync(path)) {
      throw new RangeError(`The artifact ${path} does not exist.`);
    }

    return this.writer.logArtifact(path, name).path;
  }

  /**
   * Records a file the run reads, by absolute path and SHA-256, so that `labbook
   * reproduce` can check it is unchanged; returns the hash.
   */
  logInput(path: string): string {
    if (!existsSync(path)) {
      throw new RangeError(`The input ${path} does not exist.`);
    }

    return this.writer.logInput(path).sha256;
  }

  /** Flushes and ends the run. The owner records the end; an attached writer only closes. */
  finish(status: 'finished' | 'failed' | 'killed' = 'finished', error?: string): void {
    if (this.finished) {
      return;
    }

    this.finished = true;
    if (this.owner) {
      this.writer.end(status, error ? { error } : {});
    } else {
      if (status !== 'finished') {
        this.writer.append({ type: 'status', status, ...(error ? { reason: error } : {}) });
      }

      this.writer.close();
    }

    const problem = this.writer.ledgerProblem;
    if (problem) {
      process.emitWarning(problem, 'LabbookLedgerWarning');
    }
  }

  /** Whether the run was finished. */
  get ended(): boolean {
    return this.finished;
  }
}

let current: Run | undefined;
let hooksInstalled = false;

function installHooks(): void {
  if (hooksInstalled) {
    return;
  }

  hooksInstalled = true;
  // The monitor sees an uncaught error without changing how Node handles it.
  process.on('uncaughtExceptionMonitor', (error) => {
    current?.finish(
      'failed',
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
  });
  process.on('exit', (code) => {
    current?.finish(code === 0 ? 'finished' : 'failed');
  });
}

/** Starts or attaches to a run and makes it the current one. */
export function init(options: InitOptions = {}): Run {
  if (current && !current.ended) {
    return current;
  }

  const params = checkParams(options.params ?? {});
  const tags = checkTags(options.tags ?? {}) as Record<string, string>;
  const layout = locateStore({ store: options.store, create: true });
  const runId = process.env.LABBOOK_RUN_ID;
  if (runId && existsSync(layout.runDir(runId))) {
    if (options.experiment) {
      // The record has no event that moves a run to another experiment once it has started.
      process.emitWarning(
        `experiment "${options.experiment}" is ignored: this run was started by labbook run ` +
          'or the editor, which set its experiment; pass --experiment to labbook run instead.',
        'LabbookWarning',
      );
    }

    const writer = RunWriter.attach(layout, runId, 'node');
    if (options.name) {
      writer.rename(options.name);
    }

    if (Object.keys(params).length > 0) {
      writer.logParams(params);
    }

    if (Object.keys(tags).length > 0) {
      writer.setTags(tags);
    }

    current = new Run(writer, false);
  } else {
    const writer = RunWriter.start(layout, {
      writer: 'node-sdk',
      command: process.argv,
      ...(options.name ? { name: options.name } : {}),
      ...(options.experiment ? { experiment: options.experiment } : {}),
      params,
      tags,
      versions: { node: process.versions.node },
    });
    current = new Run(writer, true);
  }

  installHooks();
  return current;
}

function active(): Run {
  return current && !current.ended ? current : init();
}

/** Logs a row of metrics to the current run, starting one if needed. */
export function log(values: Record<string, number>, step?: number): void {
  active().log(values, step);
}

export function logParams(params: Record<string, number | string | boolean | null>): void {
  active().logParams(params);
}

export function setTags(tags: Record<string, string | null>): void {
  active().setTags(tags);
}

export function logArtifact(path: string, name?: string): string {
  return active().logArtifact(path, name);
}

/** Records a file the run reads, with its SHA-256; returns the hash. */
export function logInput(path: string): string {
  return active().logInput(path);
}

/** Ends the current run. Also happens when the process exits. */
export function finish(): void {
  current?.finish();
}
