/**
 * Writes generated runs into a store as the product's writers do (the same JSON and hash
 * chain as RecordFile), so the index reads exactly what launched runs and SDKs leave on
 * disk. Unlike RecordFile it does not fsync each file: ten thousand runs would take
 * minutes. Everything comes from a seeded random source, so a scale always gives the
 * same records.
 */
import { appendFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

import { chainLine, GENESIS_HASH } from '../src/runlog/chain';
import type { NewEvent, StoredMetric } from '../src/runlog/events';
import { recordJson } from '../src/runlog/record-json';
import { MAIN_RECORD, type StoreLayout } from '../src/store/layout';
import { ensureStore } from '../src/store/locate';
import { SeededRandom } from './random';

/** Generated runs start from here, a minute apart, so ids sort like real ones. */
const FIRST_START = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;

/** Seconds between two logged rows of a generated run. */
const ROW_SECONDS = 0.05;

/** A run id for a start time, with its random part from the seeded source. */
export function generatedRunId(startSeconds: number, random: SeededRandom): string {
  const iso = new Date(startSeconds * 1000).toISOString();
  const day = iso.slice(0, 10).replaceAll('-', '');
  const clock = iso.slice(11, 19).replaceAll(':', '');
  return `${day}-${clock}-${iso.slice(20, 23)}-${random.hex8()}`;
}

/** One generated run being written: its folder, record file and clock. */
export class GeneratedRun {
  readonly dir: string;
  private readonly path: string;
  private seq = 0;
  private hash = GENESIS_HASH;
  private rows = 0;

  constructor(
    layout: StoreLayout,
    readonly id: string,
    readonly start: number,
  ) {
    this.dir = layout.runDir(id);
    mkdirSync(this.dir);
    this.path = join(this.dir, MAIN_RECORD);
  }

  /** The time of the row after the last one written. */
  get now(): number {
    return this.start + 1 + this.rows * ROW_SECONDS;
  }

  /** Appends events as whole, chained lines in one write, as RecordFile.append does. */
  append(...events: NewEvent[]): void {
    let text = '';
    for (const event of events) {
      const { type, time, ...rest } = event;
      const body = recordJson({ seq: this.seq, time: time ?? this.now, type, ...rest });
      const { line, hash } = chainLine(this.hash, body);
      text += `${line}\n`;
      this.hash = hash;
      this.seq += 1;
    }

    appendFileSync(this.path, text);
  }

  begin(name: string, experiment: string): void {
    this.append({
      type: 'start',
      time: this.start,
      format: 1,
      run: this.id,
      name,
      experiment,
      command: ['python3', 'train.py', '--config', `configs/${experiment}.yaml`],
      cwd: '/home/researcher/project',
      host: 'bench-host',
      user: 'researcher',
      pid: 4242,
      writer: 'launcher',
      versions: { python: '3.11.7', torch: '2.5.1' },
      env: { CUDA_VISIBLE_DEVICES: '0', OMP_NUM_THREADS: '8' },
      git: { commit: 'f'.repeat(40), branch: 'main', remote: null, dirty: false },
    });
  }

  /** Writes rows of metric columns as one metrics event, steps counting on from the last. */
  logRows(columns: Record<string, StoredMetric[]>, rowCount: number): void {
    const steps = Array.from({ length: rowCount }, (_, row) => this.rows + row);
    const times = steps.map(
      (step) => Math.round((this.start + 1 + step * ROW_SECONDS) * 1000) / 1000,
    );
    this.rows += rowCount;
    this.append({ type: 'metrics', time: this.now, steps, times, values: columns });
  }

  /** Ends the run and dates its folder back to the end, as a run finished long ago. */
  finish(): void {
    this.append({
      type: 'end',
      time: this.now,
      status: 'finished',
      exitCode: 0,
      signal: null,
      duration: this.now - this.start,
    });
    utimesSync(this.dir, this.now, this.now);
  }
}

/** Start times and ids for `count` runs. */
export function runStarts(count: number, random: SeededRandom): { id: string; start: number }[] {
  return Array.from({ length: count }, (_, index) => {
    const start = FIRST_START + index * 60 + random.below(1000) / 1000;
    return { id: generatedRunId(start, random), start };
  });
}

/** A training curve: decaying from about 2 towards `floor`, with noise and rare spikes. */
export function lossCurve(
  random: SeededRandom,
  count: number,
  from: number,
  total: number,
  floor: number,
): number[] {
  const values = new Array<number>(count);
  for (let row = 0; row < count; row += 1) {
    const progress = (from + row) / total;
    const spike = random.next() < 0.0005 ? 3 + random.next() * 5 : 0;
    values[row] = floor + 2 * Math.exp(-5 * progress) + 0.02 * random.gaussian() + spike;
  }

  return values;
}

const EXPERIMENTS = ['baseline', 'wide', 'deep', 'augment', 'distill'];
const LEARNING_RATES = [0.1, 0.03, 0.01, 0.003, 0.001];
const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'lion'];

/** Twenty params of the kinds people sweep: numbers, strings and booleans. */
function sweepParams(
  random: SeededRandom,
  index: number,
): Record<string, number | string | boolean> {
  return {
    lr: random.pick(LEARNING_RATES),
    batch_size: random.pick([32, 64, 128, 256]),
    optimizer: random.pick(OPTIMIZERS),
    epochs: random.pick([10, 20, 50]),
    seed: index,
    dropout: Math.round(random.next() * 50) / 100,
    weight_decay: random.pick([0, 1e-5, 1e-4, 1e-3]),
    warmup_steps: random.pick([0, 500, 1000]),
    layers: random.pick([4, 8, 12, 24]),
    hidden: random.pick([256, 512, 1024]),
    heads: random.pick([4, 8, 16]),
    activation: random.pick(['relu', 'gelu', 'silu']),
    augment: random.next() < 0.5,
    mixed_precision: random.next() < 0.7,
    scheduler: random.pick(['cosine', 'linear', 'step']),
    label_smoothing: random.pick([0, 0.05, 0.1]),
    grad_clip: random.pick([0.5, 1, 5]),
    dataset: random.pick(['cifar10', 'cifar100', 'imagenet-64']),
    model: `net-${random.below(100)}`,
    note: `sweep ${Math.floor(index / 100)}`,
  };
}

const SUMMARY_METRICS = [
  'val_loss',
  'train_loss',
  'val_acc',
  'train_acc',
  'lr',
  'grad_norm',
  'throughput',
  'memory_gb',
  'epoch_time',
  'val_f1',
];

/**
 * Runs as a hyperparameter sweep leaves them: 20 params, tags and 10 metrics of
 * `rows` rows each, finished and long quiet.
 */
export function writeSweepRuns(layout: StoreLayout, count: number, rows: number): void {
  ensureStore(layout);
  const random = new SeededRandom();
  for (const [index, { id, start }] of runStarts(count, random).entries()) {
    const run = new GeneratedRun(layout, id, start);
    const experiment = random.pick(EXPERIMENTS);
    run.begin(`${experiment}-${index}`, experiment);
    run.append({ type: 'params', time: start, params: sweepParams(random, index) });
    run.append({ type: 'tags', time: start, tags: { stage: random.pick(['tune', 'final']) } });

    // val_loss ends anywhere between 0.05 and 1.05, so a threshold picks a share of runs.
    const floor = 0.05 + random.next();
    const columns: Record<string, number[]> = {};
    for (const key of SUMMARY_METRICS) {
      columns[key] = key.endsWith('loss')
        ? lossCurve(random, rows, 0, rows, floor)
        : Array.from({ length: rows }, () => random.next() * 100);
    }

    run.logRows(columns, rows);
    run.finish();
  }
}

/** Runs with one long metric, `loss`, written in events of `rowsPerEvent` rows. */
export function writeLongSeriesRuns(
  layout: StoreLayout,
  count: number,
  rows: number,
  rowsPerEvent: number,
): void {
  ensureStore(layout);
  const random = new SeededRandom(7);
  for (const { id, start } of runStarts(count, random)) {
    const run = new GeneratedRun(layout, id, start);
    run.begin(id, 'long');
    for (let from = 0; from < rows; from += rowsPerEvent) {
      const size = Math.min(rowsPerEvent, rows - from);
      run.logRows({ loss: lossCurve(random, size, from, rows, 0.1) }, size);
    }

    run.finish();
  }
}
