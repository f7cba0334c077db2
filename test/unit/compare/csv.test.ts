import { strict as assert } from 'node:assert';

import { toCsv } from '../../../src/compare-logic/csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    assert.equal(
      toCsv(['a', 'b'], [['x,y', 'say "hi"\nthen']]),
      'a,b\r\n"x,y","say ""hi""\nthen"\r\n',
    );
  });

  it('writes numbers at full precision, NaN by name and missing values as empty', () => {
    assert.equal(
      toCsv(['v'], [[0.1 + 0.2], [NaN], [null], [undefined], [-Infinity]]),
      'v\r\n0.30000000000000004\r\nNaN\r\n\r\n\r\n-Infinity\r\n',
    );
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    const csv = toCsv(['name'], [['=HYPERLINK("x")'], ['@SUM(A1)'], ['-cmd'], ['-2.5']]);
    assert.equal(csv, 'name\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(A1)\r\n\'-cmd\r\n-2.5\r\n');
  });
});
