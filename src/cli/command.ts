/**
 * The shape every `labbook` subcommand follows, so that `main.ts` only dispatches.
 */
import type { Writable } from 'node:stream';

/** What a subcommand may touch: no globals, so tests can run commands in-process. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}

export interface CliCommand {
  name: string;
  /** One line for `labbook --help`. */
  summary: string;
  /** The usage line(s), shown on `labbook <name> --help` and after a usage error. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[], context: CliContext): Promise<number>;
}

/**
 * A mistake the user can fix. `main.ts` prints its message as one sentence to stderr,
 * without a stack trace, and exits with `exitCode`.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
