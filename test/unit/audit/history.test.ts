import { strict as assert } from 'node:assert';
import { userInfo } from 'node:os';

import type { HistoryEntry } from '../../../src/audit/run-history';
import { AuditFolder } from './audit-fixtures';

describe('labbook history', () => {
  it('lists every change in time order with its user and the value it replaced', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun(3, ['--name', 'baseline', '--tag', 'stage=candidate']);
    await store.ok(['rename', id, 'baseline-v2']);
    await store.ok(['tag', id, 'stage=final']);
    await store.ok(['note', id, 'best loss on site B', '--decision', 'Selected for submission']);
    await store.ok(['delete', id]);
    await store.ok(['restore', id]);

    const done = await store.ok(['history', id, '--json']);
    const { run, entries } = JSON.parse(done.stdout) as { run: string; entries: HistoryEntry[] };
    assert.equal(run, id);
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['created', 'tagged', 'ended', 'renamed', 'tagged', 'decided', 'deleted', 'restored'],
    );

    const times = entries.map((entry) => entry.time);
    assert.deepEqual(times, [...times].sort(), 'oldest first');
    const user = userInfo().username;
    assert.ok(entries.every((entry) => entry.user === user));

    const [, firstTag, , rename, secondTag, decision] = entries;
    assert.deepEqual(firstTag?.changes, [{ field: 'tags.stage', after: 'candidate' }]);
    assert.deepEqual(rename?.changes, [
      { field: 'name', before: 'baseline', after: 'baseline-v2' },
    ]);
    assert.deepEqual(secondTag?.changes, [
      { field: 'tags.stage', before: 'candidate', after: 'final' },
    ]);
    assert.equal(decision?.decision, 'Selected for submission');
    assert.equal(decision?.text, 'best loss on site B');
    assert.equal(rename?.writer, 'cli');

    const text = await store.ok(['history', 'baseline-v2']);
    assert.match(text.stdout, /renamed "baseline" → "baseline-v2"/);
    assert.match(text.stdout, /set tags\.stage: "candidate" → "final"/);
    assert.match(text.stdout, /decided "Selected for submission": "best loss on site B"/);
  });

  it('refuses a decision title that is empty or spans lines, writing nothing', async () => {
    const store = new AuditFolder();
    const id = await store.lossRun(1);
    const before = store.recordFiles(id).length;
    const done = await store.labbook(['note', id, 'why', '--decision', 'two\nlines']);
    assert.equal(done.code, 2);
    assert.match(done.stderr, /--decision takes a short title on one line/);
    assert.equal(store.recordFiles(id).length, before);
  });
});
