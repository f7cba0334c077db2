import { strict as assert } from 'node:assert';

import { escapeMarkdown } from '../../../src/extension/explorer/markdown-escape';
import { formatDuration, timeAgo } from '../../../src/extension/explorer/relative-time';

describe('untrusted text in tooltips', () => {
  it('escapes links, command URIs and HTML so that none of it is syntax', () => {
    const escaped = escapeMarkdown(
      '[click](command:labbook.deleteRun) <img src=x onerror=alert(1)>',
    );
    assert.ok(!/(^|[^\\])[[\]()<>]/.test(escaped), escaped);
  });

  it('folds newlines and control characters so a value cannot start a new block', () => {
    assert.equal(escapeMarkdown('a\n# b\u0000c'), 'a \\# b c');
  });

  it('shortens very long values', () => {
    assert.equal(escapeMarkdown('x'.repeat(500), 10), `${'x'.repeat(10)}…`);
  });
});

describe('relative times', () => {
  it('says how long ago a run started, coarsely', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    assert.equal(timeAgo(new Date('2026-12-03T11:59:30Z'), now), 'just now');
    assert.equal(timeAgo(new Date('2026-12-03T11:55:00Z'), now), '5 min ago');
    assert.equal(timeAgo(new Date('2026-12-01T12:00:00Z'), now), '2 d ago');
  });

  it('formats durations as hours and minutes, or minutes and seconds', () => {
    assert.equal(formatDuration(3725), '1h 02m');
    assert.equal(formatDuration(189), '3m 09s');
    assert.equal(formatDuration(12), '12s');
  });
});
