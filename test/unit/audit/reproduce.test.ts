import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import type { ReproductionResult } from '../../../src/audit/reproduce/reproduce';
import { tempFolder } from '../helpers/temp-store';
import { hasPython, REPO_ROOT } from '../launch/processes';
import { AuditFolder } from './audit-fixtures';

function git(folder: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: folder, encoding: 'utf8' }).trim();
}

/**
 * A clone holding examples/fit_line.py, committed, then changed without a commit (so the
 * run records a patch), with its data file outside git.
 */
function exampleClone(store: AuditFolder): void {
  const { folder } = store;
  git(folder, 'init', '--quiet');
  git(folder, 'config', 'user.email', 'auditor@example.invalid');
  git(folder, 'config', 'user.name', 'Auditor');
  copyFileSync(join(REPO_ROOT, 'examples', 'fit_line.py'), join(folder, 'fit_line.py'));
  writeFileSync(join(folder, '.gitignore'), 'data/\nline.json\n.labbook/\n');
  git(folder, 'add', 'fit_line.py', '.gitignore');
  git(folder, 'commit', '--quiet', '-m', 'fit a line');
  appendFileSync(join(folder, 'fit_line.py'), '# an uncommitted change, kept as git.patch\n');

  mkdirSync(join(folder, 'data'));
  const points = Array.from(
    { length: 40 },
    (_, at) => `${at / 10},${(3 * at) / 10 + 1 + ((at * 7) % 5) / 10}`,
  );
  writeFileSync(join(folder, 'data', 'points.csv'), `${points.join('\n')}\n`);
}

async function trackedFit(store: AuditFolder, extra: string[] = []): Promise<string> {
  const done = await store.ok([
    'run',
    '--param',
    'epochs=15',
    ...extra,
    '--',
    'python3',
    'fit_line.py',
    '--data',
    'data/points.csv',
    '--epochs',
    '${epochs}',
  ]);
  return /run (\S+) started/.exec(done.stderr)?.[1] as string;
}

function runIds(store: AuditFolder): string[] {
  return readdirSync(store.layout.runsDir).sort();
}

describe('labbook reproduce', () => {
  let worktrees = '';
  let env: Record<string, string> = {};

  beforeEach(function () {
    if (!hasPython()) {
      this.skip();
    }

    worktrees = tempFolder('labbook-worktrees-');
    env = { LABBOOK_REPRODUCE_DIR: worktrees };
  });

  it('rebuilds a deterministic run from its commit, patch and input, to identical metrics', async function () {
    this.timeout(60_000);
    const store = new AuditFolder();
    exampleClone(store);
    const original = await trackedFit(store);

    const done = await store.labbook(['reproduce', original, '--json'], env);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stderr, /with the recorded patch applied/);
    assert.match(done.stderr, /data\/points\.csv: unchanged, linked in from the clone/);
    const result = JSON.parse(done.stdout) as ReproductionResult;
    assert.equal(result.original, original);
    assert.equal(result.outcome.status, 'finished');
    assert.deepEqual(
      result.comparison.metrics.map((metric) => [metric.key, metric.matches, metric.maxDifference]),
      [
        ['intercept', true, 0],
        ['loss', true, 0],
        ['slope', true, 0],
      ],
    );
    assert.equal(result.comparison.metrics[0]?.originalPoints, 15);

    const shown = await store.ok(['show', result.reproduction, '--json']);
    const reproduction = JSON.parse(shown.stdout) as {
      tags: Record<string, string>;
      params: Record<string, unknown>;
    };
    assert.equal(reproduction.tags.reproduces, original);
    assert.equal(reproduction.params.epochs, 15);
    assert.deepEqual(readdirSync(worktrees), [], 'the worktree is removed afterwards');
    assert.equal(git(store.folder, 'worktree', 'list').split('\n').length, 1);
  });

  it('fails before running when the recorded commit is not in the clone', async function () {
    this.timeout(60_000);
    const store = new AuditFolder();
    exampleClone(store);
    const original = await trackedFit(store);
    git(store.folder, 'stash', '--quiet');
    git(store.folder, 'commit', '--quiet', '--amend', '-m', 'history rewritten');
    git(store.folder, 'reflog', 'expire', '--expire=now', '--all');
    git(store.folder, 'stash', 'drop', '--quiet');
    git(store.folder, 'gc', '--quiet', '--prune=now');
    const before = runIds(store);

    const done = await store.labbook(['reproduce', original], env);
    assert.equal(done.code, 1);
    assert.match(
      done.stderr,
      /cannot be reproduced:\n {2}- The commit [0-9a-f]{40} is not in the clone at /,
    );
    assert.match(done.stderr, /fetch it/);
    assert.deepEqual(runIds(store), before, 'no run was started');
    assert.deepEqual(readdirSync(worktrees), []);
  });

  it('fails before running when a declared input has changed, naming the file', async function () {
    this.timeout(60_000);
    const store = new AuditFolder();
    exampleClone(store);
    const original = await trackedFit(store);
    appendFileSync(join(store.folder, 'data', 'points.csv'), '9,9\n');
    const before = runIds(store);

    const done = await store.labbook(['reproduce', original], env);
    assert.equal(done.code, 1);
    assert.match(done.stderr, /The input .*data\/points\.csv has changed since the run/);
    assert.deepEqual(runIds(store), before);
    assert.deepEqual(readdirSync(worktrees), [], 'the worktree made for the check is removed');
    assert.ok(existsSync(join(store.folder, 'fit_line.py')));
  });

  it('reports metrics that differ beyond the tolerance, and accepts them within it', async function () {
    this.timeout(60_000);
    const store = new AuditFolder();
    git(store.folder, 'init', '--quiet');
    git(store.folder, 'config', 'user.email', 'auditor@example.invalid');
    git(store.folder, 'config', 'user.name', 'Auditor');
    writeFileSync(
      join(store.folder, 'noisy.py'),
      'import random\nprint("noise: %r" % random.random())\n',
    );
    git(store.folder, 'add', 'noisy.py');
    git(store.folder, 'commit', '--quiet', '-m', 'noise');
    const ran = await store.ok(['run', '--', 'python3', 'noisy.py']);
    const original = /run (\S+) started/.exec(ran.stderr)?.[1] as string;

    const strict = await store.labbook(['reproduce', original], env);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /noise .* no: values differ beyond the tolerance/);
    assert.match(strict.stdout, /1 of 1 metrics differ \(tolerance 0\)/);

    const loose = await store.labbook(['reproduce', original, '--tolerance', '1'], env);
    assert.equal(loose.code, 0, loose.stdout);
    assert.match(loose.stdout, /All 1 metrics match \(tolerance 1\)/);
  });
});
