import { strict as assert } from 'node:assert';

import { formatTable } from '../../../src/cli/text-table';

describe('an aligned text table', () => {
  const columns = [
    { title: 'ID' },
    { title: 'NAME', shrink: true },
    { title: `PARAMS.LEARNING_RATE_${'OF_THE_SECOND_OPTIMIZER_'.repeat(3)}`, shrink: true },
  ];

  it('fits 100 columns by cutting a long title like its cells, keeping short ones whole', () => {
    const rows = [['20261204-075147-062-45f02226', 'a'.repeat(60), '0.001']];
    const lines = formatTable(columns, rows).trimEnd().split('\n');

    assert.ok(
      lines.every((line) => line.length <= 100),
      lines.map((line) => line.length).join(', '),
    );
    assert.match(lines[0] ?? '', /^ID\s+NAME\s+PARAMS\.LEARNING_RATE\S*…$/);
    assert.match(lines[1] ?? '', /a…\s+0\.001$/);
  });
});
