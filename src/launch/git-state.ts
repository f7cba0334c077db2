/**
 * The git state of the folder a run starts in: commit, branch, remote and whether the
 * working tree differs from the commit, with that difference kept as a patch. Untracked
 * files count as dirty but are not in the patch, since they may be large data.
 */
import { execFile } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';

import type { GitState } from '../runlog/events';
import { redactUrlPasswords } from './environment';

/** The run-folder-relative name of the dirty patch. */
export const PATCH_FILE = 'git.patch';

const GIT_TIMEOUT_MS = 10_000;
const MAX_PATCH_BYTES = 64 * 1024 * 1024;

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(
      'git',
      args,
      { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: MAX_PATCH_BYTES, encoding: 'utf8' },
      (error, stdout) => done(error ? undefined : stdout),
    );
  });
}

/** Git state plus the patch text, which the launcher writes into the run folder. */
export interface GitCapture {
  state: GitState | null;
  patch?: string;
}

/** Lines of `git status --porcelain` that are not inside the store itself. */
function changesOutsideStore(status: string, top: string, storeRoot: string): string[] {
  const storeInRepo = relative(top, resolve(storeRoot)).split(sep).join('/');
  const insideRepo = !storeInRepo.startsWith('..') && storeInRepo !== '';
  return status
    .split('\n')
    .filter((line) => line.length > 3)
    .filter((line) => {
      const path = line.slice(3).replace(/^"|"$/g, '');
      return !(insideRepo && (path === `${storeInRepo}/` || path.startsWith(`${storeInRepo}/`)));
    });
}

/** Reads the git state of `cwd`, or null outside a repository or without git. */
export async function captureGit(cwd: string, storeRoot: string): Promise<GitCapture> {
  const top = (await git(cwd, ['rev-parse', '--show-toplevel']))?.trim();
  if (!top) {
    return { state: null };
  }

  const [commit, branch, remote, status, patch] = await Promise.all([
    git(cwd, ['rev-parse', 'HEAD']),
    git(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    git(cwd, ['remote', 'get-url', 'origin']),
    git(cwd, ['status', '--porcelain=v1', '--untracked-files=normal']),
    git(cwd, ['diff', 'HEAD', '--binary']),
  ]);

  const dirty = changesOutsideStore(status ?? '', top, storeRoot).length > 0;
  const state: GitState = {
    commit: commit?.trim() ?? '',
    branch: branch?.trim() || null,
    remote: remote?.trim() ? redactUrlPasswords(remote.trim()) : null,
    dirty,
  };

  if (dirty && patch) {
    state.patch = PATCH_FILE;
    return { state, patch };
  }

  return { state };
}
