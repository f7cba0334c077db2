/** `labbook tag RUN KEY=VALUE`: sets tags on a run. */
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { writeEdit } from '../edit-run';
import { withIndex } from '../open-store';
import { parseOptions, STORE_OPTION } from '../parse-options';

const USAGE = 'labbook tag RUN KEY=VALUE [KEY=VALUE ...]';

function parseAssignment(text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new UserError(`expected KEY=VALUE, not "${text}". Usage: ${USAGE}`);
  }

  return [text.slice(0, equals), text.slice(equals + 1)];
}

export const tagCommand: CliCommand = {
  name: 'tag',
  summary: 'Set tags on a run',
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, STORE_OPTION, USAGE);
    const [reference, ...assignments] = parsed.positionals;
    if (!reference || assignments.length === 0) {
      throw new UserError(`expected RUN and at least one KEY=VALUE. Usage: ${USAGE}`);
    }

    const tags = Object.fromEntries(assignments.map(parseAssignment));
    const run = await withIndex(parsed.values.store, context, (index, layout) => {
      const found = index.getRun(reference, 'any');
      writeEdit(layout, found, (writer) => writer.setTags(tags));
      return found;
    });

    const list = Object.entries(tags).map(([key, value]) => `${key}=${value}`);
    context.stdout.write(`Tagged ${run.name} (${run.id}): ${list.join(', ')}\n`);
    return 0;
  },
};
