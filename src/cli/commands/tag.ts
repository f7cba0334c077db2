/** `labbook tag RUN KEY=VALUE`: sets tags on a run. */
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { editRun } from '../edit-run';
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
    const run = await editRun(
      { store: parsed.values.store, reference, write: (writer) => writer.setTags(tags) },
      context,
    );

    const list = Object.entries(tags).map(([key, value]) => `${key}=${value}`);
    context.stdout.write(`Tagged ${run.name} (${run.id}): ${list.join(', ')}\n`);
    return 0;
  },
};
