/** `labbook export`: the runs as CSV (one row per run) or JSON. */
import { type CsvCell, toCsv } from '../../compare-logic/csv';
import type { RunRecord } from '../../runindex/run-records';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { withIndex } from '../open-store';
import { parseOptions, STORE_OPTION } from '../parse-options';
import { jsonText, runJson } from '../run-json';

const USAGE = 'labbook export [--format csv|json] [--filter EXPR]';

const FIXED_COLUMNS = [
  'id',
  'name',
  'experiment',
  'status',
  'startedAt',
  'endedAt',
  'exitCode',
  'command',
];

/** A cell for the CSV writer: strings, numbers and missing values as they are, the rest as JSON. */
function csvCell(value: unknown): CsvCell {
  if (value === null || value === undefined) {
    return undefined;
  }

  return typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
}

function keysOf(runs: RunRecord[], pick: (run: RunRecord) => object): string[] {
  return [...new Set(runs.flatMap((run) => Object.keys(pick(run))))].sort();
}

/**
 * One row per run: the fixed columns, then params.*, tags.* and the last value of metrics.*.
 * The cells go through the same writer as the Compare panel's export, which defuses text a
 * spreadsheet would run as a formula: names and params are anyone's text.
 */
export function runsCsv(runs: RunRecord[]): string {
  const params = keysOf(runs, (run) => run.params);
  const tags = keysOf(runs, (run) => run.tags);
  const metrics = keysOf(runs, (run) => run.metrics);
  const header = [
    ...FIXED_COLUMNS,
    ...params.map((key) => `params.${key}`),
    ...tags.map((key) => `tags.${key}`),
    ...metrics.map((key) => `metrics.${key}`),
  ];

  // Numbers print as JavaScript writes them, which spells NaN and the infinities as the record
  // does.
  const rows = runs.map((run) => [
    run.id,
    run.name,
    run.experiment,
    run.status,
    run.startedAt,
    run.endedAt,
    run.exitCode,
    run.command,
    ...params.map((key) => run.params[key]),
    ...tags.map((key) => run.tags[key]),
    ...metrics.map((key) => run.metrics[key]?.last),
  ]);

  return toCsv(
    header,
    rows.map((row) => row.map(csvCell)),
  );
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export runs as CSV or JSON',
  usage: USAGE,
  async run(args, context) {
    const { values } = parseOptions(
      args,
      { ...STORE_OPTION, format: { type: 'string', default: 'csv' }, filter: { type: 'string' } },
      USAGE,
    );

    if (values.format !== 'csv' && values.format !== 'json') {
      throw new UserError(`--format takes csv or json, not "${values.format}".`);
    }

    const runs = await withIndex(values.store, context, (index) =>
      index.listRuns({ filter: values.filter, sort: 'started' }),
    );

    context.stdout.write(values.format === 'json' ? jsonText(runs.map(runJson)) : runsCsv(runs));
    return 0;
  },
};
