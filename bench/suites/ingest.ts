/**
 * `ingest_points_per_s` and `ingest_vs_row_insert`: run records on disk into the index,
 * in two catch-ups (the runs half written and going, then finished), against inserting
 * the same points as one sql.js row each in one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { RunIndex } from '../../src/runindex/run-index';
import { loadSqlJs } from '../../src/runindex/sql-module';
import { StoreLayout } from '../../src/store/layout';
import { ensureStore } from '../../src/store/locate';
import { GeneratedRun, lossCurve, runStarts } from '../generate-runs';
import { SeededRandom } from '../random';
import { measured, type SuiteResults } from '../results';
import type { BenchScale } from '../scales';
import { addElapsed, type Elapsed, measure, median, rounded } from '../timing';

interface PlannedRun {
  id: string;
  start: number;
  loss: number[];
  acc: number[];
}

function planRuns(scale: BenchScale): PlannedRun[] {
  const random = new SeededRandom(11);
  const rows = scale.ingest.rowsPerRun;
  return runStarts(scale.ingest.runs, random).map(({ id, start }) => ({
    id,
    start,
    loss: lossCurve(random, rows, 0, rows, 0.2),
    acc: Array.from({ length: rows }, (_, row) => Math.min(1, row / rows + 0.05 * random.next())),
  }));
}

function writeRows(
  run: GeneratedRun,
  plan: PlannedRun,
  from: number,
  to: number,
  perEvent: number,
) {
  for (let row = from; row < to; row += perEvent) {
    const end = Math.min(to, row + perEvent);
    run.logRows({ loss: plan.loss.slice(row, end), acc: plan.acc.slice(row, end) }, end - row);
  }
}

/** The time of the two catch-ups of one fresh store. */
async function ingestOnce(
  plans: PlannedRun[],
  scale: BenchScale,
  folder: string,
): Promise<Elapsed> {
  const layout = new StoreLayout(join(folder, '.labbook'));
  ensureStore(layout);
  const half = Math.floor(scale.ingest.rowsPerRun / 2);
  const perEvent = scale.ingest.rowsPerEvent;
  const runs = plans.map((plan) => {
    const run = new GeneratedRun(layout, plan.id, plan.start);
    run.begin(plan.id, 'ingest');
    writeRows(run, plan, 0, half, perEvent);
    return run;
  });

  const index = await RunIndex.open(layout);
  const first = measure(() => index.catchUp());

  runs.forEach((run, position) => {
    const plan = plans[position] as PlannedRun;
    writeRows(run, plan, half, plan.loss.length, perEvent);
    run.finish();
  });
  const second = measure(() => index.catchUp());

  const points = index.totals().points;
  index.close();
  rmSync(layout.root, { recursive: true, force: true });
  if (points !== plans.length * scale.ingest.rowsPerRun * 2) {
    throw new Error(`The index holds ${points} points after the ingest catch-ups; expected more.`);
  }

  return addElapsed(first, second);
}

/** The time to insert every point as its own row, in one transaction. */
async function insertRowsOnce(plans: PlannedRun[]): Promise<Elapsed> {
  const sql = await loadSqlJs();
  const db = new sql.Database();
  db.run('CREATE TABLE points (rid INTEGER, key TEXT, step INTEGER, time REAL, value REAL)');
  const insert = db.prepare('INSERT INTO points VALUES (?, ?, ?, ?, ?)');
  const elapsed = measure(() => {
    db.run('BEGIN');
    plans.forEach((plan, rid) => {
      for (let step = 0; step < plan.loss.length; step += 1) {
        const time = plan.start + 1 + step * 0.05;
        insert.run([rid, 'loss', step, time, plan.loss[step] as number]);
        insert.run([rid, 'acc', step, time, plan.acc[step] as number]);
      }
    });
    db.run('COMMIT');
  });

  insert.free();
  db.close();
  return elapsed;
}

export async function runIngestSuite(scale: BenchScale, dataFolder: string): Promise<SuiteResults> {
  const plans = planRuns(scale);
  const points = plans.length * scale.ingest.rowsPerRun * 2;
  const ingest: Elapsed[] = [];
  const rows: Elapsed[] = [];
  const folder = mkdtempSync(join(dataFolder, 'ingest-'));
  try {
    // Interleaved, so that a busy moment on a shared machine hits both sides alike.
    for (let repeat = 0; repeat < Math.min(3, scale.repeats); repeat += 1) {
      ingest.push(await ingestOnce(plans, scale, folder));
      rows.push(await insertRowsOnce(plans));
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const rate = (times: Elapsed[], clock: keyof Elapsed): number =>
    (points / median(times.map((time) => time[clock]))) * 1000;
  const ingestRate = rate(ingest, 'wallMs');
  const rowsRate = rate(rows, 'wallMs');
  const cpuRatio = rate(ingest, 'cpuMs') / rate(rows, 'cpuMs');
  const size = `${points.toLocaleString('en')} points over ${plans.length} runs`;
  return {
    ingest_points_per_s: measured(
      'ingest_points_per_s',
      rounded(ingestRate),
      `${size}, two catch-ups (half written, then finished); median of ${ingest.length}; ` +
        `by CPU time ${rounded(rate(ingest, 'cpuMs'))} points/s`,
      { samples: ingest.map((time) => rounded((points / time.wallMs) * 1000)) },
    ),
    ingest_vs_row_insert: measured(
      'ingest_vs_row_insert',
      rounded(ingestRate / rowsRate),
      `${size}; the index's catch-up against one INSERT per point, same run, interleaved; ` +
        `by CPU time ${rounded(cpuRatio)}`,
      {
        ratio: rounded(ingestRate / rowsRate),
        against: `sql.js row inserts: ${rounded(rowsRate)} points/s`,
      },
    ),
  };
}
