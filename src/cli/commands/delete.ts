/** `labbook delete RUN` and `labbook restore RUN`: move a run to the trash and back. */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

import { currentUser } from '../../runlog/identity';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { editRun } from '../edit-run';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';

const DELETE_USAGE = 'labbook delete RUN     (moves the run to the trash; "restore" undoes it)';
const RESTORE_USAGE = 'labbook restore RUN';

/** Refuses a move onto an existing folder, before any event is written. */
function refuseExisting(target: string): void {
  if (existsSync(target)) {
    throw new UserError(`${target} already exists; move it away first.`, 1);
  }
}

function moveFolder(from: string, to: string): void {
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
    const run = await editRun(
      {
        store: parsed.values.store,
        reference,
        location: 'runs',
        check: (found, layout) => {
          if (found.status === 'running') {
            // Its owner still writes into the folder; moving it would break the run.
            throw new UserError(
              `run ${found.name} is still running; stop it before deleting it.`,
              1,
            );
          }

          refuseExisting(layout.trashedRunDir(found.id));
        },
        write: (writer) => writer.append({ type: 'delete', user: currentUser() }),
        then: (found, layout) => moveFolder(found.dir, layout.trashedRunDir(found.id)),
      },
      context,
    );

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
    const run = await editRun(
      {
        store: parsed.values.store,
        reference,
        location: 'trash',
        check: (found, layout) => refuseExisting(layout.runDir(found.id)),
        write: (writer) => writer.append({ type: 'restore', user: currentUser() }),
        then: (found, layout) => moveFolder(found.dir, layout.runDir(found.id)),
      },
      context,
    );

    context.stdout.write(`Restored ${run.name} (${run.id}).\n`);
    return 0;
  },
};
