/**
 * Finds the store a command should use: `--store`, then `LABBOOK_STORE`, then the
 * nearest `.labbook/` from the current folder upward, else a new one in the current
 * folder.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { StoreLayout, STORE_FOLDER } from './layout';

export interface LocateOptions {
  /** The `--store` flag, if given. */
  store?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Create the store's folders when they do not exist (writers do; readers need not). */
  create?: boolean;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The nearest existing store at or above `start`, if any. */
export function findStoreUpward(start: string): string | undefined {
  let folder = resolve(start);
  for (;;) {
    const candidate = join(folder, STORE_FOLDER);
    if (isDirectory(candidate)) {
      return candidate;
    }

    const parent = dirname(folder);
    if (parent === folder) {
      return undefined;
    }

    folder = parent;
  }
}

/** Resolves the store folder and, when asked, makes sure its folders exist. */
export function locateStore(options: LocateOptions = {}): StoreLayout {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.store ?? env.LABBOOK_STORE;

  const root = explicit
    ? resolve(cwd, explicit)
    : (findStoreUpward(cwd) ?? join(resolve(cwd), STORE_FOLDER));

  const layout = new StoreLayout(root);
  if (options.create) {
    ensureStore(layout);
  }

  return layout;
}

/** Creates the store's folders if they are missing. */
export function ensureStore(layout: StoreLayout): void {
  if (!existsSync(layout.runsDir)) {
    mkdirSync(layout.runsDir, { recursive: true });
  }

  if (!existsSync(layout.trashDir)) {
    mkdirSync(layout.trashDir, { recursive: true });
  }
}
