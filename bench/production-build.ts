/**
 * The production build (minified, as `vscode:prepublish` makes it) of the extension and
 * the CLI, built into a temporary folder so that dist/ keeps its development build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { REPOSITORY_ROOT } from './paths';

export interface ProductionBuild {
  /** Stands in for the installed extension's folder: it holds `dist/`. */
  folder: string;
  cli: string;
  extension: string;
  remove(): void;
}

export function buildProduction(dataFolder: string): ProductionBuild {
  const folder = mkdtempSync(join(dataFolder, 'production-'));
  const dist = join(folder, 'dist');
  const build = spawnSync(
    process.execPath,
    [join(REPOSITORY_ROOT, 'scripts', 'build.mjs'), '--production', '--outdir', dist],
    { cwd: REPOSITORY_ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`The production build failed: ${build.stderr.trim()}`);
  }

  return {
    folder,
    cli: join(dist, 'cli.js'),
    extension: join(dist, 'extension.js'),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
