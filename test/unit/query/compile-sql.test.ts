import { strict as assert } from 'node:assert';

import { compileFilter, compileSort } from '../../../src/query/compile-sql';
import { parseSortKey } from '../../../src/query/keys';
import { likeMatches } from '../../../src/query/like-pattern';
import { parseFilter } from '../../../src/query/parse-filter';

const context = { now: 1_800_000_000 };

describe('compiling filters to SQL', () => {
  it('binds every key and value instead of writing them into the SQL', () => {
    const hostile = `x'); DROP TABLE runs; --`;
    const filter = `tags.\`${hostile}\` = "${hostile}" or params.p LIKE "%${hostile}" or name IN ("${hostile}")`;
    const { sql, params } = compileFilter(parseFilter(filter), context);

    assert.ok(!sql.includes('DROP'), sql);
    assert.ok(!sql.includes(hostile), sql);
    assert.equal(params.filter((value) => value === hostile).length, 3);
    assert.equal((sql.match(/\?/g) ?? []).length, params.length);
  });

  it('measures the duration of unfinished runs up to now', () => {
    const { sql, params } = compileFilter(parseFilter('duration > 60'), context);
    assert.match(sql, /COALESCE\(r\.duration, \? - r\.started\) > \?/);
    assert.deepEqual(params, [context.now, 60]);
  });

  it('compares params as text against strings and as numbers against numbers', () => {
    assert.match(compileFilter(parseFilter('params.lr = "0.01"'), context).sql, /p\.text = \?/);
    assert.match(compileFilter(parseFilter('params.lr < 0.01'), context).sql, /p\.num < \?/);
  });

  it('matches everything without a filter', () => {
    assert.deepEqual(compileFilter(undefined, context), { sql: '1', params: [] });
  });
});

describe('compiling sort keys', () => {
  it('binds the key and puts runs without it last', () => {
    const { sql, params } = compileSort(parseSortKey('metrics.`a b`'), true, context);
    assert.match(sql, /DESC NULLS LAST/);
    assert.deepEqual(params, ['a b']);
  });
});

describe('LIKE patterns', () => {
  it('are case-sensitive for LIKE and not for ILIKE, beyond ASCII too', () => {
    assert.equal(likeMatches('Baseline', 'base%', 0), 0);
    assert.equal(likeMatches('Baseline', 'base%', 1), 1);
    assert.equal(likeMatches('ÉTÉ-run', 'été%', 1), 1);
    assert.equal(likeMatches('a.c', 'a_c', 0), 1);
    assert.equal(likeMatches('abc', 'a.c', 0), 0);
    assert.equal(likeMatches('line\nbreak', 'line%', 0), 1);
    assert.equal(likeMatches(null, '%', 0), null);
  });
});
