/** `labbook ls`: the runs, filtered and sorted, as a table or JSON. */
import { formatKey, parseSortKey } from '../../query/keys';
import type { RunRecord } from '../../runindex/run-records';
import type { CliCommand } from '../command';
import { formatDuration, formatNumber, formatTime, formatValue } from '../format-values';
import { withIndex } from '../open-store';
import { parseOptions, STORE_OPTION, wholeNumber } from '../parse-options';
import { jsonText, runJson } from '../run-json';
import { formatTable } from '../text-table';

const USAGE =
  'labbook ls [--json] [--filter EXPR] [--sort KEY] [--desc] [--experiment EXP] [--limit N]';

/** The value a sort key reads from a run, for the extra column `ls` shows. */
function sortValue(run: RunRecord, sort: string | undefined): string | undefined {
  if (!sort) {
    return undefined;
  }

  const key = parseSortKey(sort);
  switch (key.entity) {
    case 'metric':
      return formatNumber(run.metrics[key.name]?.last);
    case 'param':
      return formatValue(run.params[key.name]);
    case 'tag':
      return run.tags[key.name] ?? '-';
    case 'attribute':
      return undefined;
  }
}

function durationOf(run: RunRecord, now: number): number | null {
  const end = run.endedAt ? Date.parse(run.endedAt) : now;
  return (end - Date.parse(run.startedAt)) / 1000;
}

/** The runs as an aligned table, with a column for a metric, param or tag sort key. */
export function runTable(runs: RunRecord[], sort?: string): string {
  const extra =
    sort && parseSortKey(sort).entity !== 'attribute' ? formatKey(parseSortKey(sort)) : undefined;
  const now = Date.now();
  const columns = [
    { title: 'ID' },
    { title: 'NAME', shrink: true },
    { title: 'EXPERIMENT', shrink: true },
    { title: 'STATUS' },
    { title: 'STARTED' },
    { title: 'DURATION', right: true },
    ...(extra ? [{ title: extra.toUpperCase(), shrink: true, right: true }] : []),
  ];

  const rows = runs.map((run) => [
    run.id,
    run.name,
    run.experiment,
    run.status,
    formatTime(run.startedAt),
    formatDuration(durationOf(run, now)),
    ...(extra ? [sortValue(run, sort) ?? '-'] : []),
  ]);

  return formatTable(columns, rows);
}

export const lsCommand: CliCommand = {
  name: 'ls',
  summary: 'List runs, filtered and sorted',
  usage: USAGE,
  async run(args, context) {
    const { values } = parseOptions(
      args,
      {
        ...STORE_OPTION,
        json: { type: 'boolean' },
        filter: { type: 'string' },
        sort: { type: 'string' },
        desc: { type: 'boolean' },
        experiment: { type: 'string' },
        limit: { type: 'string' },
      },
      USAGE,
    );

    const limit = wholeNumber(values.limit, '--limit', 1);
    const runs = await withIndex(values.store, context, (index) =>
      index.listRuns({
        filter: values.filter,
        sort: values.sort,
        descending: values.desc ? true : undefined,
        experiment: values.experiment,
        limit,
      }),
    );

    if (values.json) {
      context.stdout.write(jsonText(runs.map(runJson)));
    } else if (runs.length === 0) {
      context.stdout.write(
        values.filter || values.experiment ? 'No runs match.\n' : 'No runs yet.\n',
      );
    } else {
      context.stdout.write(runTable(runs, values.sort));
    }

    return 0;
  },
};
