/**
 * The workspace's store as the extension sees it: the sql.js index, opened only when a
 * view first needs it (activation stays cheap), kept up to date by a file-system watcher
 * (src/store/store-watcher.ts) whose events are read in batches, and saved a little after
 * each change and on shutdown.
 */
import { existsSync } from 'node:fs';

import * as vscode from 'vscode';

import type { CatchUpResult } from '../../runindex/catch-up';
import { RunIndex } from '../../runindex/run-index';
import type { StoreLayout } from '../../store/layout';
import { StoreWatcher } from '../../store/store-watcher';
import { Logger } from '../logging/logger';

const log = new Logger('store');

/**
 * Reads this long after the first file event, so that a burst is read once; a run that
 * writes without pause is still read this often, rather than only when it stops.
 */
const CATCH_UP_DELAY_MS = 250;

/** Saves the index this long after the last change; reading is cheap, writing is not. */
const PERSIST_DELAY_MS = 5_000;

/**
 * While runs are going, the store is re-read this often even without file events, so
 * that a run whose owner died quietly turns `crashed` (docs/run-format.md, liveness).
 */
const LIVENESS_INTERVAL_MS = 15_000;

/** The longest the index reads at once before letting the extension host breathe. */
const CATCH_UP_SLICE_MS = 50;

export class StoreSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CatchUpResult>();
  /** Fires after a catch-up that found something new. */
  readonly onDidChange = this.changed.event;

  private opening: Promise<RunIndex> | undefined;
  private openIndex: RunIndex | undefined;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private persistTimer: NodeJS.Timeout | undefined;
  private livenessTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly watcher: StoreWatcher;

  constructor(
    readonly layout: StoreLayout,
    private readonly wasmPath: string,
  ) {
    this.watcher = new StoreWatcher(layout, () => this.scheduleCatchUp());
    this.disposables.push(this.watcher);
  }

  /** Whether the store folder exists yet. */
  get exists(): boolean {
    return existsSync(this.layout.root);
  }

  /** The index, opened and caught up on first use. */
  index(): Promise<RunIndex> {
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<RunIndex> {
    const started = Date.now();
    const index = await RunIndex.open(this.layout, { wasmPath: this.wasmPath });
    log.info(`opened the index of ${this.layout.root} (${index.origin})`);
    this.openIndex = index;

    // Before the first read, so that a run written meanwhile is either read or reported.
    this.watcher.followRuns();
    await this.applyCatchUp(index);
    log.info(`index ready in ${Date.now() - started} ms: ${index.totals().runs} runs`);
    return index;
  }

  /** Reads what is new a little later, once for all the events until then. */
  scheduleCatchUp(): void {
    if (this.catchUpTimer) {
      return;
    }

    this.catchUpTimer = setTimeout(() => {
      // Cleared first: an event during the read schedules the next one.
      this.catchUpTimer = undefined;
      void this.catchUpNow();
    }, CATCH_UP_DELAY_MS);
  }

  /** Reads what is new now; resolves to what changed. */
  async catchUpNow(): Promise<CatchUpResult> {
    const index = await this.index();
    return this.applyCatchUp(index);
  }

  /**
   * Reads in slices of {@link CATCH_UP_SLICE_MS}, yielding between them, so that a first
   * build of a large store never blocks the extension host for long.
   */
  private async applyCatchUp(index: RunIndex): Promise<CatchUpResult> {
    const total: CatchUpResult = { added: [], updated: [], removed: [], badLines: [] };
    for (;;) {
      let slice: CatchUpResult;
      try {
        slice = index.catchUp({ budgetMs: CATCH_UP_SLICE_MS });
      } catch (error) {
        log.error(`could not read the store at ${this.layout.root}`, error);
        return total;
      }

      total.added.push(...slice.added);
      total.updated.push(...slice.updated);
      total.removed.push(...slice.removed);
      total.badLines.push(...slice.badLines);
      if (slice.complete !== false) {
        break;
      }

      await new Promise((resolve) => setImmediate(resolve));
    }

    return this.report(index, total);
  }

  private report(index: RunIndex, result: CatchUpResult): CatchUpResult {
    for (const bad of result.badLines) {
      log.warn(`skipped line ${bad.line} of ${bad.file}: ${bad.reason}`);
    }

    const count = result.added.length + result.updated.length + result.removed.length;
    if (count > 0) {
      log.debug(
        `catch-up: ${result.added.length} new, ${result.updated.length} changed, ` +
          `${result.removed.length} gone`,
      );
      this.schedulePersist();
      this.changed.fire(result);
    }

    this.watchLiveness(index);
    return result;
  }

  private watchLiveness(index: RunIndex): void {
    const running = index.countRuns({ status: 'running' }) > 0;
    if (running && !this.livenessTimer) {
      this.livenessTimer = setInterval(() => this.scheduleCatchUp(), LIVENESS_INTERVAL_MS);
    } else if (!running && this.livenessTimer) {
      clearInterval(this.livenessTimer);
      this.livenessTimer = undefined;
    }
  }

  private schedulePersist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persist(), PERSIST_DELAY_MS);
  }

  private persist(): void {
    try {
      this.openIndex?.persist();
    } catch (error) {
      log.warn(`could not save the index to ${this.layout.indexPath}: ${String(error)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.catchUpTimer);
    clearTimeout(this.persistTimer);
    clearInterval(this.livenessTimer);
    this.persist();
    this.openIndex?.close();
    this.openIndex = undefined;
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
