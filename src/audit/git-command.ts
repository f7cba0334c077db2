/** Runs git and keeps what it printed, for the audit commands that report git's answer. */
import { execFile } from 'node:child_process';

/** What a git command printed and how it ended. */
export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

const TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Runs `git args` in `cwd`; never rejects, so that callers can word git's failure. */
export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((done) => {
    execFile(
      'git',
      args,
      { cwd, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const reason = error && !stderr ? error.message : stderr;
        done({ ok: !error, stdout, stderr: reason.trim() });
      },
    );
  });
}

/** The last line git printed on failure, which is usually the one that says why. */
export function gitReason(result: GitResult): string {
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  return (lines.at(-1) ?? 'git failed').replace(/^(fatal|error): /, '');
}
