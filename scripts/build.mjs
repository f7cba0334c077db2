// Bundles the extension, the CLI, the webview and the Node SDK with esbuild.
// `--watch` rebuilds on change; `--production` minifies; `--outdir DIR` writes what goes
// to dist/ into DIR instead, and nothing else (the bench measures a production bundle
// without replacing the one in dist/).
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? undefined : process.argv[outdirFlag + 1];
const dist = outdir ?? 'dist';

const nodeTarget = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  {
    ...nodeTarget,
    entryPoints: ['src/extension/extension.ts'],
    outfile: `${dist}/extension.js`,
    external: ['vscode'],
  },
  {
    ...nodeTarget,
    entryPoints: ['src/cli/main.ts'],
    outfile: `${dist}/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...nodeTarget,
    entryPoints: ['sdk/node/src/index.ts'],
    outfile: 'sdk/node/dist/index.js',
  },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
    // The codicon stylesheet is its own file: @vscode-elements links it into shadow roots.
    entryPoints: ['webview/main.ts', 'webview/codicons.css'],
    outdir: `${dist}/webview`,
    loader: { '.ttf': 'file' },
  },
]
  .filter((options) => options.entryPoints.every((entry) => existsSync(join(root, entry))))
  .filter((options) => !outdir || (options.outfile ?? options.outdir).startsWith(dist));

// sql.js loads its wasm from beside the bundle at run time.
mkdirSync(resolve(root, dist), { recursive: true });
copyFileSync(
  join(root, 'node_modules/sql.js/dist/sql-wasm.wasm'),
  resolve(root, dist, 'sql-wasm.wasm'),
);

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
