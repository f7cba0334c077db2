/** Runs a launcher's main function and turns its outcome into the process's exit code. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Sets the exit code `main` resolves with. When it throws, `explainFailure` prints why, in a
 * sentence rather than a stack trace, and gives the exit code.
 */
export function runAsMain(
  main: () => Promise<number>,
  explainFailure: (error: unknown) => number,
): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = explainFailure(error);
    },
  );
}

/** The message of a thrown value, for a one-line report. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls `work` with a fresh temporary folder, and removes the folder afterwards. */
export async function withTemporaryFolder<T>(
  prefix: string,
  work: (folder: string) => Promise<T>,
): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
