/** Every `labbook` subcommand, in the order `labbook --help` lists them. */
import type { CliCommand } from '../command';
import { deleteCommand, restoreCommand } from './delete';
import { diffCommand } from './diff';
import { exportCommand } from './export';
import { historyCommand } from './history';
import { ledgerCommand } from './ledger';
import { lsCommand } from './ls';
import { metricsCommand } from './metrics';
import { noteCommand } from './note';
import { rebuildCommand } from './rebuild';
import { renameCommand } from './rename';
import { reportCommand } from './report';
import { reproduceCommand } from './reproduce';
import { runCommandDefinition } from './run';
import { showCommand } from './show';
import { tagCommand } from './tag';
import { verifyCommand } from './verify';

export const commands: CliCommand[] = [
  runCommandDefinition,
  lsCommand,
  showCommand,
  diffCommand,
  metricsCommand,
  exportCommand,
  tagCommand,
  noteCommand,
  renameCommand,
  deleteCommand,
  restoreCommand,
  rebuildCommand,
  historyCommand,
  reproduceCommand,
  reportCommand,
  verifyCommand,
  ledgerCommand,
];
