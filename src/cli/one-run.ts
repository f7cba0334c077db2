/** The arguments of commands about one run: `RUN [--json] [--store DIR]`. */
import type { RunDetail } from '../runindex/run-records';
import type { CliContext } from './command';
import { withIndex } from './open-store';
import { parseOptions, positionals, STORE_OPTION } from './parse-options';

/** Parses `RUN [--json]` and finds the run (in the trash too). */
export async function oneRun(
  args: string[],
  usage: string,
  context: CliContext,
): Promise<{ run: RunDetail; json: boolean }> {
  const parsed = parseOptions(args, { ...STORE_OPTION, json: { type: 'boolean' } }, usage);
  const [reference] = positionals(parsed.positionals, ['RUN'], usage) as [string];
  const run = await withIndex(parsed.values.store, context, (index) =>
    index.getRun(reference, 'any'),
  );
  return { run, json: parsed.values.json === true };
}
