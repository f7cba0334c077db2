import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { checkChain } from '../../../src/audit/chain-check';
import { readLedger } from '../../../src/audit/ledger-read';
import { appendSeal, ledgerLockPath } from '../../../src/store/ledger';
import { ensureStore } from '../../../src/store/locate';
import { cleanEnv, completion, hasPython, REPO_ROOT } from '../launch/processes';
import { AuditFolder } from './audit-fixtures';

const PYTHON_SDK = join(REPO_ROOT, 'sdk', 'python');

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const seal = { file: 'events.jsonl', lines: 1, bytes: 10, head: 'a'.repeat(64) };

describe('the ledger', () => {
  it('seals every record file a launcher, an edit and a Python SDK writer close', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const store = new AuditFolder();
    const script = 'import labbook; labbook.init(); labbook.log({"acc": 0.5})';
    const launched = await store.ok(['run', '--', 'python3', '-c', script], {
      PYTHONPATH: PYTHON_SDK,
    });
    const id = /run (\S+) started/.exec(launched.stderr)?.[1] as string;
    await store.ok(['rename', id, 'sealed-run']);

    const ledger = readLedger(store.layout);
    const files = store.recordFiles(id).sort();
    assert.equal(files.length, 3, 'the launcher, the SDK inside it and the rename');
    assert.deepEqual(ledger.seals.map((at) => at.seal.file).sort(), files);
    for (const { seal: each } of ledger.seals) {
      const path = join(store.layout.runDir(id), each.file);
      const check = checkChain(path);
      assert.equal(each.run, id);
      assert.equal(each.lines, check.lines);
      assert.equal(each.head, check.headHash);
      assert.equal(each.bytes, readFileSync(path).length);
    }

    assert.deepEqual(ledger.breaks, []);
  });

  it('stays one unbroken chain when Node and Python processes seal at the same time', async function () {
    if (!hasPython()) {
      this.skip();
    }

    this.timeout(60_000);
    const store = new AuditFolder();
    ensureStore(store.layout);
    const each = 25;
    const node = [
      `const { appendSeal } = require(${JSON.stringify(join(REPO_ROOT, 'out/src/store/ledger'))});`,
      `const { StoreLayout } = require(${JSON.stringify(join(REPO_ROOT, 'out/src/store/layout'))});`,
      `const layout = new StoreLayout(${JSON.stringify(store.layout.root)});`,
      `for (let i = 0; i < ${each}; i++) appendSeal(layout, { run: 'node-' + process.pid, file: 'f' + i + '.jsonl', lines: i, bytes: i, head: 'b'.repeat(64) });`,
    ].join('\n');
    const python = [
      'import os, sys',
      'from labbook import ledger',
      `for i in range(${each}):`,
      `    ledger.append_seal(${JSON.stringify(store.layout.root)}, "py-%d" % os.getpid(), "f%d.jsonl" % i, i, i, "c" * 64)`,
    ].join('\n');
    const env = cleanEnv({ PYTHONPATH: PYTHON_SDK });
    const children = [
      ...[1, 2, 3].map(() => spawn(process.execPath, ['-e', node], { env })),
      ...[1, 2, 3].map(() => spawn('python3', ['-c', python], { env })),
    ];
    const finished = await Promise.all(children.map(completion));
    for (const done of finished) {
      assert.equal(done.code, 0, done.stderr);
    }

    const ledger = readLedger(store.layout);
    assert.deepEqual(ledger.breaks, [], 'every line chains to the one before, seq in order');
    assert.deepEqual(ledger.badLines, []);
    assert.equal(ledger.seals.length, 6 * each);
    assert.equal(new Set(ledger.seals.map((at) => at.seal.run)).size, 6);
    assert.equal(existsSync(ledgerLockPath(store.layout)), false, 'no lock is left behind');
  });

  it('breaks a lock left by a process that is gone, in Node and in Python', function () {
    if (!hasPython()) {
      this.skip();
    }

    const store = new AuditFolder();
    ensureStore(store.layout);
    const lock = ledgerLockPath(store.layout);
    const stale = JSON.stringify({ pid: deadPid(), host: hostname(), token: 'gone', time: 0 });

    writeFileSync(lock, stale);
    appendSeal(store.layout, { run: 'node-run', ...seal });

    writeFileSync(lock, stale);
    const python = spawnSync(
      'python3',
      [
        '-c',
        `from labbook import ledger; ledger.append_seal(${JSON.stringify(store.layout.root)}, "py-run", "e.jsonl", 1, 2, "d" * 64)`,
      ],
      { env: cleanEnv({ PYTHONPATH: PYTHON_SDK }), encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(python.status, 0, python.stderr);

    const ledger = readLedger(store.layout);
    assert.deepEqual(
      ledger.seals.map((at) => at.seal.run),
      ['node-run', 'py-run'],
    );
    assert.deepEqual(ledger.breaks, []);
    assert.equal(existsSync(lock), false);
  });

  it('waits for a lock that a live process holds, and appends after it is released', async () => {
    const store = new AuditFolder();
    ensureStore(store.layout);
    const lock = ledgerLockPath(store.layout);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), token: 'live' }));
    // A waiting append blocks this thread, so another process releases the lock.
    const releaser = spawn(process.execPath, [
      '-e',
      `setTimeout(() => require('fs').unlinkSync(${JSON.stringify(lock)}), 400)`,
    ]);
    const started = Date.now();
    appendSeal(store.layout, { run: 'waited', ...seal });
    const waited = Date.now() - started;
    holder.kill();
    await completion(releaser);

    assert.ok(waited >= 300, `the append waited ${waited} ms for the lock`);
    assert.deepEqual(
      readLedger(store.layout).seals.map((at) => at.seal.run),
      ['waited'],
    );
  });

  it('cuts off a torn last line before appending, so the chain goes on', () => {
    const store = new AuditFolder();
    ensureStore(store.layout);
    appendSeal(store.layout, { run: 'first', ...seal });
    appendFileSync(store.layout.ledgerPath, '{"seq":1,"time":1,"type":"se');
    appendSeal(store.layout, { run: 'second', ...seal });

    const ledger = readLedger(store.layout);
    assert.deepEqual(
      ledger.seals.map((at) => [at.line, at.seal.seq, at.seal.run]),
      [
        [1, 0, 'first'],
        [2, 1, 'second'],
      ],
    );
    assert.deepEqual(ledger.breaks, []);
    assert.equal(ledger.pendingBytes, 0);
  });
});
