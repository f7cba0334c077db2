/**
 * Where the Python SDK lives, so that `import labbook` works in a launched script without
 * an install. The launcher runs from `dist/` when bundled and from `out/src/launch/` in
 * tests, so the folder is found by walking up rather than by a fixed relative path.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder to put on PYTHONPATH, or undefined when the SDK is not shipped alongside. */
export function pythonSdkPath(start: string = __dirname): string | undefined {
  let folder = start;
  for (;;) {
    const candidate = join(folder, 'sdk', 'python');
    if (existsSync(join(candidate, 'labbook', '__init__.py'))) {
      return candidate;
    }

    const parent = dirname(folder);
    if (parent === folder) {
      return undefined;
    }

    folder = parent;
  }
}
