/**
 * Where things live inside a `.labbook/` store (docs/run-format.md, "Store layout").
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder name of a store inside a workspace. */
export const STORE_FOLDER = '.labbook';

/** The name of a run's main record file, written by the run's owner. */
export const MAIN_RECORD = 'events.jsonl';

/** Record files are `events.jsonl` plus `events-<writer>.jsonl` for other writers. */
export const RECORD_FILE = /^events(-[A-Za-z0-9_.-]+)?\.jsonl$/;

/** The paths of one store. */
export class StoreLayout {
  constructor(readonly root: string) {}

  get runsDir(): string {
    return join(this.root, 'runs');
  }

  get trashDir(): string {
    return join(this.root, 'trash');
  }

  get indexPath(): string {
    return join(this.root, 'index.sqlite');
  }

  get configPath(): string {
    return join(this.root, 'config.json');
  }

  get ledgerPath(): string {
    return join(this.root, 'ledger.jsonl');
  }

  get launchConfigPath(): string {
    return join(this.root, 'launch.json');
  }

  runDir(id: string): string {
    return join(this.runsDir, id);
  }

  trashedRunDir(id: string): string {
    return join(this.trashDir, id);
  }
}

/**
 * The run folders in `parent` (a store's `runs/` or `trash/`): its folders, without hidden
 * ones such as a half-made move's; none when `parent` does not exist.
 */
export function runFolderNames(parent: string): string[] {
  try {
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}
