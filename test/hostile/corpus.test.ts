/**
 * The corpus itself: enough cases, each named once, every bug it found named in the list of
 * fixes, and every case it leaves to another suite pointing at a test that exists.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import * as corpus from './corpus';
import type { HostileCase } from './corpus';
import { REPO_ROOT } from '../unit/launch/processes';

/** The product bugs the corpus found, each fixed in a commit that names it. */
const FOUND = [
  'like-quadratic',
  'csv-formula-export',
  'markdown-report-autolink',
  'record-field-types',
  'status-any-text',
  'recorded-path-escape',
  'negative-zero-lost',
  'pattern-key-batch-loss',
  'secret-in-tags-and-param-env',
  'metric-key-flood',
  'lone-surrogate-mangled',
  'argv-secret-in-logs',
  'line-separator-breaks-table',
];

/** The exports that are not case tables. */
const NOT_TABLES = new Set(['COVERED_ELSEWHERE', 'FILTER_RUN_NAMES', 'PLANTED']);

const tables = Object.entries(corpus as Record<string, unknown>).filter(
  ([name, value]) => Array.isArray(value) && !NOT_TABLES.has(name),
) as [string, HostileCase<unknown>[]][];
const cases = tables.flatMap(([, table]) => table);

describe('the hostile corpus', () => {
  it('has at least 40 cases, each with an input and an expected outcome', () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
    for (const entry of cases) {
      assert.ok(entry.name && entry.expected && entry.input !== undefined, entry.name);
    }
  });

  it('names each case once within its table', () => {
    for (const [table, entries] of tables) {
      const names = entries.map((entry) => entry.name);
      assert.deepEqual(
        names.filter((name, at) => names.indexOf(name) !== at),
        [],
        table,
      );
    }
  });

  it('credits every bug it found to a case, and no bug outside the list', () => {
    const credited = new Set(cases.flatMap((entry) => (entry.found ? [entry.found] : [])));
    assert.deepEqual([...credited].sort(), [...FOUND].sort());
  });

  it('points the cases it leaves to other suites at tests that exist', () => {
    for (const entry of corpus.COVERED_ELSEWHERE) {
      const path = (entry.where.split(' ')[0] as string).replace(/\/$/, '');
      assert.ok(existsSync(join(REPO_ROOT, path)), `${entry.name}: ${path} is missing`);
    }
  });
});
