/** `labbook rename RUN NAME`: gives a run a new name. */
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { editRun } from '../edit-run';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';

const USAGE = 'labbook rename RUN NAME';

export const renameCommand: CliCommand = {
  name: 'rename',
  summary: 'Rename a run',
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, STORE_OPTION, USAGE);
    const [reference, name] = positionals(parsed.positionals, ['RUN', 'NAME'], USAGE) as [
      string,
      string,
    ];
    if (name.trim() === '') {
      throw new UserError('a run name cannot be empty.');
    }

    const run = await editRun(
      { store: parsed.values.store, reference, write: (writer) => writer.rename(name) },
      context,
    );

    context.stdout.write(`Renamed ${run.id} from "${run.name}" to "${name}".\n`);
    return 0;
  },
};
