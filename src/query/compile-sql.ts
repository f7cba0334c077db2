/**
 * Compiles filters and sort keys to SQL over the index (src/runindex/schema.ts). Every
 * value, key name and pattern becomes a bound parameter; only fixed SQL text written
 * here is ever concatenated, so no filter can change the statement's meaning.
 *
 * The SQL refers to the runs table as `r`, and to the tables `params`, `tags` and
 * `metrics`, each keyed by `rid`.
 */
import type { AttributeName, KeyRef } from './keys';
import { LIKE_FUNCTION } from './like-pattern';
import type { Comparison, FilterNode } from './parse-filter';

export type SqlValue = string | number | null;

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

export interface CompileContext {
  /** Unix seconds: a running run's duration is measured up to now. */
  now: number;
}

function attributeSql(name: AttributeName, context: CompileContext): SqlFragment {
  switch (name) {
    case 'id':
      return { sql: 'r.id', params: [] };
    case 'name':
      return { sql: 'r.name', params: [] };
    case 'experiment':
      return { sql: 'r.experiment', params: [] };
    case 'status':
      return { sql: 'r.status', params: [] };
    case 'started':
      return { sql: 'r.started', params: [] };
    case 'ended':
      return { sql: 'r.ended_at', params: [] };
    case 'duration':
      return { sql: 'COALESCE(r.duration, ? - r.started)', params: [context.now] };
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** The test of `column` against the comparison's values. */
function condition(column: string, comparison: Comparison): SqlFragment {
  const { operator, negated, values } = comparison;
  if (operator === 'like' || operator === 'ilike') {
    const test = `${LIKE_FUNCTION}(${column}, ?, ${operator === 'ilike' ? 1 : 0})`;
    return { sql: negated ? `NOT ${test}` : test, params: values };
  }

  if (operator === 'in') {
    const list = `${column} ${negated ? 'NOT IN' : 'IN'} (${placeholders(values.length)})`;
    return { sql: list, params: values };
  }

  return { sql: `${column} ${operator === '!=' ? '<>' : operator} ?`, params: values };
}

function comparisonSql(comparison: Comparison, context: CompileContext): SqlFragment {
  const { key } = comparison;
  if (key.entity === 'attribute') {
    const column = attributeSql(key.name, context);
    const test = condition(column.sql, comparison);
    return { sql: test.sql, params: [...column.params, ...test.params] };
  }

  // `r.rid IN (SELECT …)` rather than a correlated EXISTS: SQLite evaluates the list once,
  // from the (key, value) index, instead of probing every run's rows.
  if (key.entity === 'metric') {
    const test = condition('m.last', comparison);
    return {
      sql: `r.rid IN (SELECT m.rid FROM metrics m WHERE m.key = ? AND ${test.sql})`,
      params: [key.name, ...test.params],
    };
  }

  if (key.entity === 'tag') {
    const test = condition('t.value', comparison);
    return {
      sql:
        'r.rid IN (SELECT t.rid FROM tags t WHERE t.key = ? ' +
        `AND t.value IS NOT NULL AND ${test.sql})`,
      params: [key.name, ...test.params],
    };
  }

  // A param compares as text against a string and as a number against a number.
  const column = typeof comparison.values[0] === 'number' ? 'p.num' : 'p.text';
  const test = condition(column, comparison);
  return {
    sql: `r.rid IN (SELECT p.rid FROM params p WHERE p.key = ? AND ${test.sql})`,
    params: [key.name, ...test.params],
  };
}

/** A boolean SQL expression for the filter; `1` (every run) when there is none. */
export function compileFilter(node: FilterNode | undefined, context: CompileContext): SqlFragment {
  if (!node) {
    return { sql: '1', params: [] };
  }

  switch (node.kind) {
    case 'compare':
      return comparisonSql(node, context);
    case 'not': {
      const inner = compileFilter(node.operand, context);
      return { sql: `NOT COALESCE((${inner.sql}), 0)`, params: inner.params };
    }

    case 'and':
    case 'or': {
      const parts = node.operands.map((operand) => compileFilter(operand, context));
      return {
        sql: `(${parts.map((part) => part.sql).join(node.kind === 'and' ? ' AND ' : ' OR ')})`,
        params: parts.flatMap((part) => part.params),
      };
    }
  }
}

/** The terms of an ORDER BY for a key; runs without the key come last either way. */
export function compileSort(
  key: KeyRef,
  descending: boolean,
  context: CompileContext,
): SqlFragment {
  const direction = descending ? 'DESC' : 'ASC';
  const ordered = (expression: SqlFragment): SqlFragment => ({
    sql: `${expression.sql} ${direction} NULLS LAST`,
    params: expression.params,
  });

  let terms: SqlFragment[];
  switch (key.entity) {
    case 'attribute':
      terms = [ordered(attributeSql(key.name, context))];
      break;
    case 'metric':
      terms = [
        ordered({
          sql: '(SELECT m.last FROM metrics m WHERE m.rid = r.rid AND m.key = ?)',
          params: [key.name],
        }),
      ];
      break;
    case 'tag':
      terms = [
        ordered({
          sql: '(SELECT t.value FROM tags t WHERE t.rid = r.rid AND t.key = ?)',
          params: [key.name],
        }),
      ];
      break;
    case 'param':
      // Numbers in numeric order first, then the rest as text.
      terms = ['num', 'text'].map((column) =>
        ordered({
          sql: `(SELECT p.${column} FROM params p WHERE p.rid = r.rid AND p.key = ?)`,
          params: [key.name],
        }),
      );
      break;
  }

  terms.push({ sql: `r.started ${direction}, r.id ${direction}`, params: [] });
  return {
    sql: terms.map((term) => term.sql).join(', '),
    params: terms.flatMap((term) => term.params),
  };
}
