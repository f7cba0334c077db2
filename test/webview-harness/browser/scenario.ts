/**
 * Generated runs for the harness: the selected runs with full metric series, and many more
 * runs with summaries only for the table. Deterministic, so screenshots compare across runs.
 */
import type { MetricSummary, RunSummary } from '../../../src/extension/compare/protocol';

/** One metric's points of one run; the step of point i is i. */
export interface GeneratedSeries {
  times: Float64Array;
  values: Float64Array;
}

/** What the fake host serves. */
export interface Scenario {
  selected: RunSummary[];
  table: RunSummary[];
  series: Map<string, Map<string, GeneratedSeries>>;
}

/** A run name that tries to run script wherever it is shown. */
export const HOSTILE = '<img src=x onerror="window.__labbookXss=(window.__labbookXss||0)+1">';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_TIME = Date.parse('2026-01-05T10:00:00Z') / 1000;
const PERF_KEYS = ['train/loss', 'val/accuracy', 'lr', 'grad_norm', 'val/loss', 'throughput'];

function curve(key: string, step: number, total: number, run: number, noise: () => number): number {
  const progress = step / total;
  const rate = 1 + (run % 5) * 0.15;
  switch (key) {
    case 'train/loss':
    case 'val/loss':
      return (
        2.4 * Math.exp(-progress * 6 * rate) +
        0.08 +
        (noise() - 0.5) * 0.12 +
        (noise() < 0.0005 ? 1.5 : 0)
      );
    case 'val/accuracy':
      return 0.97 - 0.85 * Math.exp(-progress * 5 * rate) + (noise() - 0.5) * 0.02;
    case 'lr':
      return 0.001 * (0.5 + 0.5 * Math.cos(Math.PI * progress)) * (1 + (run % 3));
    case 'grad_norm':
      return Math.exp((noise() - 0.5) * 1.2) * (1 + 3 * Math.exp(-progress * 8));
    default:
      return 1000 + 200 * Math.sin(step / 500 + run) + noise() * 50;
  }
}

function summarise(series: GeneratedSeries): MetricSummary {
  let min = Infinity;
  let max = -Infinity;
  for (const value of series.values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  const count = series.values.length;
  return { last: series.values[count - 1], min, max, step: count - 1, count };
}

function makeRun(
  index: number,
  params: RunSummary['params'],
  name = `run-${index + 1}`,
): RunSummary {
  const startedAt = BASE_TIME + index * 900;
  return {
    id: `20260105-${String(100000 + index).slice(-6)}-000-${(0x9f86d081 + index * 7919).toString(16).slice(-8)}`,
    name,
    experiment: index % 3 === 0 ? 'sweep-b' : 'sweep-a',
    status: index % 17 === 5 ? 'failed' : 'finished',
    startedAt: new Date(startedAt * 1000).toISOString(),
    endedAt: new Date((startedAt + 300 + (index % 7) * 40) * 1000).toISOString(),
    exitCode: index % 17 === 5 ? 1 : 0,
    command: ['python', 'train.py', '--config', 'configs/base.yaml'],
    params,
    tags: { stage: index % 4 === 0 ? 'final' : 'explore' },
    metrics: {},
    git: {
      commit: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      branch: 'main',
      dirty: index % 2 === 1,
    },
    env: { CUDA_VISIBLE_DEVICES: String(index % 4), PYTHONHASHSEED: '0' },
  };
}

function withSeries(
  run: RunSummary,
  index: number,
  keys: readonly string[],
  points: number,
  store: Map<string, Map<string, GeneratedSeries>>,
): RunSummary {
  const noise = random(index + 1);
  const start = Date.parse(run.startedAt) / 1000;
  const byKey = new Map<string, GeneratedSeries>();
  const metrics: RunSummary['metrics'] = {};
  for (const key of keys) {
    const times = new Float64Array(points);
    const values = new Float64Array(points);
    for (let step = 0; step < points; step += 1) {
      times[step] = start + step * (0.02 + (index % 4) * 0.004);
      values[step] = curve(key, step, points, index, noise);
    }

    const series = { times, values };
    byKey.set(key, series);
    metrics[key] = summarise(series);
  }

  store.set(run.id, byKey);
  const end = start + (points - 1) * (0.02 + (index % 4) * 0.004) + 1;
  return { ...run, metrics, endedAt: new Date(end * 1000).toISOString() };
}

function sweepParams(index: number): RunSummary['params'] {
  return {
    lr: [0.0001, 0.0003, 0.001, 0.003][index % 4],
    batch_size: [32, 64, 128][index % 3],
    optimizer: index % 5 === 0 ? 'sgd' : 'adam',
    seed: index % 5,
    dropout: 0.1,
  };
}

function tableOnly(index: number): RunSummary {
  const noise = random(1000 + index);
  const last = 0.1 + noise() * 0.5;
  return {
    ...makeRun(index, sweepParams(index)),
    metrics: { 'train/loss': { last, min: last * 0.9, max: 2.4, step: 999, count: 1000 } },
  };
}

/** Builds the scenario named in the page's query string. */
export function buildScenario(query: URLSearchParams): Scenario {
  const series = new Map<string, Map<string, GeneratedSeries>>();
  const kind = query.get('scenario') ?? 'perf';
  let selected: RunSummary[];
  if (kind === 'two') {
    const base = { lr: 0.01, batch_size: 32, optimizer: 'adam', seed: 1, dropout: 0.1 };
    const keys = ['train/loss', 'val/accuracy', 'lr'];
    selected = [
      withSeries(makeRun(0, base, 'baseline'), 0, keys, 500, series),
      withSeries(makeRun(1, { ...base, lr: 0.1 }, 'higher-lr'), 1, keys, 500, series),
    ];
    selected[1] = {
      ...selected[1],
      git: selected[0].git,
      env: selected[0].env,
      tags: selected[0].tags,
    };
  } else if (kind === 'hostile') {
    const keys = ['train/loss', HOSTILE];
    selected = [
      withSeries(makeRun(0, { lr: 0.01, [HOSTILE]: HOSTILE }, HOSTILE), 0, keys, 300, series),
      withSeries(makeRun(1, { lr: 0.02, [HOSTILE]: 'plain' }, 'plain-run'), 1, keys, 300, series),
    ];
    selected[0] = { ...selected[0], tags: { note: HOSTILE } };
  } else {
    const count = Number(query.get('runs') ?? 20);
    const points = Number(query.get('points') ?? 100_000);
    const keys = PERF_KEYS.slice(0, Number(query.get('keys') ?? 4));
    selected = Array.from({ length: count }, (_, index) =>
      withSeries(makeRun(index, sweepParams(index)), index, keys, points, series),
    );
  }

  const tableSize = Number(query.get('tableRuns') ?? (kind === 'perf' ? 10_000 : 0));
  const table = [...selected];
  for (let index = selected.length; index < tableSize; index += 1) {
    table.push(tableOnly(index));
  }

  return { selected, table, series };
}
