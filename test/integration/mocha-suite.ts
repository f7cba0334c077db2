/**
 * Runs the mocha tests of one folder inside the extension host. Both launchers (code-server and
 * @vscode/test-electron) load an entry module whose `run()` calls this.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import Mocha from 'mocha';

/**
 * Runs every `*.test.js` directly in `folder` (not in its subfolders, which hold other suites)
 * and resolves when all pass. It rejects when a test fails or when there is no test to run, so
 * a launcher never reports success for a suite that did not run.
 */
export async function runMochaFolder(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    throw new Error(`No *.test.js files in ${folder}; run \`npm run compile\` first.`);
  }

  for (const name of files) {
    mocha.addFile(join(folder, name));
  }

  const outcome = await new Promise<{ failures: number; passes: number }>((resolve) => {
    const runner = mocha.run((failures) => {
      resolve({ failures, passes: runner.stats?.passes ?? 0 });
    });
  });
  if (outcome.failures > 0) {
    throw new Error(`${outcome.failures} integration test(s) failed.`);
  }

  if (outcome.passes === 0) {
    throw new Error(`No integration test ran in ${folder}.`);
  }
}
