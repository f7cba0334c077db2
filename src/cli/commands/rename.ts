/** `labbook rename RUN NAME`: gives a run a new name. */
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { writeEdit } from '../edit-run';
import { withIndex } from '../open-store';
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

    const run = await withIndex(parsed.values.store, context, (index, layout) => {
      const found = index.getRun(reference, 'any');
      writeEdit(layout, found, (writer) => writer.rename(name));
      return found;
    });

    context.stdout.write(`Renamed ${run.id} from "${run.name}" to "${name}".\n`);
    return 0;
  },
};
