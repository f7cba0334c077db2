/**
 * Proves the code-server launcher cannot pass by accident: a suite with a failing assertion must
 * give exit code 1 (with the failure in its output), and a suite that runs out of time exit
 * code 2. Exits non-zero when the launcher gets either wrong.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { projectRoot } from './rig-install';

interface Expectation {
  name: string;
  args: string[];
  exitCode: number;
  printed: string[];
}

const launcher = join(projectRoot, 'out', 'test', 'rig', 'run-integration.js');
const failingSuite = ['--suite', 'integration/launcher-self-test'];

const expectations: Expectation[] = [
  {
    name: 'a failing assertion',
    args: failingSuite,
    exitCode: 1,
    printed: ['LABBOOK_DELIBERATE_FAILURE', '1 passing', '1 failing'],
  },
  {
    // Three seconds is less than the workbench needs to start, so the suite cannot finish.
    name: 'a suite that runs out of time',
    args: [...failingSuite, '--timeout-seconds', '3'],
    exitCode: 2,
    printed: ['did not finish within 3 s'],
  },
];

function check(expectation: Expectation): string[] {
  const result = spawnSync(process.execPath, [launcher, ...expectation.args], {
    encoding: 'utf8',
    env: { ...process.env, LABBOOK_RIG_VERBOSE: '0' },
  });
  const printed = `${result.stdout}${result.stderr}`;
  const problems: string[] = [];
  if (result.status !== expectation.exitCode) {
    problems.push(`exit code ${result.status}, expected ${expectation.exitCode}`);
  }

  for (const text of expectation.printed) {
    if (!printed.includes(text)) {
      problems.push(`no "${text}" in its output`);
    }
  }

  if (problems.length > 0) {
    console.error(`The launcher's output for ${expectation.name}:\n${printed}`);
  }

  return problems;
}

let failed = false;
for (const expectation of expectations) {
  const problems = check(expectation);
  if (problems.length === 0) {
    console.log(
      `launcher self-test: ${expectation.name} gave exit code ${expectation.exitCode}, as it must`,
    );
  } else {
    console.error(`launcher self-test FAILED for ${expectation.name}: ${problems.join('; ')}`);
    failed = true;
  }
}

process.exitCode = failed ? 1 : 0;
