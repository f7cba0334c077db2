/**
 * The Diff view's model: every key of two or more runs, side by side, marked as differing or
 * equal, with metric deltas from the first run. Showing only differences is the point: two
 * runs usually share almost every param, and the one that changed is what matters.
 */
import type { RunSummary } from '../extension/compare/protocol';
import {
  commandLine,
  environmentOf,
  metricOf,
  paramOf,
  type PlainValue,
  runDuration,
  sameValue,
  tagOf,
  unionOfKeys,
} from './run-values';

/** The groups of the Diff view, in display order. */
export const DIFF_SECTIONS = ['attributes', 'params', 'tags', 'git', 'env', 'metrics'] as const;

/** One of {@link DIFF_SECTIONS}. */
export type DiffSection = (typeof DIFF_SECTIONS)[number];

/** One key across the runs. */
export interface DiffRow {
  section: DiffSection;
  key: string;
  /** For metric rows: which summary field. */
  field?: 'last' | 'min' | 'max';
  /** One value per run, in the runs' order; undefined when a run lacks the key. */
  values: PlainValue[];
  differs: boolean;
  /** For metric rows: each value minus the first run's, or null where either is missing. */
  deltas?: (number | null)[];
}

/** The rows to show and how many equal rows were left out. */
export interface RunDiff {
  rows: DiffRow[];
  /** Equal rows not in `rows`; zero when equal rows are shown. */
  hiddenEqual: number;
}

const ATTRIBUTES: [string, (run: RunSummary) => PlainValue][] = [
  ['name', (run) => run.name],
  ['experiment', (run) => run.experiment],
  ['status', (run) => run.status],
  ['started', (run) => run.startedAt],
  ['ended', (run) => run.endedAt],
  ['duration (s)', (run) => runDuration(run)],
  ['exit code', (run) => run.exitCode],
  ['command', (run) => commandLine(run.command)],
];

const GIT: [string, (run: RunSummary) => PlainValue][] = [
  ['commit', (run) => run.git?.commit],
  ['branch', (run) => (run.git ? run.git.branch : undefined)],
  ['dirty', (run) => run.git?.dirty],
];

function makeRow(section: DiffSection, key: string, values: PlainValue[]): DiffRow {
  const differs = values.some((value) => !sameValue(value, values[0]));
  return { section, key, values, differs };
}

function metricRows(runs: readonly RunSummary[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const key of unionOfKeys(runs, (run) => run.metrics)) {
    for (const field of ['last', 'min', 'max'] as const) {
      const values = runs.map((run) => metricOf(run, key, field));
      const first = values[0];
      const deltas = values.map((value) =>
        typeof value === 'number' && typeof first === 'number' ? value - first : null,
      );
      rows.push({ ...makeRow('metrics', key, values), field, deltas });
    }
  }

  return rows;
}

/** Every row of the diff of `runs`, equal or not, in display order. */
export function allDiffRows(runs: readonly RunSummary[]): DiffRow[] {
  const fixed = (section: DiffSection, fields: [string, (run: RunSummary) => PlainValue][]) =>
    fields.map(([key, read]) => makeRow(section, key, runs.map(read)));
  const keyed = (
    section: DiffSection,
    pick: (run: RunSummary) => Record<string, unknown>,
    read: (run: RunSummary, key: string) => PlainValue,
  ) =>
    unionOfKeys(runs, pick).map((key) =>
      makeRow(
        section,
        key,
        runs.map((run) => read(run, key)),
      ),
    );

  return [
    ...fixed('attributes', ATTRIBUTES),
    ...keyed('params', (run) => run.params, paramOf),
    ...keyed('tags', (run) => run.tags, tagOf),
    ...fixed('git', GIT),
    ...keyed('env', (run) => run.env, environmentOf),
    ...metricRows(runs),
  ];
}

/** The diff of `runs`; with `onlyDifferences`, equal rows are counted instead of shown. */
export function diffRuns(runs: readonly RunSummary[], onlyDifferences: boolean): RunDiff {
  const rows = allDiffRows(runs);
  if (!onlyDifferences) {
    return { rows, hiddenEqual: 0 };
  }

  const differing = rows.filter((row) => row.differs);
  return { rows: differing, hiddenEqual: rows.length - differing.length };
}
