/** `labbook delete RUN` and `labbook restore RUN`: move a run to the trash and back. */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

import { currentUser } from '../../runlog/identity';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { writeEdit } from '../edit-run';
import { withIndex } from '../open-store';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';

const DELETE_USAGE = 'labbook delete RUN     (moves the run to the trash; "restore" undoes it)';
const RESTORE_USAGE = 'labbook restore RUN';

function moveFolder(from: string, to: string): void {
  if (existsSync(to)) {
    throw new UserError(`${to} already exists; move it away first.`, 1);
  }

  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'Move a run to the trash',
  usage: DELETE_USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, STORE_OPTION, DELETE_USAGE);
    const [reference] = positionals(parsed.positionals, ['RUN'], DELETE_USAGE) as [string];
    const run = await withIndex(parsed.values.store, context, (index, layout) => {
      const found = index.getRun(reference);
      if (found.status === 'running') {
        // Its owner still writes into the folder; moving it would break the run.
        throw new UserError(`run ${found.name} is still running; stop it before deleting it.`, 1);
      }

      writeEdit(layout, found, (writer) => writer.append({ type: 'delete', user: currentUser() }));
      moveFolder(found.dir, layout.trashedRunDir(found.id));
      return found;
    });

    context.stdout.write(
      `Moved ${run.name} (${run.id}) to the trash; "labbook restore ${run.id}" brings it back.\n`,
    );
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Bring a run back from the trash',
  usage: RESTORE_USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, STORE_OPTION, RESTORE_USAGE);
    const [reference] = positionals(parsed.positionals, ['RUN'], RESTORE_USAGE) as [string];
    const run = await withIndex(parsed.values.store, context, (index, layout) => {
      const found = index.getRun(reference, 'trash');
      writeEdit(layout, found, (writer) => writer.append({ type: 'restore', user: currentUser() }));
      moveFolder(found.dir, layout.runDir(found.id));
      return found;
    });

    context.stdout.write(`Restored ${run.name} (${run.id}).\n`);
    return 0;
  },
};
