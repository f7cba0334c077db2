/** `labbook run`: starts a command as a tracked run and exits as the command did. */
import { resolve } from 'node:path';

import { LaunchConfigError } from '../../launch/launch-config';
import { LaunchError, launchRun, type LaunchedRun, wrapperExitCode } from '../../launch/launcher';
import { ensureStore, locateStore } from '../../store/locate';
import { type CliCommand, type CliContext, UserError } from '../command';
import { checkStorePath } from '../open-store';
import { parseRunArguments } from './run-arguments';

const USAGE = `Usage: labbook run [--name NAME] [--experiment EXP] [--param KEY=VALUE]...
                   [--tag KEY=VALUE]... [--cwd DIR] [--store DIR] [--no-capture-stdout]
                   -- COMMAND [ARGS...]

Starts COMMAND as a tracked run and exits with its exit code, or 128+N when a signal N ended
it. The store is --store, else LABBOOK_STORE, else the nearest .labbook/ upward, else a new one
in the current folder. Each --param reaches the command as the environment variable
LABBOOK_PARAM_<KEY> and as \${KEY} in its arguments.`;

/** Signals a person or a supervisor sends to stop the run; each is passed to the command. */
const RELAYED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function relaySignals(run: LaunchedRun): () => void {
  const handlers = RELAYED.map((signal) => {
    const handler = (): void => {
      void run.stop(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });

  return () => handlers.forEach((remove) => remove());
}

async function runCommand(args: string[], context: CliContext): Promise<number> {
  const parsed = parseRunArguments(args);
  const store = locateStore({ store: parsed.store, env: context.env, cwd: context.cwd });
  checkStorePath(store);
  ensureStore(store);
  // The extension's terminal is a pipe that a person watches live, so it asks for
  // unbuffered output explicitly.
  const isTerminal =
    (context.stdout as { isTTY?: boolean }).isTTY === true ||
    context.env.LABBOOK_LIVE_OUTPUT === '1';

  let run: LaunchedRun;
  try {
    run = await launchRun({
      command: parsed.command,
      store,
      cwd: resolve(context.cwd, parsed.cwd ?? '.'),
      ...(parsed.name ? { name: parsed.name } : {}),
      ...(parsed.experiment ? { experiment: parsed.experiment } : {}),
      params: parsed.params,
      tags: parsed.tags,
      captureStdout: parsed.captureStdout,
      env: context.env,
      stdin: 'inherit',
      liveOutput: isTerminal,
      onStdout: (chunk) => context.stdout.write(chunk),
      onStderr: (chunk) => context.stderr.write(chunk),
      onRecordError: (message) => context.stderr.write(`labbook: ${message}\n`),
    });
  } catch (error) {
    if (error instanceof LaunchError || error instanceof LaunchConfigError) {
      throw new UserError(error.message);
    }

    throw error;
  }

  // A reader that goes away (`labbook run … | head`) must not end the run: the command
  // goes on, and its output is still kept in the run folder.
  context.stdout.on('error', () => undefined);
  context.stderr.on('error', () => undefined);
  context.stderr.write(`labbook: run ${run.runId} started\n`);
  const removeRelay = relaySignals(run);
  try {
    const outcome = await run.outcome;
    context.stderr.write(
      `labbook: run ${run.runId} ${outcome.status} after ${outcome.duration.toFixed(1)} s\n`,
    );
    if (outcome.ledgerProblem) {
      context.stderr.write(`labbook: ${outcome.ledgerProblem}\n`);
    }

    return wrapperExitCode(outcome);
  } finally {
    removeRelay();
  }
}

/** The `run` subcommand. */
export const runCommandDefinition: CliCommand = {
  name: 'run',
  summary: 'Run a command as a tracked run (params, output, metrics, git state).',
  usage: USAGE,
  run: runCommand,
};
