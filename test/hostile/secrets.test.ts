/**
 * Secrets never reach the record or the log channel (docs/security.md). One real tracked run
 * plants an AWS secret key, a GitHub token and passwords inside URLs everywhere a command can
 * put them: the environment, its output, its arguments, params, tags and the git remote.
 * Then no file of the store holds any of them. The extension logs the command line that
 * shownCommandLine() gives (src/extension/start/run-terminal.ts), checked here the same way.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { shownCommandLine } from '../../src/extension/start/run-process';
import { LOGGED_COMMANDS, PLANTED, SECRETS } from './corpus';
import { type BoundedRun, HostileFolder } from './hostile-helpers';

const ENV = {
  AWS_SECRET_ACCESS_KEY: PLANTED.aws,
  GITHUB_TOKEN: PLANTED.token,
  LABBOOK_DB_URL: `postgres://trainer:${PLANTED.urlPasswords[2]}@db:5432/runs`,
};

const REMOTE = `https://bot:${PLANTED.remote}@example.com/lab.git`;

/** Every file below `folder`, with its bytes. */
function filesBelow(folder: string): { path: string; bytes: Buffer }[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

function git(cwd: string, ...args: string[]): void {
  const done = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(done.status, 0, `git ${args.join(' ')}: ${done.stderr}`);
}

/** A repository whose origin has a password in its URL, with one commit. */
function repository(folder: string): string {
  const repo = join(folder, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q');
  git(repo, 'remote', 'add', 'origin', REMOTE);
  writeFileSync(join(repo, 'train.sh'), 'echo training\n');
  git(repo, 'add', 'train.sh');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'one');
  return repo;
}

const [paramPassword, tagPassword, envPassword, argvPassword] = PLANTED.urlPasswords;

/** The values the command prints; the others only go in through arguments and the repo. */
const PRINTED = [PLANTED.aws, PLANTED.token, envPassword, argvPassword];

const PRINTS = [
  'echo "key $AWS_SECRET_ACCESS_KEY"',
  'echo "token $GITHUB_TOKEN" >&2',
  'echo "db $LABBOOK_DB_URL"',
  'echo "args $1 $2"',
].join('; ');

describe('hostile input: secrets in the record and the log channel', function () {
  this.timeout(60_000);
  const store = new HostileFolder();
  let run: BoundedRun;
  let start: Record<string, unknown>;
  let files: { path: string; bytes: Buffer }[] = [];

  before(async () => {
    const repo = repository(store.folder);
    run = await store.labbook(
      [
        'run',
        '--name',
        'planted',
        '--cwd',
        repo,
        '--param',
        `creds=${PLANTED.aws}`,
        '--param',
        `db=https://bob:${paramPassword}@db.example/x`,
        '--tag',
        `t=${PLANTED.token}`,
        '--tag',
        `aws=${PLANTED.aws}`,
        '--tag',
        `db=postgres://u:${tagPassword}@h/db`,
        '--',
        'sh',
        '-c',
        PRINTS,
        'sh',
        `https://al:${argvPassword}@x.example`,
        PLANTED.aws,
      ],
      { env: ENV },
    );
    assert.equal(run.code, 0, run.stderr);
    await store.ok(['ls']);
    await store.ok(['verify']);
    files = filesBelow(store.layout.root);
    const [runId] = readdirSync(store.layout.runsDir);
    const first = readFileSync(join(store.layout.runDir(runId as string), 'events.jsonl'), 'utf8');
    start = JSON.parse(first.split('\n')[0] as string) as Record<string, unknown>;
  });

  after(() => store.remove());

  for (const entry of SECRETS) {
    it(`${entry.name}: ${entry.expected}`, () => {
      assert.ok(
        files.some((file) => file.path.endsWith('index.sqlite')),
        'no index was made',
      );
      for (const value of entry.input.values) {
        if (PRINTED.includes(value)) {
          // The terminal shows what the command printed; only the record is redacted.
          assert.ok(run.stdout.includes(value) || run.stderr.includes(value), `${value} unseen`);
        }

        const holders = files.filter((file) => file.bytes.includes(value));
        assert.deepEqual(
          holders.map((file) => file.path),
          [],
          `${value} is written down`,
        );
      }

      const record = files.map((file) => file.bytes.toString('utf8')).join('\n');
      assert.match(record, /\[redacted\]/);
      if (entry.input.values.includes(PLANTED.remote)) {
        const { remote } = start.git as { remote: string };
        assert.equal(remote, 'https://bot:[redacted]@example.com/lab.git');
        const env = start.env as Record<string, string>;
        assert.equal(env.LABBOOK_DB_URL, 'postgres://trainer:[redacted]@db:5432/runs');
      }
    });
  }

  for (const entry of LOGGED_COMMANDS) {
    it(`the log line for a command with ${entry.name}: ${entry.expected}`, () => {
      const line = shownCommandLine({
        command: entry.input.command,
        env: { ...process.env, ...ENV },
      });
      for (const value of entry.input.hidden) {
        assert.ok(!line.includes(value), `the log line holds ${value}: ${line}`);
      }

      assert.match(line, /\[redacted\]/);
      assert.equal(line.split(' ')[0], entry.input.command[0], 'the command itself is logged');
    });
  }
});
