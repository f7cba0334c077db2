/**
 * Starts `labbook run` for a run from the editor, as a process of its own: detached into its
 * own process group, so that it outlives an extension host that dies, and the next window
 * adopts the run from the store (docs/launcher.md, "Runs started from the editor"). Free of
 * `vscode`, so a test can start it exactly as the extension does and kill the parent.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

import { secretValues } from '../../launch/environment';
import { redactCommand } from '../../launch/redaction';
import type { TrackedRunRequest } from './tracked-run-request';
import { cliArguments } from './tracked-run-request';

/** Starts `labbook run` (the CLI at `cliPath`) for the request, with piped stdio. */
export function spawnRunProcess(
  request: TrackedRunRequest,
  cliPath: string,
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliPath, ...cliArguments(request)], {
    cwd: request.cwd,
    env: {
      ...request.env,
      ELECTRON_RUN_AS_NODE: '1',
      LABBOOK_LIVE_OUTPUT: '1',
      LABBOOK_STORE: request.store,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
}

/** The command line as the log and the terminal show it: secrets in it redacted. */
export function shownCommandLine(request: Pick<TrackedRunRequest, 'command' | 'env'>): string {
  return redactCommand(request.command, secretValues(request.env)).join(' ');
}
