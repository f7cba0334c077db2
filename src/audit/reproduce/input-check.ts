/**
 * Checks the input files a run declared (`log_input`) for a reproduction: each must be
 * found with its recorded SHA-256, in the rebuilt worktree or at its recorded place.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

import { sha256File } from '../../runlog/file-hash';

/** How an input was found. */
export type InputState =
  /** In the worktree, as the commit (and patch) have it. */
  | 'in-commit'
  /** Not in the commit: the recorded file, unchanged, is linked into the worktree. */
  | 'linked'
  /** Outside the repository, unchanged, where the run read it. */
  | 'in-place'
  | 'changed'
  | 'missing';

export interface InputCheck {
  /** The path the run recorded. */
  path: string;
  sha256: string;
  state: InputState;
  /** Where the reproduction reads it. */
  at: string;
  /** The SHA-256 found, when the file is there but different. */
  found?: string;
}

/** Whether `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function hashOf(path: string): string | undefined {
  return existsSync(path) ? sha256File(path).sha256 : undefined;
}

/**
 * Checks one input. `repoTop` is the original clone and `worktree` the rebuilt one; an
 * input inside the clone is looked for at the same place in the worktree, and linked in
 * from the clone when the commit does not hold it (data is rarely committed).
 */
export function checkInput(
  input: { path: string; sha256: string },
  repoTop: string,
  worktree: string,
): InputCheck {
  const { path, sha256 } = input;
  if (!isInside(path, repoTop)) {
    const found = hashOf(path);
    const state = found === sha256 ? 'in-place' : found === undefined ? 'missing' : 'changed';
    return { path, sha256, state, at: path, ...(state === 'changed' ? { found } : {}) };
  }

  const at = join(worktree, relative(repoTop, path));
  const inWorktree = hashOf(at);
  if (inWorktree !== undefined) {
    return inWorktree === sha256
      ? { path, sha256, state: 'in-commit', at }
      : { path, sha256, state: 'changed', at, found: inWorktree };
  }

  const original = hashOf(path);
  if (original === undefined) {
    return { path, sha256, state: 'missing', at };
  }

  if (original !== sha256) {
    return { path, sha256, state: 'changed', at: path, found: original };
  }

  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(path, at);
  return { path, sha256, state: 'linked', at };
}

/** A sentence about an input that stops the reproduction, or undefined when it is fine. */
export function inputProblem(check: InputCheck): string | undefined {
  if (check.state === 'missing') {
    return (
      `The input ${check.path} is missing; ` +
      `put the recorded file back (sha256 ${check.sha256}).`
    );
  }

  if (check.state === 'changed') {
    return (
      `The input ${check.at} has changed since the run (sha256 ${check.found}, recorded ` +
      `${check.sha256}); restore the recorded file.`
    );
  }

  return undefined;
}
