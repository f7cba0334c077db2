import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tempFolder } from '../helpers/temp-store';
import { cliStore } from './cli-store';

const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

function run(
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built labbook command', () => {
  before(function () {
    if (!existsSync(CLI)) {
      throw new Error(`${CLI} is missing; run "npm run build" first (npm test does).`);
    }
  });

  it('lists runs as JSON from LABBOOK_STORE, NaN and infinities spelled as in the record', () => {
    const { layout, ids } = cliStore();
    const { status, stdout, stderr } = run(['ls', '--json', '--filter', 'experiment = "cifar"'], {
      LABBOOK_STORE: layout.root,
    });
    assert.equal(status, 0, stderr);
    const [diverged] = JSON.parse(stdout) as {
      id: string;
      metrics: { loss: { last: unknown; max: unknown } };
    }[];
    assert.equal(diverged?.id, ids.diverged);
    assert.equal(diverged?.metrics.loss.last, 'NaN');
    assert.equal(diverged?.metrics.loss.max, 'Infinity');
    assert.ok(existsSync(layout.indexPath), 'the index is saved for the next command');
  });

  it('finds the store with --store and reports a mistake in one line with exit code 2', () => {
    const { layout } = cliStore();
    const { status, stdout, stderr } = run(
      ['show', 'baseline', '--store', layout.root, '--bogus'],
      {},
    );
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /^labbook show: Unknown option '--bogus'.*Usage: labbook show RUN/);
  });

  it('records a run into the store --store names, wherever the command runs', () => {
    const store = join(tempFolder(), 'elsewhere', '.labbook');
    const { status, stderr } = run(
      ['run', '--store', store, '--name', 'stored', '--', process.execPath, '-e', '1'],
      {},
    );
    assert.equal(status, 0, stderr);
    assert.equal(readdirSync(join(store, 'runs')).length, 1);

    const listed = run(['ls', '--json', '--store', store], {});
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { name: string }[]).map((each) => each.name),
      ['stored'],
    );
  });

  it('refuses a --store that is a file, or the folder around a store, and writes nothing', () => {
    const { layout } = cliStore();
    const project = join(layout.root, '..');
    const around = run(['ls', '--store', project], {});
    assert.equal(around.status, 2);
    assert.equal(
      around.stderr,
      `labbook ls: ${project} is not a Labbook store but holds one; ` +
        `use --store ${layout.root} instead.\n`,
    );
    assert.ok(!existsSync(join(project, 'index.sqlite')), 'no index was written beside it');

    const file = join(tempFolder(), 'notes.txt');
    writeFileSync(file, 'not a store\n');
    const commands = [
      ['ls', '--store', file],
      ['run', '--store', file, '--', process.execPath, '-e', '1'],
    ];
    for (const args of commands) {
      const refused = run(args, {});
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /is a file, not a folder; give the \.labbook folder\.\n$/);
    }
  });
});
