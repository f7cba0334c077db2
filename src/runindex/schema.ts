/**
 * The index's tables. Everything here is derived from the run records and can be
 * rebuilt; an index of another schema version is rebuilt rather than migrated.
 */

/** Bump whenever the tables or the meaning of a column change. */
export const SCHEMA_VERSION = 3;

/**
 * - `runs`: one row per run folder (in `runs/` or `trash/`), with the columns filters
 *   and sorts use; `state` holds the rest of the folded run as JSON.
 * - `params`, `tags`, `metrics`: per-run key/value rows, with the order of the event
 *   that set each value so that a later catch-up merges rather than overwrites; each
 *   indexed by (key, value), from which filters select runs.
 * - `chunks`: metric points, packed (chunk-codec.ts), each with its summary for
 *   downsampling long series (chunk-summary.ts). The summary comes before the data: a
 *   row is stored in the column order, and a column after a long BLOB can only be
 *   reached by reading through all of that BLOB's overflow pages.
 * - `files`: how far each record file has been read.
 * - `bad_lines`: lines the reader skipped, to report them.
 */
export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  experiment TEXT NOT NULL,
  status TEXT NOT NULL,
  ended INTEGER NOT NULL,
  exit_code INTEGER,
  started REAL NOT NULL,
  ended_at REAL,
  duration REAL,
  host TEXT,
  pid INTEGER,
  location TEXT NOT NULL,
  folder_mtime REAL NOT NULL,
  settled INTEGER NOT NULL,
  command TEXT NOT NULL,
  git TEXT NOT NULL,
  state TEXT NOT NULL
);
CREATE INDEX runs_started ON runs (location, started);
CREATE INDEX runs_experiment ON runs (experiment);
CREATE TABLE params (
  rid INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  text TEXT,
  num REAL,
  o_time REAL NOT NULL,
  o_file TEXT NOT NULL,
  o_seq INTEGER NOT NULL,
  PRIMARY KEY (rid, key)
) WITHOUT ROWID;
CREATE INDEX params_key ON params (key, text, num);
CREATE TABLE tags (
  rid INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  o_time REAL NOT NULL,
  o_file TEXT NOT NULL,
  o_seq INTEGER NOT NULL,
  PRIMARY KEY (rid, key)
) WITHOUT ROWID;
CREATE INDEX tags_key ON tags (key, value);
CREATE TABLE metrics (
  rid INTEGER NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  last REAL,
  min REAL,
  max REAL,
  step REAL NOT NULL,
  exact BLOB NOT NULL,
  l_time REAL NOT NULL,
  l_file TEXT NOT NULL,
  l_seq INTEGER NOT NULL,
  l_row INTEGER NOT NULL,
  PRIMARY KEY (rid, key)
) WITHOUT ROWID;
CREATE INDEX metrics_key ON metrics (key, last);
CREATE TABLE chunks (
  rid INTEGER NOT NULL,
  key TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  count INTEGER NOT NULL,
  min_step REAL NOT NULL,
  max_step REAL NOT NULL,
  time_base REAL NOT NULL,
  summary BLOB NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (rid, key, chunk)
);
CREATE TABLE files (
  rid INTEGER NOT NULL,
  name TEXT NOT NULL,
  offset INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (rid, name)
) WITHOUT ROWID;
CREATE TABLE bad_lines (
  rid INTEGER NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX bad_lines_run ON bad_lines (rid);
`;

/** Every table that holds a run's rows, for deleting a run. */
export const RUN_TABLES = ['params', 'tags', 'metrics', 'chunks', 'files', 'bad_lines', 'runs'];
