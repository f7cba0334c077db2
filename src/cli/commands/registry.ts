/** Every `labbook` subcommand, in the order `labbook --help` lists them. */
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
