/** `labbook history RUN`: who changed what in a run and when, earlier values included. */
import { describeEntry } from '../../audit/history-text';
import { runHistory } from '../../audit/run-history';
import type { CliCommand } from '../command';
import { formatTime } from '../format-values';
import { oneRun } from '../one-run';
import { reportBadLines } from '../open-store';
import { jsonText } from '../run-json';
import { formatTable } from '../text-table';

const USAGE = 'labbook history RUN [--json]     RUN is an id, a unique id prefix or a name';

export const historyCommand: CliCommand = {
  name: 'history',
  summary: "Show a run's history: creation, edits, notes and decisions, with earlier values",
  usage: USAGE,
  async run(args, context) {
    const { run, json } = await oneRun(args, USAGE, context);
    const history = runHistory(run.dir);
    reportBadLines(history.badLines, context);

    if (json) {
      context.stdout.write(jsonText({ run: run.id, entries: history.entries }));
      return 0;
    }

    const rows = history.entries.map((entry) => [
      formatTime(entry.time, true),
      entry.user ?? '-',
      entry.writer ?? '-',
      describeEntry(entry),
    ]);
    context.stdout.write(
      `History of ${run.name} (${run.id}), from its record files:\n\n` +
        formatTable(
          [{ title: 'TIME' }, { title: 'USER' }, { title: 'BY' }, { title: 'WHAT', shrink: true }],
          rows,
        ),
    );
    return 0;
  },
};
