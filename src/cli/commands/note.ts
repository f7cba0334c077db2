/** `labbook note RUN TEXT`: adds a note to a run. */
import type { RunWriter } from '../../runlog/run-writer';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { editRun } from '../edit-run';
import { parseOptions, STORE_OPTION } from '../parse-options';

const USAGE = 'labbook note RUN TEXT [--decision TITLE]';

export const noteCommand: CliCommand = {
  name: 'note',
  summary: 'Add a note (or, with --decision, a decision record) to a run',
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, { ...STORE_OPTION, decision: { type: 'string' } }, USAGE);
    const [reference, ...words] = parsed.positionals;
    const text = words.join(' ').trim();
    if (!reference || text === '') {
      throw new UserError(`expected RUN and the text of the note. Usage: ${USAGE}`);
    }

    const decision = parsed.values.decision?.trim();
    if (
      decision !== undefined &&
      (decision === '' || /[\r\n]/.test(decision) || decision.length > 120)
    ) {
      throw new UserError(
        '--decision takes a short title on one line (at most 120 characters), ' +
          'such as "Selected for submission".',
      );
    }

    const write = (writer: RunWriter): void => writer.note(text, decision);
    const run = await editRun({ store: parsed.values.store, reference, write }, context);

    const what = decision ? `the decision "${decision}"` : 'a note';
    context.stdout.write(`Added ${what} to ${run.name} (${run.id}).\n`);
    return 0;
  },
};
