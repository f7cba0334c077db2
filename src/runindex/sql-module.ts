/**
 * Loads sql.js once per process. Its WebAssembly file sits beside the bundle in
 * `dist/` (scripts/build.mjs copies it there); compiled tests in `out/` find it in
 * node_modules instead.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import initSqlJs, { type SqlJsStatic } from 'sql.js';

const WASM_FILE = 'sql-wasm.wasm';
const modules = new Map<string, Promise<SqlJsStatic>>();

/** Where sql-wasm.wasm is: beside this bundle, else in the sql.js package. */
export function defaultWasmPath(): string {
  const besideBundle = join(__dirname, WASM_FILE);
  if (existsSync(besideBundle)) {
    return besideBundle;
  }

  return require.resolve(`sql.js/dist/${WASM_FILE}`);
}

/** The sql.js module, loaded from `wasmPath` the first time it is asked for. */
export function loadSqlJs(wasmPath: string = defaultWasmPath()): Promise<SqlJsStatic> {
  let module = modules.get(wasmPath);
  if (!module) {
    module = initSqlJs({ locateFile: () => wasmPath });
    module.catch(() => modules.delete(wasmPath));
    modules.set(wasmPath, module);
  }

  return module;
}
