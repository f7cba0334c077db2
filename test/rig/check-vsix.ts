/**
 * Checks the packaged extension as a user gets it: installs the .vsix into a fresh code-server
 * with `--install-extension`, then runs the installed-extension suite there (without the
 * repository in development mode), which activates it.
 *
 * Usage: node out/test/rig/check-vsix.js [path/to/labbook-<version>.vsix]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { codeServerArguments, prepareDataDir } from './code-server';
import { messageOf, runAsMain, withTemporaryFolder } from './main-process';
import { ensureRigInstalled, projectRoot, type RigPaths } from './rig-install';
import { exitCodes, runSuiteInCodeServer } from './suite-runner';

interface Manifest {
  name: string;
  publisher: string;
  version: string;
}

function codeServerCommand(paths: RigPaths, dataDir: string, args: string[]): string {
  const result = spawnSync(paths.codeServer, [...codeServerArguments(dataDir), ...args], {
    encoding: 'utf8',
  });
  const printed = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`code-server ${args.join(' ')} exited with ${result.status}:\n${printed}`);
  }

  return printed;
}

/**
 * The workbench runs extension tests only in development mode, so it gets an extension that
 * contributes nothing to develop, and Labbook itself comes from the installed .vsix.
 */
function writeHarness(dataDir: string): string {
  const folder = join(dataDir, 'test-harness');
  mkdirSync(folder);
  const harness = {
    name: 'vsix-check-harness',
    publisher: 'labbook-test',
    version: '0.0.0',
    engines: { vscode: '^1.100.0' },
  };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(harness, null, 2));
  return folder;
}

async function main(): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;
  const vsix = resolve(
    process.argv[2] ?? join(projectRoot, `${manifest.name}-${manifest.version}.vsix`),
  );
  if (!existsSync(vsix)) {
    console.error(`No package at ${vsix}; run \`npm run package\` first.`);
    return exitCodes.rigFailed;
  }

  const paths = ensureRigInstalled();
  return withTemporaryFolder('labbook-vsix-', async (dataDir) => {
    prepareDataDir(dataDir);
    console.log(codeServerCommand(paths, dataDir, ['--install-extension', vsix]).trim());
    const listed = codeServerCommand(paths, dataDir, ['--list-extensions', '--show-versions']);
    const expected = `${manifest.publisher}.${manifest.name}@${manifest.version}`;
    if (!listed.split('\n').includes(expected)) {
      console.error(`After installing, code-server lists no ${expected}; it lists:\n${listed}`);
      return exitCodes.testsFailed;
    }

    console.log(`code-server lists ${expected} as installed.`);
    return runSuiteInCodeServer({
      suite: 'installed-extension',
      timeoutSeconds: 120,
      dataDir,
      developmentPath: writeHarness(dataDir),
    });
  });
}

runAsMain(main, (error) => {
  console.error(messageOf(error));
  return exitCodes.rigFailed;
});
