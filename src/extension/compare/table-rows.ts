/**
 * Answers the runs table's window requests from the index: the filtered, sorted runs
 * from an offset, the total, and which columns differ across the filtered runs.
 */
import { QueryError } from '../../query/query-error';
import type { RunIndex } from '../../runindex/run-index';
import type { RunRecord } from '../../runindex/run-records';
import type { ColumnKind, TableColumn, TableRowsReply, TableRowsRequest } from './protocol';
import { columnQueryKey } from './protocol';
import { summariesOf } from './run-summaries';

/**
 * Whether a column differs is judged over at most this many of the filtered runs, so
 * that a table of 10,000 runs answers quickly; beyond it a column may show as equal.
 */
const DIFFERS_SAMPLE = 2_000;

function valueKey(value: unknown): string {
  return typeof value === 'number' && Number.isNaN(value) ? 'NaN' : (JSON.stringify(value) ?? '');
}

function columnsOf(runs: RunRecord[]): TableColumn[] {
  const seen = new Map<string, { kind: ColumnKind; key: string; values: Set<string> }>();
  const note = (kind: ColumnKind, key: string, value: unknown): void => {
    const id = `${kind}:${key}`;
    let column = seen.get(id);
    if (!column) {
      column = { kind, key, values: new Set() };
      seen.set(id, column);
    }

    column.values.add(valueKey(value));
  };

  for (const run of runs) {
    for (const [key, value] of Object.entries(run.params)) {
      note('param', key, value);
    }

    for (const [key, value] of Object.entries(run.tags)) {
      note('tag', key, value);
    }

    for (const [key, summary] of Object.entries(run.metrics)) {
      note('metric', key, summary.last);
    }
  }

  return [...seen.values()].map(({ kind, key, values }) => ({
    kind,
    key,
    // A key missing from some runs differs too.
    differs: values.size > 1 || runs.some((run) => !hasKey(run, kind, key)),
  }));
}

function hasKey(run: RunRecord, kind: ColumnKind, key: string): boolean {
  const bag = kind === 'param' ? run.params : kind === 'tag' ? run.tags : run.metrics;
  return key in bag;
}

/** The reply to one table request; a bad filter gives an empty reply with its error. */
export function tableRows(index: RunIndex, request: TableRowsRequest): TableRowsReply {
  const base = {
    type: 'tableRows' as const,
    requestId: request.requestId,
    offset: request.offset,
  };

  const query = {
    ...(request.filter.trim() ? { filter: request.filter } : {}),
    ...(request.sort
      ? { sort: columnQueryKey(request.sort.column), descending: request.sort.descending }
      : {}),
  };

  try {
    const total = index.countRuns(query);
    const page = index.listRuns({ ...query, offset: request.offset, limit: request.limit });
    const sample = index.listRuns({ ...query, limit: DIFFERS_SAMPLE });
    return {
      ...base,
      total,
      rows: summariesOf(
        index,
        page.map((run) => run.id),
      ),
      columns: columnsOf(sample),
      filterError: null,
    };
  } catch (error) {
    if (error instanceof QueryError) {
      const message = `Expected ${error.expected} but found ${error.found}.`;
      return {
        ...base,
        total: 0,
        rows: [],
        columns: [],
        filterError: { message, position: error.position },
      };
    }

    throw error;
  }
}
