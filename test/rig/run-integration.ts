/**
 * The code-server launcher of the integration suite. It exits 0 when every test passed, 1 when
 * a test failed, 2 when the suite did not finish in time and 3 when the rig could not run it.
 *
 * Usage: node out/test/rig/run-integration.js [--suite integration] [--timeout-seconds 300]
 *        [--restricted]   (opens the workspace in Restricted Mode)
 * (LABBOOK_RIG_TIMEOUT_SECONDS sets the default timeout; LABBOOK_RIG_VERBOSE=1 prints every
 * line the workbench logs.)
 */
import { messageOf, runAsMain, withTemporaryFolder } from './main-process';
import { projectRoot } from './rig-install';
import { exitCodes, runSuiteInCodeServer } from './suite-runner';

function valueOf(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): Promise<number> {
  const timeout = valueOf('--timeout-seconds') ?? process.env.LABBOOK_RIG_TIMEOUT_SECONDS ?? '300';
  return withTemporaryFolder('labbook-integration-', (dataDir) =>
    runSuiteInCodeServer({
      suite: valueOf('--suite') ?? 'integration',
      timeoutSeconds: Number(timeout),
      dataDir,
      developmentPath: projectRoot,
      restricted: process.argv.includes('--restricted'),
    }),
  );
}

runAsMain(main, (error) => {
  console.error(messageOf(error));
  return exitCodes.rigFailed;
});
