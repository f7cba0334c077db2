/**
 * `bundle_kb` and `activate_ms`: the production extension bundle, loaded and activated
 * cold in fresh processes against a stand-in for the `vscode` module.
 */
import { statSync } from 'node:fs';

import { runChild } from '../child-process';
import type { ProductionBuild } from '../production-build';
import { measured, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { median, rounded } from '../timing';

interface ActivateFigures {
  builtinsMs: number;
  requireMs: number;
  activateMs: number;
}

export function runExtensionSuite(
  scale: BenchScale,
  build: ProductionBuild,
  workspaceFolder: string,
): SuiteResults {
  const bundleBytes = statSync(build.extension).size;
  const starts: ActivateFigures[] = [];
  for (let start = 0; start < scale.activate.starts; start += 1) {
    starts.push(runChild<ActivateFigures>('activate-extension', [build.folder, workspaceFolder]));
  }

  const totals = starts.map((figures) => figures.requireMs + figures.activateMs);
  const requireMs = rounded(median(starts.map((figures) => figures.requireMs)));
  const activateMs = rounded(median(starts.map((figures) => figures.activateMs)));
  const builtinsMs = rounded(median(starts.map((figures) => figures.builtinsMs)));
  return {
    activate_ms: measured(
      'activate_ms',
      rounded(median(totals)),
      `require the production dist/extension.js and call activate() with a stand-in for ` +
        `vscode, workspace with a store; median of ${totals.length} fresh processes ` +
        `(require ${requireMs} ms, activate ${activateMs} ms; the Node built-ins it uses, ` +
        `which the extension host has already loaded, took another ${builtinsMs} ms)`,
      { samples: totals.map(rounded) },
    ),
    bundle_kb: measured(
      'bundle_kb',
      rounded(bundleBytes / 1024),
      'production (minified) dist/extension.js; sql-wasm.wasm and the webview bundle apart',
    ),
  };
}
