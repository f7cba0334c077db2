/** Temporary stores for tests, removed after each test that makes one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { StoreLayout } from '../../../src/store/layout';
import { ensureStore } from '../../../src/store/locate';

const made: string[] = [];

/** A new empty folder under the system's temp folder. */
export function tempFolder(prefix = 'labbook-test-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

/** A new store with its runs/ and trash/ folders, inside a new temp folder. */
export function tempStore(): StoreLayout {
  const layout = new StoreLayout(join(tempFolder(), '.labbook'));
  ensureStore(layout);
  return layout;
}

afterEach(() => {
  for (const folder of made.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});
