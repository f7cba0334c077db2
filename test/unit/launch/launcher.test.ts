import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { LaunchError, launchRun, wrapperExitCode } from '../../../src/launch/launcher';
import { StoreLayout } from '../../../src/store/layout';
import { cleanEnv, scratchFolder, waitFor } from './processes';
import { readRun } from './run-folder';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('launcher', () => {
  let folder: string;
  let store: StoreLayout;

  beforeEach(() => {
    folder = scratchFolder();
    store = new StoreLayout(join(folder, '.labbook'));
  });

  it('records the command, where it ran, its output and a finished end', async () => {
    const seen: string[] = [];
    const run = await launchRun({
      command: ['sh', '-c', 'echo "loss: 0.5"; echo warn >&2; echo "loss: 0.25"'],
      store,
      cwd: folder,
      name: 'first',
      experiment: 'baseline',
      tags: { team: 'vision' },
      env: cleanEnv(),
      stdin: 'ignore',
      onStdout: (chunk) => seen.push(chunk.toString()),
    });
    const outcome = await run.outcome;

    assert.equal(outcome.status, 'finished');
    assert.equal(outcome.exitCode, 0);
    assert.equal(seen.join(''), 'loss: 0.5\nloss: 0.25\n');

    const summary = readRun(run.runDir);
    assert.equal(summary.start.name, 'first');
    assert.equal(summary.start.experiment, 'baseline');
    assert.deepEqual(summary.start.command, ['sh', '-c', summary.start.command?.[2]]);
    assert.equal(summary.start.cwd, folder);
    assert.equal(summary.start.writer, 'launcher');
    assert.ok(summary.start.host.length > 0);
    assert.ok(summary.start.user.length > 0);
    assert.equal(summary.start.env?.LABBOOK_RUN_ID, run.runId);
    assert.equal(summary.start.git, null);
    assert.deepEqual(summary.tags, { team: 'vision' });
    assert.deepEqual(summary.metrics.get('loss'), [
      [0, 0.5],
      [1, 0.25],
    ]);
    assert.equal(summary.end?.status, 'finished');
    assert.equal(summary.end?.exitCode, 0);
    assert.ok((summary.end?.duration ?? -1) >= 0);
    assert.equal(readFileSync(join(run.runDir, 'stdout.log'), 'utf8'), 'loss: 0.5\nloss: 0.25\n');
    assert.equal(readFileSync(join(run.runDir, 'stderr.log'), 'utf8'), 'warn\n');
  });

  it('records a non-zero exit as failed with the end of stderr', async () => {
    const run = await launchRun({
      command: ['sh', '-c', 'echo "Traceback: boom" >&2; exit 3'],
      store,
      cwd: folder,
      env: cleanEnv(),
      stdin: 'ignore',
    });
    const outcome = await run.outcome;

    assert.equal(outcome.status, 'failed');
    assert.equal(wrapperExitCode(outcome), 3);
    const end = readRun(run.runDir).end;
    assert.equal(end?.exitCode, 3);
    assert.match(end?.error ?? '', /Traceback: boom/);
  });

  it('records a command ended by a signal as killed and exits with 128+N', async () => {
    const run = await launchRun({
      command: ['sh', '-c', 'kill -TERM $$'],
      store,
      cwd: folder,
      env: cleanEnv(),
      stdin: 'ignore',
    });
    const outcome = await run.outcome;

    assert.equal(outcome.status, 'killed');
    assert.equal(outcome.signal, 'SIGTERM');
    assert.equal(wrapperExitCode(outcome), 143);
    assert.equal(readRun(run.runDir).end?.signal, 'SIGTERM');
  });

  it('passes params as environment variables and ${key} arguments, recorded typed', async () => {
    const run = await launchRun({
      command: ['sh', '-c', 'echo "$LABBOOK_PARAM_LR $1"', 'sh', '--depth=${depth}'],
      store,
      cwd: folder,
      params: { lr: '0.01', depth: '12' },
      env: cleanEnv(),
      stdin: 'ignore',
    });
    await run.outcome;

    assert.equal(readFileSync(join(run.runDir, 'stdout.log'), 'utf8'), '0.01 --depth=12\n');
    const summary = readRun(run.runDir);
    assert.deepEqual(summary.params, { lr: 0.01, depth: 12 });
    assert.equal(summary.start.command?.[4], '--depth=12');
  });

  it('keeps stdout scalars out of the metrics when capture is off', async () => {
    const run = await launchRun({
      command: ['sh', '-c', 'echo "loss: 1"'],
      store,
      cwd: folder,
      captureStdout: false,
      env: cleanEnv(),
      stdin: 'ignore',
    });
    await run.outcome;

    assert.equal(readRun(run.runDir).metrics.size, 0);
  });

  it('follows the stdout scalar settings of the store config', async () => {
    execFileSync('mkdir', ['-p', store.root]);
    writeFileSync(
      store.configPath,
      JSON.stringify({
        stdoutScalars: { patterns: [{ pattern: 'Loss=(?<value>\\S+)', key: 'loss' }] },
      }),
    );
    const run = await launchRun({
      command: ['sh', '-c', 'echo "iter 1 Loss=0.7"; echo "acc: 0.9"'],
      store,
      cwd: folder,
      env: cleanEnv(),
      stdin: 'ignore',
    });
    await run.outcome;

    const metrics = readRun(run.runDir).metrics;
    assert.deepEqual([...metrics.keys()], ['loss']);
    assert.deepEqual(metrics.get('loss'), [[0, 0.7]]);
  });

  it('refuses a command that does not exist without creating a run', async () => {
    await assert.rejects(
      launchRun({ command: ['no-such-program-xyz'], store, cwd: folder, env: cleanEnv() }),
      (error: unknown) => error instanceof LaunchError && /was not found/.test(error.message),
    );
    assert.ok(!existsSync(store.runsDir) || readdirSync(store.runsDir).length === 0);
  });

  it('says why a script that is not executable, or a --cwd that is a file, cannot start', async () => {
    const script = join(folder, 'train.py');
    writeFileSync(script, 'print("loss: 1")\n');
    await assert.rejects(
      launchRun({ command: ['./train.py'], store, cwd: folder, env: cleanEnv() }),
      (error: unknown) =>
        error instanceof LaunchError &&
        error.message ===
          'The command "./train.py" is not executable; run it through its interpreter, ' +
            'or chmod +x it.',
    );
    await assert.rejects(
      launchRun({ command: ['true'], store, cwd: script, env: cleanEnv() }),
      (error: unknown) =>
        error instanceof LaunchError &&
        error.message === `The working folder ${script} is not a folder; check --cwd.`,
    );
    assert.ok(!existsSync(store.runsDir) || readdirSync(store.runsDir).length === 0);
  });

  it('records git commit, branch, remote and the dirty patch, without the store', async () => {
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', ...args], {
        cwd: folder,
        encoding: 'utf8',
      });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(folder, 'train.py'), 'lr = 0.1\n');
    git('add', 'train.py');
    git('commit', '-qm', 'first');
    git('remote', 'add', 'origin', 'https://bot:ghp_secret123@example.com/lab.git');
    const clean = await launchRun({ command: ['true'], store, cwd: folder, env: cleanEnv() });
    await clean.outcome;

    writeFileSync(join(folder, 'train.py'), 'lr = 0.2\n');
    const dirty = await launchRun({ command: ['true'], store, cwd: folder, env: cleanEnv() });
    await dirty.outcome;

    const cleanGit = readRun(clean.runDir).start.git;
    assert.equal(cleanGit?.dirty, false, 'the store inside the repository is not a change');
    assert.equal(cleanGit?.branch, 'main');
    assert.equal(cleanGit?.commit, git('rev-parse', 'HEAD').trim());
    assert.equal(cleanGit?.remote, 'https://bot:[redacted]@example.com/lab.git');
    const dirtyGit = readRun(dirty.runDir).start.git;
    assert.equal(dirtyGit?.dirty, true);
    assert.equal(dirtyGit?.patch, 'git.patch');
    assert.match(readFileSync(join(dirty.runDir, 'git.patch'), 'utf8'), /^\+lr = 0\.2$/m);
  });

  it('stops with SIGINT first and records the run as killed', async () => {
    const run = await launchRun({
      command: [
        'sh',
        '-c',
        'trap "echo interrupted; exit 0" INT; echo ready; while :; do sleep 0.05; done',
      ],
      store,
      cwd: folder,
      env: cleanEnv(),
      stdin: 'ignore',
    });
    await waitFor(() => readFileSync(join(run.runDir, 'stdout.log'), 'utf8').includes('ready'));
    const outcome = await run.stop();

    assert.equal(outcome.status, 'killed');
    assert.match(readFileSync(join(run.runDir, 'stdout.log'), 'utf8'), /interrupted/);
    const summary = readRun(run.runDir);
    assert.ok(summary.events.some((event) => event.type === 'status' && event.status === 'killed'));
    assert.equal(summary.end?.status, 'killed');
  });

  it('escalates to SIGKILL and takes the command children with it', async () => {
    const script = [
      'trap "" INT TERM',
      'sleep 300 & echo "child $!"',
      'echo ready',
      'while :; do sleep 0.05; done',
    ].join('\n');
    const run = await launchRun({
      command: ['sh', '-c', script],
      store,
      cwd: folder,
      env: cleanEnv(),
      stdin: 'ignore',
      graceMs: 300,
    });
    const log = (): string => readFileSync(join(run.runDir, 'stdout.log'), 'utf8');
    await waitFor(() => log().includes('ready'));
    const child = Number(/child (\d+)/.exec(log())?.[1]);
    assert.ok(pidAlive(child));

    const outcome = await run.stop();

    assert.equal(outcome.status, 'killed');
    assert.equal(outcome.signal, 'SIGKILL');
    await waitFor(() => !pidAlive(child), 5_000);
  });
});
