import { strict as assert } from 'node:assert';

import { MAX_SORT_KEY_LENGTH, parseSortKey } from '../../../src/query/keys';
import {
  MAX_COMPARISONS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  MAX_VALUES,
  parseFilter,
} from '../../../src/query/parse-filter';
import { QueryError } from '../../../src/query/query-error';

function failure(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof QueryError, `expected a QueryError, got ${String(error)}`);
    return error;
  }

  assert.fail('expected the text to be refused');
}

/** Asserts that `text` fails at `position` with an expectation matching `expected`. */
function refuses(text: string, position: number, expected: RegExp): QueryError {
  const error = failure(() => parseFilter(text));
  assert.equal(error.position, position, `position for ${JSON.stringify(text)}: ${error.message}`);
  assert.match(error.expected, expected);
  assert.match(error.message, new RegExp(`character ${position + 1}`));
  return error;
}

describe('filter errors name the position and what was expected', () => {
  const cases: [string, string, number, RegExp][] = [
    ['an unterminated string', 'params.a = "abc', 11, /closing "/],
    ['an unterminated backtick key', 'metrics.`val loss < 1', 8, /closing `/],
    ['a character outside the language', 'metrics.a = 1; drop', 13, /key, a value, an operator/],
    ['a number run into letters', 'duration > 5m', 11, /number or a quoted string/],
    ['a lone exclamation mark', 'status ! "x"', 7, /key, a value, an operator/],
    ['an operator where a key belongs', '= 3', 0, /a key such as/],
    ['an unknown attribute', 'colour = "red"', 0, /a key such as/],
    ['an unknown entity', 'foo.bar = 1', 0, /a key such as/],
    ['an unknown attribute after attributes.', 'attributes.colour = "x"', 0, /a key such as/],
    ['a dot without a key name', 'metrics. = 1', 9, /a name after "metrics."/],
    ['an empty backtick key', 'metrics.`` = 1', 8, /not empty/],
    ['a missing operator', 'metrics.loss 0.2', 13, /one of = != < <= > >= IN/],
    ['LIKE on a metric', 'metrics.loss LIKE "x"', 13, /one of = != < <= > >= IN/],
    ['an ordering operator on a tag', 'tags.x < "a"', 7, /one of = != LIKE ILIKE IN/],
    ['NOT before a plain operator', 'tags.x NOT = "a"', 11, /one of LIKE ILIKE IN/],
    ['a missing value', 'metrics.loss <', 14, /a number/],
    ['a string for a metric', 'metrics.loss < "a"', 15, /a number/],
    ['a number for a tag', 'tags.x = 3', 9, /a quoted string/],
    ['a number as a LIKE pattern', 'params.x LIKE 3', 14, /quoted pattern/],
    ['IN without a list', 'status IN "running"', 10, /"\(" to open/],
    ['an IN list left open', 'status IN ("running"', 20, /"," or "\)"/],
    ['an IN list of mixed kinds', 'params.x IN ("a", 1)', 18, /quoted string like the first/],
    ['an unknown status', 'status = "runing"', 9, /a status \(running/],
    ['a date that is not one', 'started > "yesterday"', 10, /a date such as/],
    ['a duration that is not one', 'duration > "5 parsecs"', 11, /a duration such as/],
    ['an unclosed parenthesis', '(status = "failed"', 18, /"\)", "and" or "or"/],
    [
      'two comparisons without and/or',
      'status = "failed" name = "x"',
      18,
      /"and", "or" or the end/,
    ],
    ['a dangling and', 'status = "failed" and', 21, /a key such as/],
  ];

  for (const [what, text, position, expected] of cases) {
    it(`refuses ${what}`, () => {
      refuses(text, position, expected);
    });
  }

  it('says what it found', () => {
    const error = refuses('metrics.loss < "a"', 15, /a number/);
    assert.equal(error.found, 'the string "a"');
    assert.equal(refuses('metrics.loss <', 14, /a number/).found, 'the end of the filter');
  });
});

describe('filters that are too large are refused quickly and cleanly', () => {
  it('refuses a filter longer than the limit without reading it', () => {
    const text = `name = "${'x'.repeat(MAX_FILTER_LENGTH)}"`;
    const error = failure(() => parseFilter(text));
    assert.equal(error.position, MAX_FILTER_LENGTH);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep = `${'('.repeat(4_000)}status = "failed"${')'.repeat(4_000)}`;
    const error = failure(() => parseFilter(deep));
    assert.equal(error.position, MAX_FILTER_DEPTH);
    assert.match(error.expected, /levels of parentheses/);

    const nots = `${'not '.repeat(2_000)}status = "failed"`;
    assert.match(failure(() => parseFilter(nots)).expected, /levels of parentheses/);
  });

  it('accepts nesting up to the limit', () => {
    const depth = MAX_FILTER_DEPTH - 1;
    assert.ok(parseFilter(`${'('.repeat(depth)}status = "failed"${')'.repeat(depth)}`));
  });

  it('refuses more comparisons than the limit', () => {
    const many = Array.from({ length: MAX_COMPARISONS + 1 }, () => 'status = "failed"').join(
      ' or ',
    );
    assert.match(failure(() => parseFilter(many)).expected, /comparisons/);
  });

  it('refuses more values than the limit', () => {
    const list = Array.from({ length: MAX_VALUES + 1 }, (_, index) => index % 10).join(',');
    assert.match(failure(() => parseFilter(`params.seed IN (${list})`)).expected, /values/);
  });
});

describe('sort key errors', () => {
  it('name the sort key, the position and what was expected', () => {
    const trailing = failure(() => parseSortKey('metrics.loss desc'));
    assert.equal(trailing.subject, 'sort key');
    assert.equal(trailing.position, 13);
    assert.match(trailing.expected, /end of the sort key/);
    assert.match(trailing.message, /^The sort key has a problem at character 14/);

    assert.match(failure(() => parseSortKey('metrics.')).expected, /a name after/);
    assert.match(failure(() => parseSortKey('')).expected, /a key such as/);
    assert.equal(
      failure(() => parseSortKey('x'.repeat(MAX_SORT_KEY_LENGTH + 1))).position,
      MAX_SORT_KEY_LENGTH,
    );
  });
});
