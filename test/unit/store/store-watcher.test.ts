import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { StoreLayout } from '../../../src/store/layout';
import { StoreWatcher } from '../../../src/store/store-watcher';
import { tempFolder } from '../helpers/temp-store';

/** Longer than any event takes to arrive here; a wait that runs out fails the test. */
const EVENT_WAIT_MS = 5_000;

/** Long enough for a stray event to arrive, for the checks that none does. */
const QUIET_WAIT_MS = 400;

/** A watcher on a store in a new folder, counting the changes it reports. */
class WatchedStore {
  readonly layout: StoreLayout;
  readonly watcher: StoreWatcher;
  changes = 0;
  private waiters: (() => void)[] = [];

  /** `before` shapes the folder before the watcher starts. */
  constructor(before?: (layout: StoreLayout) => void) {
    this.layout = new StoreLayout(join(tempFolder(), '.labbook'));
    before?.(this.layout);
    this.watcher = new StoreWatcher(this.layout, () => {
      this.changes += 1;
      for (const wake of this.waiters.splice(0)) {
        wake();
      }
    });
  }

  /**
   * Makes `change` and waits until it is reported and the store is quiet again; fails,
   * naming `what`, when no report comes.
   */
  async reported<T>(what: string, change: () => T): Promise<T> {
    const next = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no change was reported for ${what}`)),
        EVENT_WAIT_MS,
      );
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    const result = change();
    await next;
    await settle(this);
    return result;
  }

  /** Makes a run folder with its first record line in one go, as `labbook run` does. */
  makeRun(id: string): string {
    const dir = this.layout.runDir(id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'events.jsonl'), '{"seq":0}\n');
    return dir;
  }
}

const RUN_A = '20261204-000000-000-aaaaaaaa';
const RUN_B = '20261204-000000-000-bbbbbbbb';

/** Appends a record line to a run's main file, as its owner does while it trains. */
function appendLine(dir: string): void {
  appendFileSync(join(dir, 'events.jsonl'), '{"seq":1}\n');
}

/** Waits until nothing has been reported for a while, so a check starts from quiet. */
async function settle(store: WatchedStore): Promise<void> {
  for (;;) {
    const before = store.changes;
    await new Promise((resolve) => setTimeout(resolve, QUIET_WAIT_MS));
    if (store.changes === before) {
      return;
    }
  }
}

/** Makes `change` and checks that nothing is reported for a while after it. */
async function unreported(store: WatchedStore, change: () => void): Promise<void> {
  const before = store.changes;
  change();
  await new Promise((resolve) => setTimeout(resolve, QUIET_WAIT_MS));
  assert.equal(store.changes, before, 'a change that says nothing about the runs was reported');
}

describe('the store watcher', () => {
  const opened: WatchedStore[] = [];
  const watchedStore = (before?: (layout: StoreLayout) => void): WatchedStore => {
    const store = new WatchedStore(before);
    opened.push(store);
    return store;
  };

  afterEach(() => {
    for (const store of opened.splice(0)) {
      store.watcher.dispose();
    }
  });

  it('reports a store made in one go, and then appends to its first run', async () => {
    const store = watchedStore();
    store.watcher.followRuns();

    const dir = await store.reported('the new store', () => store.makeRun(RUN_A));
    await store.reported('an append to the first run', () => appendLine(dir));
  });

  it('reports edits of a run that existed before the watcher', async () => {
    const store = watchedStore((layout) => mkdirSync(layout.runDir(RUN_A), { recursive: true }));
    store.watcher.followRuns();
    await settle(store);

    await store.reported('a record file added by an edit', () =>
      appendFileSync(join(store.layout.runDir(RUN_A), 'events-cli.jsonl'), '{"seq":0}\n'),
    );
  });

  it('follows runs moved to the trash and back', async () => {
    const store = watchedStore();
    store.watcher.followRuns();
    const dir = await store.reported('the new run', () => {
      mkdirSync(store.layout.trashDir, { recursive: true });
      return store.makeRun(RUN_A);
    });

    const trashed = store.layout.trashedRunDir(RUN_A);
    await store.reported('the move to the trash', () => renameSync(dir, trashed));
    await store.reported('the move back', () => renameSync(trashed, dir));
    await store.reported('an append to the restored run', () => appendLine(dir));
  });

  it('follows a store that is deleted and made again', async () => {
    const store = watchedStore();
    store.watcher.followRuns();
    await store.reported('the first store', () => store.makeRun(RUN_A));

    await store.reported('the store removed', () => rmSync(store.layout.root, { recursive: true }));
    const dir = await store.reported('the store made again', () => store.makeRun(RUN_B));
    await store.reported('an append in the new store', () => appendLine(dir));
  });

  it('says nothing when only the index or the ledger is written', async () => {
    const store = watchedStore();
    store.watcher.followRuns();
    await store.reported('the new store', () => store.makeRun(RUN_A));

    await unreported(store, () => {
      writeFileSync(store.layout.indexPath, 'index');
      appendFileSync(store.layout.ledgerPath, '{}\n');
    });
  });

  it("says nothing when only a run's logs or heartbeat are written", async () => {
    const store = watchedStore();
    store.watcher.followRuns();
    const dir = await store.reported('the new store', () => store.makeRun(RUN_A));

    await unreported(store, () => {
      appendFileSync(join(dir, 'stdout.log'), 'epoch 1\n');
      writeFileSync(join(dir, 'heartbeat'), '');
    });
  });

  it('watches each run folder only once asked, and nothing after it is disposed', async () => {
    const store = watchedStore();
    await store.reported('two new runs', () => {
      store.makeRun(RUN_A);
      store.makeRun(RUN_B);
    });

    // The store's parent, the store and runs/.
    assert.equal(store.watcher.watchedFolders, 3);
    store.watcher.followRuns();
    assert.equal(store.watcher.watchedFolders, 5);
    store.watcher.dispose();
    assert.equal(store.watcher.watchedFolders, 0);
  });
});
