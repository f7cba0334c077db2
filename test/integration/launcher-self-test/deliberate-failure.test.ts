import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

/** Printed by the failing assertion so the launcher's self-test can find it in the output. */
const failureMarker = 'LABBOOK_DELIBERATE_FAILURE';

describe('the launcher self-test suite', () => {
  it('runs inside a real extension host', () => {
    assert.equal(typeof vscode.version, 'string');
  });

  it('fails on purpose so the launcher must exit non-zero', () => {
    assert.equal(2 + 2, 5, `${failureMarker}: this failure is expected`);
  });
});
