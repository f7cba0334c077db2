/** `labbook rebuild`: throws the index away and reads every run record again. */
import { RunIndex } from '../../runindex/run-index';
import type { CliCommand } from '../command';
import { asUserError, commandStore, reportBadLines } from '../open-store';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';

const USAGE = 'labbook rebuild';

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'Rebuild the index from the run records',
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, STORE_OPTION, USAGE);
    positionals(parsed.positionals, [], USAGE);
    const layout = commandStore(parsed.values.store, context);
    const index = await RunIndex.open(layout);
    try {
      const result = index.rebuild();
      index.persist();
      reportBadLines(result.badLines, context);
      const totals = index.totals();
      context.stdout.write(
        `Rebuilt the index of ${layout.root}: ${totals.runs} runs, ` +
          `${totals.trashed} in the trash, ` +
          `${totals.points} metric points, ${totals.badLines} bad lines.\n`,
      );
      return 0;
    } catch (error) {
      throw asUserError(error);
    } finally {
      index.close();
    }
  },
};
