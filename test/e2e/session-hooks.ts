/**
 * Mocha root hooks for the UI tests: one code-server and one Chromium for the whole run (each
 * start costs about ten seconds), on a small workspace built here, with one screenshot folder
 * per test. The workspace starts without a store; `labbook-view.test` meets it that way first
 * (.mocharc.e2e.json runs it before the others), and later suites record their own runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { Context } from 'mocha';

import type { Workbench } from './workbench';
import { openWorkbenchSession, type WorkbenchSession } from './workbench-session';

let session: WorkbenchSession | undefined;
let workspace = '';

/** The workbench the current test drives. */
export function workbench(): Workbench {
  if (!session) {
    throw new Error('The workbench session did not start; see the error of the root hook.');
  }

  return session.workbench;
}

/** The folder the workbench has open (tests add files to it). */
export function workspaceFolder(): string {
  if (!workspace) {
    throw new Error('The workspace was not made; see the error of the root hook.');
  }

  return workspace;
}

/**
 * What the workbench opens on: a training script and a README, as a newcomer has, and
 * workspace settings that show the `loss` metric beside each run in the Runs view.
 */
export const workspaceFiles: Record<string, string> = {
  'train.py': 'for epoch in range(3):\n    print("epoch", epoch)\n',
  'README.md': '# Fixture notes\n\nThe preview of this file is a webview.\n',
  '.vscode/settings.json': `${JSON.stringify({ 'labbook.keyMetric': 'loss' }, null, 2)}\n`,
};

/** Writes a file into the open workspace, making its folders; returns its path. */
export function writeWorkspaceFile(name: string, content: string): string {
  const path = join(workspaceFolder(), name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function makeWorkspace(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'labbook-e2e-workspace-')), 'experiments');
  mkdirSync(folder);
  for (const [name, content] of Object.entries(workspaceFiles)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), content);
  }

  return folder;
}

/** Mocha picks these up through `require` in .mocharc.e2e.json. */
export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(120_000);
    workspace = makeWorkspace();
    session = await openWorkbenchSession(workspace);
  },

  beforeEach(this: Context): void {
    if (session && this.currentTest) {
      session.workbench.beginTest(this.currentTest.parent?.title ?? '', this.currentTest.title);
    }
  },

  async afterEach(): Promise<void> {
    // A test that left a quick pick or menu open must not steer the next one.
    await session?.workbench.page.keyboard.press('Escape');
  },

  async afterAll(this: Context): Promise<void> {
    this.timeout(30_000);
    for (const message of session?.pageErrors ?? []) {
      console.warn(`The workbench page raised an error during the run: ${message}`);
    }

    await session?.close();
    rmSync(join(workspace, '..'), { recursive: true, force: true });
  },
};
