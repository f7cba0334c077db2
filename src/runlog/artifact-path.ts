/**
 * Where a logged artifact is copied to. The name is checked as text (safe-name.ts), and the
 * folders it lands in are checked on disk: a symlink planted inside the run folder must not
 * carry the copy out of it.
 */
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import { safeRelativeName } from './safe-name';

/** The run-folder-relative path and the absolute target of an artifact named `name`. */
export interface ArtifactPath {
  relative: string;
  target: string;
}

function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith(`..${sep}`) && rest !== '..' && !rest.startsWith(sep));
}

/**
 * Makes the folders of the artifact `name` in `runDir` and returns where to copy it; throws
 * a RangeError when the name or a symlink on the way would leave the run's artifacts folder.
 */
export function prepareArtifactPath(runDir: string, name: string): ArtifactPath {
  const relativePath = join('artifacts', safeRelativeName(name));
  const target = join(runDir, relativePath);
  mkdirSync(dirname(target), { recursive: true });

  const artifacts = realpathSync(join(runDir, 'artifacts'));
  const landing = realpathSync(dirname(target));
  if (!isInside(realpathSync(runDir), artifacts) || !isInside(artifacts, landing)) {
    throw new RangeError(
      `The artifact ${JSON.stringify(name)} would be written through a symlink ` +
        'out of the run folder.',
    );
  }

  if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new RangeError(
      `The artifact ${JSON.stringify(name)} is a symlink in the run folder; remove it first.`,
    );
  }

  return { relative: relativePath, target };
}
