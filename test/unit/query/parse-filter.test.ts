import { strict as assert } from 'node:assert';

import { parseSortKey } from '../../../src/query/keys';
import { type Comparison, type FilterNode, parseFilter } from '../../../src/query/parse-filter';

function comparison(text: string): Comparison {
  const node = parseFilter(text);
  assert.equal(node?.kind, 'compare');
  return node as Comparison;
}

describe('parsing filters', () => {
  it('treats an empty filter as matching everything', () => {
    assert.equal(parseFilter(''), undefined);
    assert.equal(parseFilter('   '), undefined);
  });

  it('reads metrics, params and tags with their keys', () => {
    assert.deepEqual(comparison('metrics.loss < 0.2'), {
      kind: 'compare',
      key: { entity: 'metric', name: 'loss' },
      operator: '<',
      negated: false,
      values: [0.2],
    });
    assert.deepEqual(comparison('params.lr = "0.01"').values, ['0.01']);
    assert.deepEqual(comparison("tags.stage = 'final'").key, { entity: 'tag', name: 'stage' });
    assert.deepEqual(comparison('metrics.val/loss >= -1e-3').key, {
      entity: 'metric',
      name: 'val/loss',
    });
    assert.deepEqual(comparison('metrics.val/loss >= -1e-3').values, [-0.001]);
  });

  it('reads odd keys in backticks or double quotes', () => {
    assert.equal(comparison('metrics.`val loss (avg)` > .5').key.name, 'val loss (avg)');
    assert.equal(comparison('params."batch size" = 32').key.name, 'batch size');
  });

  it('accepts attributes with and without a prefix, in MLflow spellings too', () => {
    assert.deepEqual(comparison('status = "FINISHED"').values, ['finished']);
    assert.deepEqual(comparison('attributes.status != "failed"').key, {
      entity: 'attribute',
      name: 'status',
    });
    assert.deepEqual(comparison('attributes.run_name LIKE "base%"').key, {
      entity: 'attribute',
      name: 'name',
    });
    assert.deepEqual(comparison('attributes.start_time > 1800000000000').values, [1_800_000_000]);
    assert.deepEqual(comparison('started >= "2027-01-15T00:00:00Z"').values, [
      Date.UTC(2027, 0, 15) / 1000,
    ]);
    assert.deepEqual(comparison('duration > "5m"').values, [300]);
    assert.deepEqual(comparison('duration <= 90').values, [90]);
  });

  it('reads IN, NOT IN, LIKE, ILIKE and NOT LIKE in any case', () => {
    const inList = comparison('status in ("running", "crashed")');
    assert.equal(inList.operator, 'in');
    assert.deepEqual(inList.values, ['running', 'crashed']);
    assert.equal(comparison('tags.x NOT IN ("a")').negated, true);
    assert.equal(comparison('name ilike "%Base%"').operator, 'ilike');
    assert.equal(comparison('name not like "x%"').negated, true);
    assert.deepEqual(comparison('params.seed IN (1, 2, 3)').values, [1, 2, 3]);
  });

  it('binds AND tighter than OR, and parentheses tighter than both', () => {
    const plain = parseFilter(
      'status = "failed" or status = "crashed" and metrics.loss < 1',
    ) as FilterNode;
    assert.equal(plain.kind, 'or');
    assert.equal((plain as { operands: FilterNode[] }).operands[1]?.kind, 'and');

    const grouped = parseFilter(
      '(status = "failed" or status = "crashed") and metrics.loss < 1',
    ) as FilterNode;
    assert.equal(grouped.kind, 'and');
    assert.equal((grouped as { operands: FilterNode[] }).operands[0]?.kind, 'or');

    assert.equal(parseFilter('not (status = "failed")')?.kind, 'not');
  });

  it('unescapes quotes and backslashes in strings', () => {
    assert.deepEqual(comparison('tags.note = "say \\"hi\\" \\\\ bye"').values, ['say "hi" \\ bye']);
  });
});

describe('parsing sort keys', () => {
  it('reads the same keys as filters', () => {
    assert.deepEqual(parseSortKey('metrics.loss'), { entity: 'metric', name: 'loss' });
    assert.deepEqual(parseSortKey('params.`batch size`'), { entity: 'param', name: 'batch size' });
    assert.deepEqual(parseSortKey('attributes.start_time'), {
      entity: 'attribute',
      name: 'started',
    });
  });
});
