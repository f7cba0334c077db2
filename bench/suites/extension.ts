/**
 * `bundle_kb` and `activate_ms`: the production extension bundle (built into a temporary
 * folder, so dist/ keeps its development build), loaded and activated cold in fresh
 * processes against a stand-in for the `vscode` module.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { runChild } from '../child-process';
import { REPOSITORY_ROOT } from '../paths';
import { measured, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { median, rounded } from '../timing';

interface ActivateFigures {
  requireMs: number;
  activateMs: number;
}

export function runExtensionSuite(
  scale: BenchScale,
  dataFolder: string,
  workspaceFolder: string,
): SuiteResults {
  const folder = mkdtempSync(join(dataFolder, 'extension-'));
  try {
    const build = spawnSync(
      process.execPath,
      [
        join(REPOSITORY_ROOT, 'scripts', 'build.mjs'),
        '--production',
        '--outdir',
        join(folder, 'dist'),
      ],
      { cwd: REPOSITORY_ROOT, encoding: 'utf8' },
    );
    if (build.status !== 0) {
      throw new Error(`The production build failed: ${build.stderr.trim()}`);
    }

    const bundleBytes = statSync(join(folder, 'dist', 'extension.js')).size;
    const starts: ActivateFigures[] = [];
    for (let start = 0; start < scale.activate.starts; start += 1) {
      starts.push(runChild<ActivateFigures>('activate-extension', [folder, workspaceFolder]));
    }

    const totals = starts.map((figures) => figures.requireMs + figures.activateMs);
    const requireMs = rounded(median(starts.map((figures) => figures.requireMs)));
    const activateMs = rounded(median(starts.map((figures) => figures.activateMs)));
    return {
      activate_ms: measured(
        'activate_ms',
        rounded(median(totals)),
        `require the production dist/extension.js and call activate() with a stand-in for ` +
          `vscode, workspace with a store; median of ${totals.length} fresh processes ` +
          `(require ${requireMs} ms, activate ${activateMs} ms)`,
        { samples: totals.map(rounded) },
      ),
      bundle_kb: measured(
        'bundle_kb',
        rounded(bundleBytes / 1024),
        'production (minified) dist/extension.js; sql-wasm.wasm and the webview bundle apart',
      ),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
