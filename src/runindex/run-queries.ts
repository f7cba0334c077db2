/**
 * The index's read queries: pages of runs by filter and sort, group counts, and run
 * lookup by id, id prefix or name. Filters and sort keys compile to bound SQL
 * (src/query/compile-sql.ts); nothing from the caller is spliced into SQL text.
 */
import type { RunStatus } from '../runlog/events';
import { compileFilter, compileSort, type SqlFragment, type SqlValue } from '../query/compile-sql';
import { type KeyRef, parseSortKey } from '../query/keys';
import { parseFilter } from '../query/parse-filter';
import type { RunLocation } from './run-rows';
import type { SqlDatabase } from './sql-database';

/** Which runs, in which order. Every field is optional. */
export interface RunQuery {
  /** A filter in the query language, e.g. `metrics.loss < 0.2 and params.lr = "0.01"`. */
  filter?: string;
  /** A key in the query language; by default `started`, newest first. */
  sort?: string;
  /** Largest first. Defaults to true without `sort` and false with it. */
  descending?: boolean;
  experiment?: string;
  status?: RunStatus;
  /** Runs whose tag `key` is `value`; a null value means runs without the tag. */
  tag?: { key: string; value: string | null };
  /** `runs` (the default) or `trash`. */
  location?: RunLocation;
  limit?: number;
  offset?: number;
}

/** How runs can be grouped for counting. */
export type RunGrouping = { by: 'experiment' } | { by: 'status' } | { by: 'tag'; key: string };

export interface RunGroupCount {
  /** The group's value; null for runs without the grouping tag. */
  value: string | null;
  count: number;
}

/** A reference matched no run, or more than one. */
export class RunLookupError extends Error {
  constructor(
    readonly reference: string,
    /** The ids it matched: none, or several. */
    readonly candidates: string[],
  ) {
    super(lookupMessage(reference, candidates));
    this.name = 'RunLookupError';
  }
}

function lookupMessage(reference: string, candidates: string[]): string {
  if (reference === '') {
    return 'An empty run reference names no run; give a run id, id prefix or name.';
  }

  if (candidates.length === 0) {
    return `No run has the id, id prefix or name "${reference}".`;
  }

  const shown = candidates.slice(0, 5).join(', ') + (candidates.length > 5 ? ', …' : '');
  return `"${reference}" matches ${candidates.length} runs (${shown}); give more of the id.`;
}

const TAG_VALUE = '(SELECT t.value FROM tags t WHERE t.rid = r.rid AND t.key = ?)';

/** The WHERE clause of a query over `runs r`. */
export function whereClause(query: RunQuery, now: number): SqlFragment {
  const parts: SqlFragment[] = [
    { sql: 'r.location = ?', params: [query.location ?? 'runs'] },
    compileFilter(parseFilter(query.filter ?? ''), { now }),
  ];

  if (query.experiment !== undefined) {
    parts.push({ sql: 'r.experiment = ?', params: [query.experiment] });
  }

  if (query.status !== undefined) {
    parts.push({ sql: 'r.status = ?', params: [query.status] });
  }

  if (query.tag) {
    parts.push(
      query.tag.value === null
        ? { sql: `${TAG_VALUE} IS NULL`, params: [query.tag.key] }
        : { sql: `${TAG_VALUE} = ?`, params: [query.tag.key, query.tag.value] },
    );
  }

  return {
    sql: parts.map((part) => `(${part.sql})`).join(' AND '),
    params: parts.flatMap((part) => part.params),
  };
}

/** The rids of the runs a query selects, in order. */
export function selectRunIds(db: SqlDatabase, query: RunQuery, now: number): number[] {
  const where = whereClause(query, now);
  const key: KeyRef = query.sort
    ? parseSortKey(query.sort)
    : { entity: 'attribute', name: 'started' };
  const order = compileSort(key, query.descending ?? !query.sort, { now });
  const params: SqlValue[] = [...where.params, ...order.params];
  let sql = `SELECT r.rid FROM runs r WHERE ${where.sql} ORDER BY ${order.sql}`;
  if (query.limit !== undefined || query.offset !== undefined) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(query.limit ?? -1, query.offset ?? 0);
  }

  return db.all(sql, params).map((row) => row[0] as number);
}

/** How many runs a query selects, ignoring its limit and offset. */
export function countRunIds(db: SqlDatabase, query: RunQuery, now: number): number {
  const where = whereClause(query, now);
  return Number(db.first(`SELECT count(*) FROM runs r WHERE ${where.sql}`, where.params)?.[0] ?? 0);
}

/** Run counts per group, for the runs a query selects. */
export function groupCounts(
  db: SqlDatabase,
  grouping: RunGrouping,
  query: RunQuery,
  now: number,
): RunGroupCount[] {
  const where = whereClause(query, now);
  const value =
    grouping.by === 'tag'
      ? { sql: TAG_VALUE, params: [grouping.key] }
      : { sql: grouping.by === 'status' ? 'r.status' : 'r.experiment', params: [] };

  const sql =
    `SELECT ${value.sql} AS value, count(*) FROM runs r WHERE ${where.sql} ` +
    'GROUP BY value ORDER BY value IS NULL, value';
  return db.all(sql, [...value.params, ...where.params]).map(([group, count]) => ({
    value: typeof group === 'string' ? group : null,
    count: Number(count),
  }));
}

/**
 * Finds a run by its id, a unique name, or a unique id prefix, in that order.
 * `location` limits the search to `runs/` or `trash/`; `any` prefers `runs/`.
 */
export function resolveRun(
  db: SqlDatabase,
  reference: string,
  location: RunLocation | 'any' = 'runs',
): { rid: number; id: string } {
  // An empty reference is the prefix of every id: with one run in the store it would
  // name that run, so that `labbook delete ""` deleted it.
  if (reference === '') {
    throw new RunLookupError(reference, []);
  }

  const places = location === 'any' ? ['runs', 'trash'] : [location];
  for (const place of places) {
    const exact = db.first('SELECT rid, id FROM runs WHERE id = ? AND location = ?', [
      reference,
      place,
    ]);
    if (exact) {
      return { rid: exact[0] as number, id: exact[1] as string };
    }

    const lookups = [
      'SELECT rid, id FROM runs WHERE name = ? AND location = ? ORDER BY id',
      'SELECT rid, id FROM runs WHERE substr(id, 1, length(?1)) = ?1 AND location = ?2 ORDER BY id',
    ];
    for (const sql of lookups) {
      const matches = db.all(sql, [reference, place]);
      if (matches.length > 1) {
        throw new RunLookupError(
          reference,
          matches.map((match) => match[1] as string),
        );
      }

      if (matches.length === 1) {
        const [match] = matches as [[number, string]];
        return { rid: match[0], id: match[1] };
      }
    }
  }

  throw new RunLookupError(reference, []);
}
