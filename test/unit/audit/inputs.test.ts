import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { readLedger } from '../../../src/audit/ledger-read';
import type { InputEvent } from '../../../src/runlog/events';
import { cleanEnv, completion, hasPython, REPO_ROOT } from '../launch/processes';
import { readRun, runFolders } from '../launch/run-folder';
import { AuditFolder } from './audit-fixtures';

const DATA = 'id,label\n1,benign\n2,malignant\n';
const DATA_SHA256 = createHash('sha256').update(DATA).digest('hex');

/** A folder with data/cases.csv, in which a script is run with the store's folder as cwd. */
async function runIn(store: AuditFolder, program: string, args: string[]) {
  mkdirSync(join(store.folder, 'data'), { recursive: true });
  writeFileSync(join(store.folder, 'data', 'cases.csv'), DATA);
  const done = await completion(
    spawn(program, args, {
      cwd: store.folder,
      env: cleanEnv({ PYTHONPATH: join(REPO_ROOT, 'sdk', 'python') }),
    }),
  );
  assert.equal(done.code, 0, done.stderr);

  const [dir] = runFolders(store.layout.root);
  const summary = readRun(dir as string);
  return summary.events.filter((event): event is InputEvent => event.type === 'input');
}

describe('declaring inputs', () => {
  it('labbook.log_input in Python records the absolute path, size and SHA-256', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const store = new AuditFolder();
    const script = 'import labbook\nlabbook.init()\nprint(labbook.log_input("data/cases.csv"))';
    const inputs = await runIn(store, 'python3', ['-c', script]);
    assert.deepEqual(
      inputs.map(({ path, sha256, size }) => ({ path, sha256, size })),
      [{ path: join(store.folder, 'data', 'cases.csv'), sha256: DATA_SHA256, size: DATA.length }],
    );
    assert.deepEqual(
      readLedger(store.layout).seals.map((at) => at.seal.file),
      ['events.jsonl'],
      'finish() sealed the run',
    );
  });

  it('logInput in the Node SDK records the same', async () => {
    const store = new AuditFolder();
    const sdk = join(REPO_ROOT, 'sdk', 'node', 'dist', 'index.js');
    const script = `const labbook = require(${JSON.stringify(sdk)});\nlabbook.init();\nlabbook.logInput('data/cases.csv');`;
    const inputs = await runIn(store, process.execPath, ['-e', script]);
    assert.deepEqual(
      inputs.map(({ path, sha256, size }) => ({ path, sha256, size })),
      [{ path: join(store.folder, 'data', 'cases.csv'), sha256: DATA_SHA256, size: DATA.length }],
    );
    assert.equal(readLedger(store.layout).seals.length, 1, 'the exit sealed the run');
  });
});
