/** `labbook delete RUN` and `labbook restore RUN`: move a run to the trash and back. */
import { restoreRun, RunEditError, trashRun } from '../../store/run-edits';
import type { CliCommand, CliContext } from '../command';
import { UserError } from '../command';
import { CLI_WRITER } from '../edit-run';
import { withIndex } from '../open-store';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';

const DELETE_USAGE = 'labbook delete RUN     (moves the run to the trash; "restore" undoes it)';
const RESTORE_USAGE = 'labbook restore RUN';

async function moveRun(
  args: string[],
  context: CliContext,
  usage: string,
  action: 'delete' | 'restore',
): Promise<{ name: string; id: string }> {
  const parsed = parseOptions(args, STORE_OPTION, usage);
  const [reference] = positionals(parsed.positionals, ['RUN'], usage) as [string];

  return withIndex(parsed.values.store, context, (index, layout) => {
    const run = index.getRun(reference, action === 'delete' ? 'runs' : 'trash');
    try {
      const ledgerProblem = (action === 'delete' ? trashRun : restoreRun)(layout, run, CLI_WRITER);
      if (ledgerProblem) {
        context.stderr.write(`labbook: ${ledgerProblem}\n`);
      }
    } catch (error) {
      throw error instanceof RunEditError ? new UserError(error.message, 1) : error;
    }

    return { name: run.name, id: run.id };
  });
}

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'Move a run to the trash',
  usage: DELETE_USAGE,
  async run(args, context) {
    const { name, id } = await moveRun(args, context, DELETE_USAGE, 'delete');
    context.stdout.write(
      `Moved ${name} (${id}) to the trash; "labbook restore ${id}" brings it back.\n`,
    );
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Bring a run back from the trash',
  usage: RESTORE_USAGE,
  async run(args, context) {
    const { name, id } = await moveRun(args, context, RESTORE_USAGE, 'restore');
    context.stdout.write(`Restored ${name} (${id}).\n`);
    return 0;
  },
};
