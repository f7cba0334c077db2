/**
 * User edits are events in the run's record, written through a record file of their
 * own (docs/run-format.md, "Edits"), so a rebuilt index keeps them.
 */
import type { RunDetail } from '../runindex/run-records';
import type { RunLocation } from '../runindex/run-rows';
import type { RunWriter } from '../runlog/run-writer';
import { appendEdit } from '../store/run-edits';
import type { StoreLayout } from '../store/layout';
import type { CliContext } from './command';
import { withIndex } from './open-store';

/** The writer name of CLI edits, in their record files' names. */
export const CLI_WRITER = 'cli';

export interface RunEdit {
  /** The `--store` option. */
  store: string | undefined;
  /** The RUN argument: id, unique id prefix or name. */
  reference: string;
  /** Where to look for the run; `any` by default. */
  location?: RunLocation | 'any';
  /** Refuses the edit by throwing, before anything is written. */
  check?: (run: RunDetail, layout: StoreLayout) => void;
  /** Appends the edit's events. */
  write: (writer: RunWriter) => void;
  /** Runs after the edit's record file is closed, such as moving the folder. */
  then?: (run: RunDetail, layout: StoreLayout) => void;
}

/** Finds the run, appends the edit in a new record file of the run, and closes it. */
export function editRun(edit: RunEdit, context: CliContext): Promise<RunDetail> {
  return withIndex(edit.store, context, (index, layout) => {
    const run = index.getRun(edit.reference, edit.location ?? 'any');
    edit.check?.(run, layout);

    const ledgerProblem = appendEdit(layout, run, CLI_WRITER, edit.write);
    if (ledgerProblem) {
      context.stderr.write(`labbook: ${ledgerProblem}\n`);
    }

    edit.then?.(run, layout);
    return run;
  });
}
