/**
 * The harness's stand-in for the index's table queries: a deliberately small filter
 * (`params.K op V`, `metrics.K op V`, `name ~ TEXT`) with positioned errors, sorting by any
 * column, and the column list with which columns differ.
 */
import { columnValue } from '../../../src/compare-logic/table-cells';
import type {
  ColumnRef,
  FilterError,
  RunSummary,
  TableColumn,
  TableRowsReply,
  TableRowsRequest,
} from '../../../src/extension/compare/protocol';

type Predicate = (run: RunSummary) => boolean;

function parseFilter(filter: string): Predicate | FilterError {
  const text = filter.trim();
  if (text === '') {
    return () => true;
  }

  const quotes = [...filter].filter((character) => character === '"').length;
  if (quotes % 2 === 1) {
    return { message: 'This string has no closing quote.', position: filter.lastIndexOf('"') };
  }

  const match = /^(params|metrics|tags)\.([\w/]+)\s*(<=|>=|!=|=|<|>)\s*(.*)$/.exec(text);
  if (!match) {
    const nameMatch = /^name\s*~\s*"?([^"]*)"?$/.exec(text);
    if (nameMatch) {
      return (run) => run.name.includes(nameMatch[1]);
    }

    return {
      message: 'Expected a key such as metrics.loss or params.lr.',
      position: filter.indexOf(text),
    };
  }

  const [, prefix, key, operator, rawValue] = match;
  if (rawValue.trim() === '') {
    return { message: `Expected a value after "${operator}".`, position: filter.length };
  }

  const kind = ({ params: 'param', metrics: 'metric', tags: 'tag' } as const)[prefix as 'params'];
  const wanted = rawValue.trim().replace(/^"|"$/g, '');
  return (run) => {
    const value = columnValue(run, { kind, key });
    if (value === undefined || value === null) {
      return false;
    }

    const left = typeof value === 'number' ? value : String(value);
    const right = typeof value === 'number' ? Number(wanted) : wanted;
    switch (operator) {
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
      case '!=':
        return left !== right;
      default:
        return left === right;
    }
  };
}

function compare(left: unknown, right: unknown): number {
  if (left === right) {
    return 0;
  }

  if (left === undefined || left === null) {
    return 1;
  }

  if (right === undefined || right === null) {
    return -1;
  }

  return (left as number | string) < (right as number | string) ? -1 : 1;
}

function columnsOf(runs: readonly RunSummary[]): TableColumn[] {
  const seen = new Map<string, { column: ColumnRef; values: Set<string> }>();
  const note = (column: ColumnRef, value: unknown): void => {
    const id = `${column.kind}:${column.key}`;
    const entry = seen.get(id) ?? { column, values: new Set<string>() };
    entry.values.add(JSON.stringify(value));
    seen.set(id, entry);
  };
  for (const run of runs) {
    for (const key of Object.keys(run.params)) {
      note({ kind: 'param', key }, run.params[key]);
    }

    for (const key of Object.keys(run.tags)) {
      note({ kind: 'tag', key }, run.tags[key]);
    }

    for (const key of Object.keys(run.metrics)) {
      note({ kind: 'metric', key }, run.metrics[key].last);
    }
  }

  return [...seen.values()].map(({ column, values }) => ({ ...column, differs: values.size > 1 }));
}

/** Answers a table request over `runs`. */
export function answerTableRows(
  runs: readonly RunSummary[],
  request: TableRowsRequest,
): TableRowsReply {
  const parsed = parseFilter(request.filter);
  const base = { type: 'tableRows' as const, requestId: request.requestId, offset: request.offset };
  if (typeof parsed !== 'function') {
    return { ...base, total: 0, rows: [], columns: [], filterError: parsed };
  }

  const passing = runs.filter(parsed);
  const sort = request.sort;
  if (sort) {
    const direction = sort.descending ? -1 : 1;
    passing.sort(
      (left, right) =>
        direction * compare(columnValue(left, sort.column), columnValue(right, sort.column)),
    );
  }

  return {
    ...base,
    total: passing.length,
    rows: passing.slice(request.offset, request.offset + request.limit),
    columns: columnsOf(passing),
    filterError: null,
  };
}
