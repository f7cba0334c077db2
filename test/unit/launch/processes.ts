/** Helpers to run the real CLI and interpreters in tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, from out/test/unit/launch. */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** The bundled CLI, built by `npm run build` before the unit tests. */
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

let pythonFound: boolean | undefined;

/** Whether python3 can be run; tests that need it skip with a message when not. */
export function hasPython(): boolean {
  if (pythonFound === undefined) {
    const probe = spawnSync('python3', ['--version']);
    pythonFound = !probe.error && probe.status === 0;
    if (!pythonFound) {
      console.warn('SKIPPED: python3 was not found, so the tests that run Python are skipped.');
    }
  }

  return pythonFound;
}

const scratchFolders: string[] = [];

/** A fresh folder for a test's store and scripts, removed when the whole run is over. */
export function scratchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'labbook-launch-'));
  scratchFolders.push(folder);
  return folder;
}

// A root hook, once after every test: a suite may share one folder across its tests.
after(() => {
  for (const folder of scratchFolders.splice(0)) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A test's own mount or a process it left may hold the folder; the system's temp
      // cleaning takes it later, and no result depends on it.
    }
  }
});

/** The environment for a child: the test's own, without a store or run inherited. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.LABBOOK_RUN_ID;
  if (!extra.LABBOOK_STORE) {
    delete env.LABBOOK_STORE;
  }

  return env;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output and resolves when it exits. */
export function completion(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Starts `labbook <args>` as a real process. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `labbook <args>` to its end. */
export function runCli(args: string[], cwd: string, env = cleanEnv()): Promise<Finished> {
  return completion(startCli(args, cwd, env));
}

/** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for a condition');
    }

    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
