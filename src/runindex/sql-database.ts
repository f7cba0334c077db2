/**
 * A thin layer over a sql.js database: cached prepared statements, rows as arrays,
 * and transactions that roll back on error.
 */
import type { Database, SqlValue, Statement } from 'sql.js';

export type Row = SqlValue[];

/** Statements are cached by their text; filters make new texts, so the cache is bounded. */
const STATEMENT_CACHE_LIMIT = 200;

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Values as SQLite can store them. SQLite keeps text as UTF-8, which cannot hold half of a
 * surrogate pair; sql.js turned each one (a Python SDK writes them for undecodable bytes)
 * into three U+FFFD, so a name came back longer and was no longer found by itself. Each
 * lone surrogate becomes one U+FFFD instead, the same in stored values and in lookups.
 */
function storable(params: SqlValue[]): SqlValue[] {
  // Every statement passes through here, ingest's included: copy only when there is cause.
  const needed = params.some((value) => typeof value === 'string' && SURROGATE.test(value));
  if (!needed) {
    return params;
  }

  return params.map((value) =>
    typeof value === 'string' && SURROGATE.test(value)
      ? value.replace(LONE_SURROGATE, '\uFFFD')
      : value,
  );
}

export class SqlDatabase {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly raw: Database) {}

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) {
        this.freeStatements();
      }

      statement = this.raw.prepare(sql);
      this.statements.set(sql, statement);
    }

    return statement;
  }

  /** Runs a statement that returns no rows. */
  run(sql: string, params: SqlValue[] = []): void {
    const statement = this.statement(sql);
    statement.run(storable(params));
  }

  /** Calls `visit` with each row. */
  each(sql: string, params: SqlValue[], visit: (row: Row) => void): void {
    const statement = this.statement(sql);
    statement.bind(storable(params));
    try {
      while (statement.step()) {
        visit(statement.get());
      }
    } finally {
      statement.reset();
    }
  }

  /** All rows of a query. */
  all(sql: string, params: SqlValue[] = []): Row[] {
    const rows: Row[] = [];
    this.each(sql, params, (row) => rows.push(row));
    return rows;
  }

  /** The first row of a query, or undefined. */
  first(sql: string, params: SqlValue[] = []): Row | undefined {
    const statement = this.statement(sql);
    statement.bind(storable(params));
    try {
      return statement.step() ? statement.get() : undefined;
    } finally {
      statement.reset();
    }
  }

  /** Rows inserted, updated or deleted since the database was opened. */
  totalChanges(): number {
    return Number(this.first('SELECT total_changes()')?.[0]);
  }

  /** The rowid of the last INSERT. */
  lastInsertId(): number {
    return Number(this.first('SELECT last_insert_rowid()')?.[0]);
  }

  /** Runs `work` in a transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(work: () => T): T {
    this.raw.run('BEGIN');
    try {
      const result = work();
      this.raw.run('COMMIT');
      return result;
    } catch (error) {
      try {
        this.raw.run('ROLLBACK');
      } catch {
        // SQLite already rolled back on its own (for example after a full disk).
      }

      throw error;
    }
  }

  private freeStatements(): void {
    for (const statement of this.statements.values()) {
      statement.free();
    }

    this.statements.clear();
  }

  close(): void {
    this.freeStatements();
    this.raw.close();
  }
}

/** A number column that may be NULL. */
export function numberOrNull(value: SqlValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** A text column that may be NULL. */
export function textOrNull(value: SqlValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
