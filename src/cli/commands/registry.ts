/** Every `labbook` subcommand, in the order `labbook --help` lists them. */
import type { CliCommand } from '../command';
import { runCommandDefinition } from './run';

export const commands: CliCommand[] = [runCommandDefinition];
