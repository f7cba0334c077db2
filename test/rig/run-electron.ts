/**
 * Runs the integration suite in desktop VS Code through @vscode/test-electron, for machines that
 * can download VS Code from Microsoft (on Linux without a display, run it under xvfb-run).
 * Machines that reach only the npm registry use `npm run test:integration` (code-server).
 *
 * Usage: node out/test/rig/run-electron.js [--suite integration]
 * LABBOOK_VSCODE_VERSION picks the VS Code version (default: the newest stable).
 */
import { join } from 'node:path';

import { runTests, TestRunFailedError } from '@vscode/test-electron';

import { messageOf, runAsMain, withTemporaryFolder } from './main-process';
import { projectRoot } from './rig-install';

function main(): Promise<number> {
  const suiteIndex = process.argv.indexOf('--suite');
  const suite = suiteIndex >= 0 ? process.argv[suiteIndex + 1] : 'integration';
  return withTemporaryFolder('labbook-workspace-', (workspace) =>
    runTests({
      version: process.env.LABBOOK_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: join(projectRoot, 'out', 'test', suite, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    }),
  );
}

runAsMain(main, (error) => {
  if (error instanceof TestRunFailedError) {
    console.error(`The integration suite failed in VS Code desktop (${error.message}).`);
  } else {
    console.error(
      `The VS Code desktop tests could not run (${messageOf(error)}); ` +
        'where VS Code cannot be downloaded, use `npm run test:integration`.',
    );
  }

  return 1;
});
