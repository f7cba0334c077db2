/** The runs table's cells: what each column reads from a run, and the table as CSV. */
import type { ColumnRef, RunSummary } from '../extension/compare/protocol';
import { type CsvCell, toCsv } from './csv';
import { metricOf, paramOf, type PlainValue, runDuration, tagOf } from './run-values';
import { formatDuration, formatTimestamp, formatValue } from './value-format';

/** The value of `column` for `run`; undefined when the run lacks it. */
export function columnValue(run: RunSummary, column: ColumnRef): PlainValue {
  switch (column.kind) {
    case 'param':
      return paramOf(run, column.key);
    case 'tag':
      return tagOf(run, column.key);
    case 'metric':
      return metricOf(run, column.key);
    default:
      return attributeValue(run, column.key);
  }
}

function attributeValue(run: RunSummary, key: string): PlainValue {
  switch (key) {
    case 'name':
      return run.name;
    case 'experiment':
      return run.experiment;
    case 'status':
      return run.status;
    case 'started':
      return run.startedAt;
    case 'duration':
      return runDuration(run);
    case 'id':
      return run.id;
    default:
      return undefined;
  }
}

/** The text of a cell as the table shows it. */
export function columnText(run: RunSummary, column: ColumnRef): string {
  const value = columnValue(run, column);
  if (column.kind === 'attribute' && column.key === 'duration' && typeof value === 'number') {
    return formatDuration(value);
  }

  if (column.kind === 'attribute' && column.key === 'started' && typeof value === 'string') {
    return formatTimestamp(value);
  }

  return formatValue(value);
}

/** A column's header: attributes by name, others with their kind, as in the query language. */
export function columnTitle(column: ColumnRef): string {
  const prefix = { attribute: '', param: 'params.', tag: 'tags.', metric: 'metrics.' };
  return `${prefix[column.kind]}${column.key}`;
}

/** The runs and columns as CSV, raw values at full precision. */
export function tableCsv(runs: readonly RunSummary[], columns: readonly ColumnRef[]): string {
  const rows = runs.map((run) => columns.map((column): CsvCell => columnValue(run, column)));
  return toCsv(columns.map(columnTitle), rows);
}
