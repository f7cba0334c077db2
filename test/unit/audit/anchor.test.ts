import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { VerifyReport } from '../../../src/audit/verify-report';
import { AuditFolder, editLine } from './audit-fixtures';

function git(folder: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: folder, encoding: 'utf8' });
}

function gitRepository(folder: string): void {
  git(folder, 'init', '--quiet');
  git(folder, 'config', 'user.email', 'auditor@example.invalid');
  git(folder, 'config', 'user.name', 'Auditor');
}

describe('anchoring the ledger', () => {
  it('commits only the ledger to git, and verify catches a ledger rewritten after it', async () => {
    const store = new AuditFolder();
    gitRepository(store.folder);
    writeFileSync(join(store.folder, 'staged.txt'), 'not part of the anchor\n');
    git(store.folder, 'add', 'staged.txt');
    await store.lossRun();
    await store.lossRun();

    const anchored = await store.ok(['ledger', 'anchor']);
    assert.match(
      anchored.stdout,
      /^Committed the ledger in [0-9a-f]{12}: head [0-9a-f]{64} \(2 seals\)/,
    );
    assert.equal(
      git(store.folder, 'show', '--name-only', '--format=', 'HEAD').trim(),
      '.labbook/ledger.jsonl',
    );
    assert.match(git(store.folder, 'status', '--porcelain'), /^A {2}staged\.txt$/m);

    const again = await store.ok(['ledger', 'anchor']);
    assert.match(again.stdout, /^Already committed/);

    await store.lossRun();
    const grown = await store.labbook(['verify', '--json']);
    const holds = JSON.parse(grown.stdout) as VerifyReport;
    assert.equal(grown.code, 0, 'appending after the anchor is what a ledger does');
    assert.deepEqual(
      holds.ledger.anchors.map((anchor) => [anchor.source, anchor.ok, anchor.line]),
      [['git', true, 2]],
    );

    editLine(store.layout.ledgerPath, 2, (body) => body.replace('"lines":3', '"lines":4'), true);
    const rewritten = await store.labbook(['verify', '--json']);
    const report = JSON.parse(rewritten.stdout) as VerifyReport;
    assert.equal(rewritten.code, 1);
    const problem = report.problems.find((each) => each.kind === 'anchor');
    assert.equal(problem?.file, 'ledger.jsonl');
    assert.equal(problem?.line, 2);
    assert.equal(report.ledger.anchors[0]?.ok, false);
  });

  it('will not anchor a rewritten ledger, and verify checks every earlier anchor', async () => {
    const store = new AuditFolder();
    gitRepository(store.folder);
    await store.lossRun();
    await store.lossRun();
    await store.ok(['ledger', 'anchor']);
    const first = git(store.folder, 'rev-parse', 'HEAD').trim();

    // A seal changed and every ledger hash after it recomputed, then anchored anew.
    editLine(store.layout.ledgerPath, 1, (body) => body.replace('"lines":3', '"lines":4'), true);
    const refused = await store.labbook(['ledger', 'anchor']);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      new RegExp(`line 1 differs .* committed in ${first.slice(0, 12)}`),
    );
    assert.equal(git(store.folder, 'rev-parse', 'HEAD').trim(), first, 'no commit was made');

    // The same rewrite committed by hand, past labbook: the first anchor still catches it.
    git(store.folder, 'add', '--force', '.labbook/ledger.jsonl');
    git(store.folder, 'commit', '--quiet', '--message', 'tidy the ledger');
    const caught = await store.labbook(['verify', '--json']);
    const report = JSON.parse(caught.stdout) as VerifyReport;
    assert.equal(caught.code, 1);
    const problem = report.problems.find((each) => each.kind === 'anchor');
    assert.equal(problem?.line, 1);
    assert.match(problem?.message ?? '', new RegExp(first.slice(0, 12)));
    assert.deepEqual(
      report.ledger.anchors.map((each) => [each.commit, each.ok]),
      [[first, false]],
    );
  });

  it('outside git prints the head hash, which verify --anchor then checks', async () => {
    const store = new AuditFolder();
    await store.lossRun();
    const anchored = await store.ok(['ledger', 'anchor', '--json']);
    const { headHash, committed } = JSON.parse(anchored.stdout) as {
      headHash: string;
      committed: boolean;
    };
    assert.equal(committed, false);
    assert.match(headHash, /^[0-9a-f]{64}$/);

    await store.lossRun();
    await store.ok(['verify', '--anchor', headHash]);

    editLine(store.layout.ledgerPath, 1, (body) => body.replace('"lines":3', '"lines":4'), true);
    const caught = await store.labbook(['verify', '--anchor', headHash]);
    assert.equal(caught.code, 1);
    assert.match(caught.stdout, /no line of the ledger has the anchored head hash/);
  });
});
