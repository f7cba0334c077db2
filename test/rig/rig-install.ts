/** Finds (and on first use installs) code-server and Chromium through scripts/rig/install.mjs. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The project's root folder, seen from the compiled file in out/test/rig/. */
export const projectRoot = resolve(__dirname, '..', '..', '..');

/** Where the rig's programs are on this machine. */
export interface RigPaths {
  codeServerVersion: string;
  codeServer: string;
  chromium: string;
}

/**
 * Runs the install script, which returns at once when everything is cached, and reads the paths
 * it prints. Throws with the script's own one-sentence reason when a step cannot work here.
 */
export function ensureRigInstalled(): RigPaths {
  const script = join(projectRoot, 'scripts', 'rig', 'install.mjs');
  const result = spawnSync(process.execPath, [script, '--json'], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(
      `The rig is not installed: scripts/rig/install.mjs exited with ${result.status}.`,
    );
  }

  const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(lastLine) as RigPaths;
}
