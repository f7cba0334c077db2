import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';

import { labbook } from '../helpers/capture-cli';
import { cliStore } from './cli-store';

function assertFits(text: string): void {
  for (const line of text.split('\n')) {
    assert.ok(line.length <= 100, `line of ${line.length} columns: ${line}`);
  }
}

describe('labbook ls', () => {
  it('prints an aligned table of runs that fits 100 columns, newest first', async () => {
    const { layout, ids } = cliStore();
    const { code, stdout, stderr } = await labbook(layout.root, 'ls');

    assert.equal(code, 0, stderr);
    assertFits(stdout);
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+NAME\s+EXPERIMENT\s+STATUS\s+STARTED\s+DURATION$/);
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(/\s+/)[0]),
      [ids.diverged, ids.wide, ids.baseline],
    );
    assert.match(stdout, /wide-very-long-name.*…/);
    const statusColumn = (lines[0] ?? '').indexOf('STATUS');
    assert.ok(lines.slice(1).every((line) => /^(finished|failed)/.test(line.slice(statusColumn))));
  });

  it('filters, sorts, limits and selects an experiment', async () => {
    const { layout, ids } = cliStore();
    const idsOf = (text: string): string[] =>
      text
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(' ')[0] ?? '');

    const filtered = await labbook(
      layout.root,
      'ls',
      '--filter',
      'params.optimizer = "adam" or params.lr > 5',
    );
    assert.deepEqual(idsOf(filtered.stdout).sort(), [ids.wide, ids.diverged].sort());

    const sorted = await labbook(
      layout.root,
      'ls',
      '--sort',
      'metrics.acc',
      '--desc',
      '--limit',
      '2',
    );
    assert.deepEqual(idsOf(sorted.stdout), [ids.baseline, ids.wide]);
    assert.match(sorted.stdout.split('\n')[0] ?? '', /METRICS\.ACC$/);

    const experiment = await labbook(layout.root, 'ls', '--experiment', 'cifar');
    assert.deepEqual(idsOf(experiment.stdout), [ids.diverged]);

    const none = await labbook(layout.root, 'ls', '--filter', 'status = "crashed"');
    assert.equal(none.stdout, 'No runs match.\n');
  });

  it('prints runs as JSON in the agreed shape, with NaN and infinities spelled as in the record', async () => {
    const { layout, ids } = cliStore();
    const { stdout } = await labbook(layout.root, 'ls', '--json', '--sort', 'name');
    const runs = JSON.parse(stdout) as Record<string, unknown>[];

    assert.equal(runs.length, 3);
    const [baseline, diverged] = runs;
    assert.deepEqual(Object.keys(baseline ?? {}), [
      'id',
      'name',
      'experiment',
      'status',
      'startedAt',
      'endedAt',
      'exitCode',
      'command',
      'params',
      'tags',
      'metrics',
      'git',
    ]);
    assert.equal(baseline?.id, ids.baseline);
    assert.deepEqual(baseline?.command, ['python', 'train.py', '--lr', '0.1']);
    assert.deepEqual(baseline?.params, { epochs: 3, lr: 0.1, optimizer: 'sgd' });
    assert.deepEqual(baseline?.tags, { stage: 'dev' });
    assert.deepEqual(baseline?.git, {
      commit: '0123456789abcdef0123',
      branch: 'main',
      dirty: false,
    });
    assert.deepEqual((baseline?.metrics as Record<string, unknown>).loss, {
      last: 1 / 300,
      min: 1 / 300,
      max: 1,
      step: 299,
      count: 300,
    });
    assert.match(String(baseline?.startedAt), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    assert.equal(diverged?.status, 'failed');
    assert.equal(diverged?.exitCode, 1);
    assert.deepEqual(diverged?.params, { lr: 10, seed: { $float: 'NaN' } });
    assert.deepEqual((diverged?.metrics as Record<string, unknown>).loss, {
      last: 'NaN',
      min: 5,
      max: 'Infinity',
      step: 2,
      count: 3,
    });
  });

  it('explains a bad filter in one line on stderr with a non-zero exit code', async () => {
    const { layout } = cliStore();
    const { code, stdout, stderr } = await labbook(layout.root, 'ls', '--filter', 'metrics.loss <');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'labbook ls: the filter has a problem at character 15: expected a number but found the end of the filter.\n',
    );

    const sort = await labbook(layout.root, 'ls', '--sort', 'loss');
    assert.match(
      sort.stderr,
      /^labbook ls: the sort key has a problem at character 1: expected a key such as/,
    );
  });

  it('still lists runs when the index cannot be saved, and says why', async () => {
    const { layout, ids } = cliStore();
    mkdirSync(layout.indexPath);
    const { code, stdout, stderr } = await labbook(layout.root, 'ls');
    assert.equal(code, 0);
    assert.ok(stdout.includes(ids.baseline));
    assert.match(
      stderr,
      /^labbook: could not save the index at .*index\.sqlite \(.*\); the next command reads the records again\.\n$/,
    );
  });

  it('says so when there is no store', async () => {
    const { code, stderr } = await labbook('/nonexistent/.labbook', 'ls');
    assert.equal(code, 1);
    assert.match(
      stderr,
      /^labbook ls: no Labbook store at \/nonexistent\/\.labbook; pass --store DIR/,
    );
  });
});

describe('labbook show', () => {
  it('shows a run by name with its params, metrics and tags', async () => {
    const { layout, ids } = cliStore();
    const { code, stdout } = await labbook(layout.root, 'show', 'baseline');
    assert.equal(code, 0);
    assertFits(stdout);
    assert.match(stdout, new RegExp(`^Run\\s+${ids.baseline}  baseline$`, 'm'));
    assert.match(stdout, /^Status\s+finished \(exit code 0\)$/m);
    assert.match(stdout, /^Command\s+python train\.py --lr 0\.1$/m);
    assert.match(stdout, /^Git\s+0123456789ab on main$/m);
    assert.match(stdout, /\nParams\nKEY\s+VALUE\nepochs\s+3\nlr\s+0\.1\noptimizer\s+sgd\n/);
    assert.match(
      stdout,
      /\nMetrics\nKEY\s+LAST\s+MIN\s+MAX\s+STEP\s+COUNT\nacc\s+0\.996667\s+0\s+0\.996667\s+299\s+300\n/,
    );
    assert.match(stdout, /\nTags\nKEY\s+VALUE\nstage\s+dev\n/);
  });

  it('shows a run by id prefix as JSON, and refuses an ambiguous prefix', async () => {
    const { layout, ids } = cliStore();
    const { stdout } = await labbook(layout.root, 'show', ids.diverged.slice(0, 24), '--json');
    const run = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(run.id, ids.diverged);
    assert.equal(run.location, 'runs');
    assert.deepEqual(run.notes, []);

    const ambiguous = await labbook(layout.root, 'show', ids.diverged.slice(0, 2));
    assert.equal(ambiguous.code, 1);
    assert.match(
      ambiguous.stderr,
      /matches 3 runs .* give more of the id\. Run "labbook ls" to see the runs\.\n$/,
    );
  });
});

describe('labbook diff', () => {
  it('shows only the keys that differ, or all with --all', async () => {
    const { layout, ids } = cliStore();
    const { stdout } = await labbook(layout.root, 'diff', 'baseline', 'diverged');
    assertFits(stdout);
    const keys = stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[0]);
    assert.ok(keys.includes('params.lr'));
    assert.ok(keys.includes('metrics.loss'));
    assert.ok(keys.includes('params.seed'));
    assert.match(stdout, /^params\.seed\s+-\s+NaN$/m);

    const json = JSON.parse(
      (await labbook(layout.root, 'diff', 'baseline', 'diverged', '--json')).stdout,
    ) as {
      keys: { key: string; a?: unknown; b?: unknown; same: boolean }[];
    };
    assert.ok(json.keys.every((row) => !row.same));
    assert.deepEqual(
      json.keys.find((row) => row.key === 'metrics.loss'),
      { key: 'metrics.loss', a: 1 / 300, b: 'NaN', same: false },
    );
    assert.deepEqual(
      json.keys.find((row) => row.key === 'params.seed'),
      { key: 'params.seed', b: { $float: 'NaN' }, same: false },
    );

    const similar = async (...flags: string[]): Promise<typeof json> =>
      JSON.parse(
        (await labbook(layout.root, 'diff', 'baseline', ids.wide, '--json', ...flags)).stdout,
      ) as typeof json;
    const differing = (await similar()).keys.map((row) => row.key);
    const every = (await similar('--all')).keys;
    assert.ok(!differing.includes('experiment'));
    assert.ok(!differing.includes('params.epochs'));
    assert.deepEqual(
      every.find((row) => row.key === 'params.epochs'),
      { key: 'params.epochs', a: 3, b: 3, same: true },
    );
    assert.deepEqual(
      every.filter((row) => !row.same).map((row) => row.key),
      differing,
    );
  });
});

describe('labbook metrics', () => {
  it('prints every point, or about N with --points, as a table or JSON', async () => {
    const { layout } = cliStore();
    const all = await labbook(layout.root, 'metrics', 'baseline', 'loss');
    assert.equal(all.stdout.trimEnd().split('\n').length, 301);
    assert.match(all.stdout.split('\n')[1] ?? '', /^\s*0\s+1\s+\d{4}-/);

    const few = JSON.parse(
      (await labbook(layout.root, 'metrics', 'baseline', 'loss', '--json', '--points', '10'))
        .stdout,
    ) as {
      total: number;
      downsampled: boolean;
      points: { step: number; value: unknown; time: number }[];
    };
    assert.equal(few.total, 300);
    assert.equal(few.downsampled, true);
    assert.ok(few.points.length <= 10);
    assert.deepEqual(few.points[0], { step: 0, value: 1, time: few.points[0]?.time });

    const odd = JSON.parse(
      (await labbook(layout.root, 'metrics', 'diverged', 'loss', '--json')).stdout,
    ) as typeof few;
    assert.deepEqual(
      odd.points.map((point) => point.value),
      [5, 'Infinity', 'NaN'],
    );
  });

  it('names the metrics a run has when asked for one it lacks', async () => {
    const { layout } = cliStore();
    const { code, stderr } = await labbook(layout.root, 'metrics', 'baseline', 'lost');
    assert.equal(code, 1);
    assert.equal(stderr, 'labbook metrics: run baseline has no metric "lost"; it has acc, loss.\n');
  });
});

describe('labbook export', () => {
  it('writes one CSV row per run with params, tags and last metric values', async () => {
    const { layout, ids } = cliStore();
    const { stdout } = await labbook(
      layout.root,
      'export',
      '--filter',
      'experiment = "cifar" or name = "baseline"',
    );
    const [header, ...rows] = stdout.trimEnd().split('\r\n');
    assert.equal(
      header,
      'id,name,experiment,status,startedAt,endedAt,exitCode,command,params.epochs,params.lr,' +
        'params.optimizer,params.seed,tags.stage,metrics.acc,metrics.loss',
    );
    assert.equal(rows.length, 2);
    assert.match(
      rows[0] ?? '',
      new RegExp(
        `^${ids.baseline},baseline,mnist,finished,.*,0,"\\[""python"",""train.py"",""--lr"",""0.1""\\]",3,0.1,sgd,,dev,`,
      ),
    );
    assert.match(
      rows[1] ?? '',
      new RegExp(`^${ids.diverged},diverged,cifar,failed,.*,1,,,10,,NaN,,,NaN$`),
    );
  });

  it('writes the runs as JSON, and refuses an unknown format', async () => {
    const { layout } = cliStore();
    const runs = JSON.parse(
      (await labbook(layout.root, 'export', '--format', 'json')).stdout,
    ) as unknown[];
    assert.equal(runs.length, 3);

    const bad = await labbook(layout.root, 'export', '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'labbook export: --format takes csv or json, not "xml".\n');
  });
});
