/**
 * Tells when anything in a store may have changed, with one non-recursive `fs.watch` per
 * folder: the store's parent, the store, `runs/`, `trash/` and, once asked, each run
 * folder in `runs/`.
 *
 * Why not VS Code's workspace watcher: when `labbook run` makes `.labbook/runs/<id>/` in
 * one go, that watcher sometimes misses `runs/` and then never reports anything beneath
 * it until the window reloads, so runs started in a terminal stayed invisible. Watching
 * each level ourselves, and adding a folder's watch before the catch-up that reads it,
 * closes that gap: a write before the watch existed is read by that catch-up, and a
 * write after it raises an event.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

import { RECORD_FILE, runFolderNames, type StoreLayout } from './layout';

/** A burst of folder changes (a sweep starting many runs) is looked at once, this late. */
const STRUCTURE_DELAY_MS = 50;

/**
 * One folder's watch, with the inode it was made on: a folder deleted and made again
 * between two looks has a new inode and needs a new watch.
 */
interface WatchedFolder {
  watcher: FSWatcher;
  inode: number | undefined;
}

/** Called after a change; also for changes the watcher cannot tell apart from none. */
export type StoreChangeListener = () => void;

export class StoreWatcher {
  private readonly watchers = new Map<string, WatchedFolder>();
  private followingRuns = false;
  private structureTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly layout: StoreLayout,
    private readonly onChange: StoreChangeListener,
  ) {
    this.syncStructure();
  }

  /**
   * Also watches every run folder, so that appends and edits to a run are seen. Costs a
   * watch per run (about 8 µs and 1.5 kB each), so a caller asks for it once it needs
   * the runs, not at start-up.
   */
  followRuns(): void {
    if (!this.followingRuns) {
      this.followingRuns = true;
      this.syncStructure();
    }
  }

  /** How many folders are watched now. */
  get watchedFolders(): number {
    return this.watchers.size;
  }

  private syncStructure(): void {
    if (this.disposed) {
      return;
    }

    // The parent stays watched, so that a store deleted and made again is followed.
    const { root, runsDir, trashDir } = this.layout;
    const wanted = new Map<string, number | undefined>([
      [dirname(root), folderInode(dirname(root))],
    ]);
    for (const folder of [root, runsDir, trashDir]) {
      const inode = folderInode(folder);
      if (inode !== undefined) {
        wanted.set(folder, inode);
      }
    }

    if (this.followingRuns && wanted.has(runsDir)) {
      for (const id of runFolderNames(runsDir)) {
        // A run folder keeps its inode while it lives, so it is not stat'ed here.
        wanted.set(this.layout.runDir(id), undefined);
      }
    }

    for (const [folder, watched] of this.watchers) {
      const inode = wanted.get(folder);
      const replaced = inode !== undefined && inode !== watched.inode;
      if (!wanted.has(folder) || replaced) {
        watched.watcher.close();
        this.watchers.delete(folder);
      }
    }

    for (const [folder, inode] of wanted) {
      if (!this.watchers.has(folder)) {
        this.watchFolder(folder, inode);
      }
    }
  }

  private watchFolder(folder: string, inode: number | undefined): void {
    const structural = this.isStructural(folder);
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (!structural) {
          // A run's logs and heartbeat change all the time and are not part of its record.
          if (name === null || RECORD_FILE.test(name.toString())) {
            this.onChange();
          }
        } else if (this.mattersTo(folder, name)) {
          this.scheduleStructureSync();
        }
      });
    } catch {
      // The folder went away between listing and watching; its parent's watch saw that.
      return;
    }

    // A watched folder that is removed ends its watch; look again at what is there.
    watcher.on('error', () => {
      watcher.close();
      if (this.watchers.get(folder)?.watcher === watcher) {
        this.watchers.delete(folder);
      }

      this.scheduleStructureSync();
    });
    this.watchers.set(folder, { watcher, inode });
  }

  /** Folders whose entries are runs or store folders, rather than a run's own files. */
  private isStructural(folder: string): boolean {
    const { root, runsDir, trashDir } = this.layout;
    return [dirname(root), root, runsDir, trashDir].includes(folder);
  }

  /** Whether an event in a structural folder can change which folders hold runs. */
  private mattersTo(folder: string, name: string | Buffer | null): boolean {
    const entry = name === null ? null : name.toString();
    if (folder === dirname(this.layout.root)) {
      return entry === null || entry === basename(this.layout.root);
    }

    if (folder === this.layout.root) {
      // The index and the ledger change here too, and say nothing about the runs.
      return entry === null || entry === 'runs' || entry === 'trash';
    }

    return true;
  }

  /** Adds and drops watches first, then reports, so the catch-up reads after the watch. */
  private scheduleStructureSync(): void {
    clearTimeout(this.structureTimer);
    this.structureTimer = setTimeout(() => {
      this.syncStructure();
      this.onChange();
    }, STRUCTURE_DELAY_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.structureTimer);
    for (const { watcher } of this.watchers.values()) {
      watcher.close();
    }

    this.watchers.clear();
  }
}

function folderInode(folder: string): number | undefined {
  const stats = statSync(folder, { throwIfNoEntry: false });
  return stats?.isDirectory() ? stats.ino : undefined;
}
