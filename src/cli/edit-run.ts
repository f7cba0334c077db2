/**
 * User edits are events in the run's record, written through a record file of their
 * own (docs/run-format.md, "Edits"), so a rebuilt index keeps them.
 */
import type { RunDetail } from '../runindex/run-records';
import { RunWriter } from '../runlog/run-writer';
import type { StoreLayout } from '../store/layout';

/** The writer name of CLI edits, in their record files' names. */
export const CLI_WRITER = 'cli';

/** Opens an edit record file in the run, lets `write` append to it, and closes it. */
export function writeEdit(
  layout: StoreLayout,
  run: RunDetail,
  write: (writer: RunWriter) => void,
): void {
  const writer = RunWriter.attach(layout, run.id, CLI_WRITER, false, run.dir);
  try {
    write(writer);
  } finally {
    writer.close();
  }
}
