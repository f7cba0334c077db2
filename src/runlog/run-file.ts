/**
 * Files a record points at inside its run folder: artifacts, the dirty patch, the logs. The
 * record and the folder are anyone's to edit (a repository can commit both), so a recorded
 * path is checked as text when it is read (`isRunRelative`) and again on disk before the file
 * is opened or shown (`runFilePath`): a symlink planted in the folder must not lead out of it.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import { hasControlCharacter } from './safe-name';

/** Whether a recorded path names something inside its run folder, as text. */
export function isRunRelative(path: string): boolean {
  if (path === '' || hasControlCharacter(path)) {
    return false;
  }

  const parts = path.split(/[\\/]/);
  const absolute = path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path);
  return !absolute && !parts.includes('..');
}

function isWithin(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !rest.startsWith(sep));
}

/**
 * The nearest part of `path` that exists, resolved through its symlinks. A symlink that
 * leads nowhere counts as existing, so resolving it throws rather than passing it by.
 */
function resolvedExisting(path: string): string {
  let existing = path;
  while (!lstatSync(existing, { throwIfNoEntry: false }) && dirname(existing) !== existing) {
    existing = dirname(existing);
  }

  return realpathSync(existing);
}

/**
 * The absolute path of `relativePath` in `runDir`, or undefined when it leads out of the
 * run folder: by `..`, by being absolute, or through a symlink on disk.
 */
export function runFilePath(runDir: string, relativePath: string): string | undefined {
  if (!isRunRelative(relativePath)) {
    return undefined;
  }

  const path = join(runDir, relativePath);
  try {
    return isWithin(realpathSync(runDir), resolvedExisting(path)) ? path : undefined;
  } catch {
    return undefined;
  }
}
