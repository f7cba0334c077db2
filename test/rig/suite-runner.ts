/**
 * Runs an extension-host test suite in code-server's workbench, driven by headless Chromium, and
 * turns what the workbench reports into an exit code.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchChromium } from './chromium';
import { startCodeServer } from './code-server';
import { ExtensionHostLog } from './extension-host-log';
import { ensureRigInstalled, projectRoot } from './rig-install';
import { workbenchUrl } from './workbench-url';

/** The launcher's exit codes; the self-test relies on a failing test giving `testsFailed`. */
export const exitCodes = { passed: 0, testsFailed: 1, timedOut: 2, rigFailed: 3 } as const;

/** Which suite to run, and how. */
export interface SuiteOptions {
  /** A folder under out/test/ whose index.js exports `run()`. */
  suite: string;
  timeoutSeconds: number;
  /** code-server's data folder; an extension installed there is seen by the suite. */
  dataDir: string;
  /**
   * The folder of the extension to load in development mode: this repository, or, to test an
   * installed extension, an empty harness (the workbench runs tests only in development mode).
   */
  developmentPath: string;
  /** Runs the suite with the workspace in Restricted Mode. */
  restricted?: boolean;
}

type Outcome = { kind: 'exit'; code: number } | { kind: 'timeout' };

function missingInput(options: SuiteOptions): string | undefined {
  const testsEntry = join(projectRoot, 'out', 'test', options.suite, 'index.js');
  if (!existsSync(testsEntry)) {
    return `No suite at ${testsEntry}; run \`npm run compile\` first.`;
  }

  const fromSource = options.developmentPath === projectRoot;
  if (fromSource && !existsSync(join(projectRoot, 'dist', 'extension.js'))) {
    return 'dist/extension.js is missing; run `npm run build` first.';
  }

  return undefined;
}

/** Runs the suite and resolves with one of `exitCodes`, having printed why. */
export async function runSuiteInCodeServer(options: SuiteOptions): Promise<number> {
  const problem = missingInput(options);
  if (problem) {
    console.error(problem);
    return exitCodes.rigFailed;
  }

  const paths = ensureRigInstalled();
  const workspace = mkdtempSync(join(tmpdir(), 'labbook-workspace-'));
  const started = Date.now();
  const server = await startCodeServer(paths, {
    folder: workspace,
    dataDir: options.dataDir,
    restricted: options.restricted ?? false,
  });
  const browser = await launchChromium(paths).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const log = new ExtensionHostLog((line) => console.log(line));
  try {
    const page = await browser.newPage();
    let settle: (outcome: Outcome) => void = () => undefined;
    const settled = new Promise<Outcome>((resolve) => {
      settle = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      log.add(type, args);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      settle({ kind: 'exit', code });
    });
    page.on('pageerror', (error) => log.add('error', [`page error: ${error.message}`]));
    const timer = setTimeout(() => settle({ kind: 'timeout' }), options.timeoutSeconds * 1000);

    console.log(`Running out/test/${options.suite} in code-server ${paths.codeServerVersion}`);
    await page.goto(
      workbenchUrl(server.url, {
        folder: workspace,
        extensionDevelopmentPath: options.developmentPath,
        extensionTestsPath: join(projectRoot, 'out', 'test', options.suite, 'index.js'),
      }),
    );
    const outcome = await settled;
    clearTimeout(timer);
    return judge(outcome, log, options, (Date.now() - started) / 1000);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

function judge(
  outcome: Outcome,
  log: ExtensionHostLog,
  options: SuiteOptions,
  seconds: number,
): number {
  const took = `${seconds.toFixed(1)} s`;
  if (outcome.kind === 'timeout') {
    console.error(`The suite did not finish within ${options.timeoutSeconds} s.`);
    return exitCodes.timedOut;
  }

  if (outcome.code !== 0) {
    console.error(
      `The suite failed (the workbench reported exit code ${outcome.code}) after ${took}.`,
    );
    return exitCodes.testsFailed;
  }

  // A zero from the workbench alone could mean the suite never loaded its tests.
  if (log.passingCount() === 0) {
    console.error('The workbench reported success, but no passing test reached the launcher.');
    return exitCodes.testsFailed;
  }

  console.log(`The suite passed in ${took}.`);
  return exitCodes.passed;
}
