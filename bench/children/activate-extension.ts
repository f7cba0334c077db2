/**
 * A fresh process that loads the extension bundle with a stand-in for the `vscode`
 * module and calls `activate`, as the extension host does on start. Prints one JSON line.
 * Usage: node activate-extension.js EXTENSION_FOLDER WORKSPACE_FOLDER
 *
 * The Node built-in modules the bundle uses are loaded first and timed apart: the
 * extension host has loaded them for itself long before any extension activates, so
 * they are not the extension's cost there.
 */
import Module from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { createExtensionContext, createVscodeStandIn } from '../vscode-stand-in';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

interface Extension {
  activate(context: unknown): unknown;
}

const loadModule = Module.createRequire(__filename);

/** The built-ins the bundle requires (see the `require("node:…")` calls in it). */
const HOST_BUILTINS = [
  'node:child_process',
  'node:crypto',
  'node:fs',
  'node:os',
  'node:path',
  'node:zlib',
];

async function main(): Promise<void> {
  const [extensionFolder = '', workspaceFolder = ''] = process.argv.slice(2);
  const standIn = createVscodeStandIn(workspaceFolder);
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  loader._load = (request, parent, isMain) =>
    request === 'vscode' ? standIn : load(request, parent, isMain);

  const context = createExtensionContext(extensionFolder, join(extensionFolder, 'storage'));
  const preloading = performance.now();
  HOST_BUILTINS.forEach((name) => loadModule(name));
  const builtinsMs = performance.now() - preloading;

  const started = performance.now();
  // A dynamic require, as the extension host loads `main`: the bundle is not known at build time.
  const extension = loadModule(join(extensionFolder, 'dist', 'extension.js')) as Extension;
  const loaded = performance.now();
  await extension.activate(context);
  const activated = performance.now();

  const result = { builtinsMs, requireMs: loaded - started, activateMs: activated - loaded };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

void main();
