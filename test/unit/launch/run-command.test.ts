import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  cleanEnv,
  completion,
  FIXTURES,
  hasPython,
  REPO_ROOT,
  runCli,
  scratchFolder,
  startCli,
  waitFor,
} from './processes';
import { readRun, runFolders } from './run-folder';

const TRAIN = join(REPO_ROOT, 'examples', 'train.py');

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every file of a run folder, recursively, as text. */
function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

describe('labbook run', function () {
  let folder: string;

  beforeEach(function () {
    folder = scratchFolder();
  });

  it('tracks a Python training script through the SDK and stdout as finished', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const done = await runCli(
      [
        'run',
        '--name',
        'first',
        '--experiment',
        'intro',
        '--param',
        'lr=0.5',
        '--param',
        'epochs=3',
        '--tag',
        'owner=ada',
        '--',
        'python3',
        TRAIN,
        '--lr',
        '${lr}',
        '--epochs',
        '${epochs}',
      ],
      folder,
    );

    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /val_acc: /);
    const [runDir] = runFolders(join(folder, '.labbook'));
    const summary = readRun(runDir as string);
    assert.equal(summary.end?.status, 'finished');
    assert.equal(summary.start.name, 'first');
    assert.equal(summary.start.experiment, 'intro');
    assert.ok(summary.start.versions?.python);
    assert.equal(summary.params.lr, 0.5);
    assert.equal(summary.params.epochs, 3);
    assert.equal(summary.params.batch_size, 32, 'params the script logged itself');
    assert.equal(summary.tags.owner, 'ada');
    assert.equal(summary.tags.model, 'logistic-regression');
    assert.equal(summary.metrics.get('val_acc')?.length, 3, 'scalars printed on stdout');
    assert.equal(summary.metrics.get('train_loss')?.length, 3 * 32, 'points logged by the SDK');
    assert.ok(summary.files.some((name) => name.startsWith('events-python-')));

    const listed = await runCli(['ls', '--json'], folder);
    assert.equal(listed.code, 0, listed.stderr);
    const [run] = JSON.parse(listed.stdout) as {
      status: string;
      params: Record<string, unknown>;
      metrics: Record<string, { count: number; last: number }>;
    }[];
    assert.equal(run?.status, 'finished');
    assert.deepEqual([run.params.lr, run.params.epochs, run.params.batch_size], [0.5, 3, 32]);
    assert.equal(run.metrics.val_acc?.count, 3);
    assert.equal(run.metrics.train_loss?.count, 3 * 32);
  });

  it("keeps the script's name and params when its SDK writes them before the start event", async function () {
    if (!hasPython()) {
      this.skip();
    }

    // A version manager's shim that is slow to say its version: the command runs, and its
    // SDK renames the run, before labbook run has the versions for its start event.
    const realPython = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' });
    const bin = join(folder, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'python3'),
      `#!/bin/sh\n[ "$1" = --version ] && sleep 1\nexec ${realPython.trim()} "$@"\n`,
      { mode: 0o755 },
    );
    writeFileSync(
      join(folder, 'named.py'),
      'import labbook\nlabbook.init(name="named-by-script")\nlabbook.log_params({"lr": 0.02})\n',
    );
    const env = cleanEnv({ PATH: `${bin}:${process.env.PATH ?? ''}` });

    const done = await runCli(
      ['run', '--param', 'lr=0.5', '--', 'python3', 'named.py'],
      folder,
      env,
    );
    assert.equal(done.code, 0, done.stderr);

    const listed = await runCli(['ls', '--json'], folder, env);
    const [run] = JSON.parse(listed.stdout) as { name: string; params: Record<string, unknown> }[];
    assert.equal(run?.name, 'named-by-script');
    assert.equal(run.params.lr, 0.02);
  });

  it('lands a script run with plain python3 in the nearest store', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const child = spawn('python3', [TRAIN, '--epochs', '2'], {
      cwd: folder,
      env: cleanEnv({ PYTHONPATH: join(REPO_ROOT, 'sdk', 'python') }),
    });
    const done = await completion(child);

    assert.equal(done.code, 0, done.stderr);
    const [runDir] = runFolders(join(folder, '.labbook'));
    const summary = readRun(runDir as string);
    assert.equal(summary.start.writer, 'python-sdk');
    assert.equal(summary.end?.status, 'finished');
    assert.equal(summary.params.epochs, 2);
    assert.equal(summary.metrics.get('train_loss')?.length, 2 * 32);
  });

  it('keeps the points of a command killed with SIGKILL and records it killed', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const ready = join(folder, 'ready');
    const code =
      'import os, runpy, sys\nopen(sys.argv[2] + ".pid", "w").write(str(os.getpid()))\n' +
      'sys.argv = sys.argv[1:]\nrunpy.run_path(sys.argv[0], run_name="__main__")';
    const cli = startCli(
      ['run', '--', 'python3', '-c', code, join(FIXTURES, 'slow_logger.py'), ready],
      folder,
      cleanEnv(),
    );
    const finished = completion(cli);
    await waitFor(() => existsSync(ready));
    process.kill(Number(readFileSync(`${ready}.pid`, 'utf8')), 'SIGKILL');
    const done = await finished;

    assert.equal(done.code, 137);
    const summary = readRun(runFolders(join(folder, '.labbook'))[0] as string);
    assert.equal(summary.end?.status, 'killed');
    assert.equal(summary.end?.signal, 'SIGKILL');
    assert.equal(summary.metrics.get('sdk_metric')?.length, 5);
    assert.equal(summary.metrics.get('printed')?.length, 5);
  });

  it('leaves a run whose launcher was killed with SIGKILL to be read as crashed', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const ready = join(folder, 'ready');
    const cli = startCli(
      ['run', '--', 'python3', join(FIXTURES, 'slow_logger.py'), ready],
      folder,
      cleanEnv(),
    );
    const finished = completion(cli);
    await waitFor(() => existsSync(ready));
    const runDir = runFolders(join(folder, '.labbook'))[0] as string;
    cli.kill('SIGKILL');
    await finished;

    const summary = readRun(runDir);
    assert.equal(summary.end, undefined, 'no end was written');
    assert.equal(summary.start.pid, cli.pid, 'the start names the launcher as owner');
    assert.ok(!pidAlive(summary.start.pid), 'so a reader on this host sees the owner gone');
    assert.ok(existsSync(join(runDir, 'heartbeat')));
    assert.equal(summary.metrics.get('sdk_metric')?.length, 5, 'points logged stay');

    const listed = await runCli(['ls', '--json'], folder);
    const [run] = JSON.parse(listed.stdout) as {
      status: string;
      metrics: Record<string, { count: number }>;
    }[];
    assert.equal(run?.status, 'crashed', 'labbook ls reads the orphaned run as crashed');
    assert.equal(run.metrics.sdk_metric?.count, 5);

    const child = Number(
      /"pid":(\d+)/.exec(
        readFileSync(
          join(runDir, summary.files.find((f) => f.startsWith('events-python')) as string),
          'utf8',
        ),
      )?.[1],
    );
    if (pidAlive(child)) {
      process.kill(child, 'SIGKILL');
    }
  });

  it('relays Ctrl+C to the command, records it killed and exits with 130', async () => {
    const cli = startCli(
      ['run', '--', 'sh', '-c', 'echo ready; while :; do sleep 0.05; done'],
      folder,
      cleanEnv(),
    );
    let out = '';
    cli.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const finished = completion(cli);
    await waitFor(() => out.includes('ready'));
    cli.kill('SIGINT');
    const done = await finished;

    assert.equal(done.code, 130);
    const summary = readRun(runFolders(join(folder, '.labbook'))[0] as string);
    assert.equal(summary.end?.status, 'killed');
  });

  it('loses nothing when two runs write to the same store at once', async () => {
    const script = 'i=0; while [ $i -lt 2000 ]; do echo "loss: $i"; i=$((i+1)); done';
    const [first, second] = await Promise.all([
      runCli(['run', '--name', 'a', '--', 'sh', '-c', script], folder),
      runCli(['run', '--name', 'b', '--', 'sh', '-c', script], folder),
    ]);

    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    const runs = runFolders(join(folder, '.labbook')).map(readRun);
    assert.deepEqual(runs.map((run) => run.start.name).sort(), ['a', 'b']);
    for (const run of runs) {
      assert.equal(run.end?.status, 'finished');
      const points = run.metrics.get('loss') ?? [];
      assert.equal(points.length, 2000);
      assert.deepEqual(points[1999], [1999, 1999]);
    }
  });

  it('keeps a secret from the environment out of every file of the run', async () => {
    const secret = 'sk-live-4f9a8b7c6d5e';
    const script =
      'echo "key is $MY_SERVICE_API_KEY"; echo "$MY_SERVICE_API_KEY" >&2; echo "loss: 1"';
    const done = await runCli(
      ['run', '--', 'sh', '-c', script],
      folder,
      cleanEnv({ MY_SERVICE_API_KEY: secret, LABBOOK_EXTRA_TOKEN: secret }),
    );

    assert.equal(done.code, 0, done.stderr);
    assert.match(
      done.stdout,
      new RegExp(secret),
      'the terminal still shows what the program printed',
    );
    const runDir = runFolders(join(folder, '.labbook'))[0] as string;
    const text = folderText(runDir);
    assert.ok(!text.includes(secret), 'the secret is in the run folder');
    assert.match(text, /key is \[redacted\]/);
    assert.equal(readRun(runDir).start.env?.LABBOOK_EXTRA_TOKEN, '[redacted]');
  });

  it('goes on and keeps all output when the reader of its stdout goes away', async () => {
    const cli = startCli(
      ['run', '--', 'sh', '-c', 'i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done'],
      folder,
      cleanEnv(),
    );
    cli.stdout?.once('data', () => cli.stdout?.destroy());
    const done = await completion(cli);

    assert.equal(done.code, 0, done.stderr);
    const runDir = runFolders(join(folder, '.labbook'))[0] as string;
    assert.equal(readRun(runDir).end?.status, 'finished');
    assert.match(readFileSync(join(runDir, 'stdout.log'), 'utf8'), /line 19999\n$/);
  });

  it('explains a missing command and a bad flag in one line', async () => {
    const missing = await runCli(['run', '--', 'no-such-program-xyz'], folder);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^labbook run: The command "no-such-program-xyz" was not found/);

    const badFlag = await runCli(['run', '--speed', 'fast', '--', 'true'], folder);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /unknown option "--speed"/);
  });
});
