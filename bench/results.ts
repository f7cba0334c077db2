/**
 * The bench's keys (issue 7), their goals, and what one measurement reports. A figure
 * that compares two things carries `ratio` and `against`, both taken in the same run.
 */

/** One key's outcome. `value` is null only when the key was skipped. */
export interface BenchEntry {
  value: number | null;
  unit: string;
  /** The goal as the issue states it, e.g. `>= 1000000`, or `report`. */
  goal: string;
  /** Whether the goal holds; absent for keys that are only reported or were skipped. */
  met?: boolean;
  ratio?: number;
  /** What the ratio compares against, with that side's own figure. */
  against?: string;
  /** The size of the workload and how the figure was taken. */
  detail: string;
  /** Each repetition's figure, in the order taken. */
  samples?: number[];
  /** Why the key was not measured. */
  skipped?: string;
  /** What went wrong when measuring it failed. */
  error?: string;
}

interface KeyGoal {
  unit: string;
  /** At least (`min`) or at most (`max`) this much; neither for keys that are only reported. */
  min?: number;
  max?: number;
}

/** Every key, in the order of the table. */
export const KEY_GOALS = {
  ingest_points_per_s: { unit: 'points/s', min: 1_000_000 },
  ingest_vs_row_insert: { unit: 'ratio', min: 1.5 },
  sdk_points_per_s: { unit: 'points/s', min: 1_000_000 },
  sdk_vs_optuna: { unit: 'ratio', min: 1_000 },
  open_10k_runs_ms: { unit: 'ms', max: 500 },
  filter_10k_runs_ms: { unit: 'ms', max: 20 },
  series_20x100k_ms: { unit: 'ms', max: 50 },
  rss_10m_points_mb: { unit: 'MB', max: 300 },
  persist_10m_points_ms: { unit: 'ms' },
  launch_overhead_ratio: { unit: 'ratio', max: 1.1 },
  activate_ms: { unit: 'ms', max: 30 },
  bundle_kb: { unit: 'KB', max: 1_500 },
} satisfies Record<string, KeyGoal>;

export type BenchKey = keyof typeof KEY_GOALS;

export const BENCH_KEYS = Object.keys(KEY_GOALS) as BenchKey[];

function goalText(goal: KeyGoal): string {
  if (goal.min !== undefined) {
    return `>= ${goal.min}`;
  }

  return goal.max === undefined ? 'report' : `<= ${goal.max}`;
}

/** A measured key, checked against its goal. */
export function measured(
  key: BenchKey,
  value: number,
  detail: string,
  extra: Pick<BenchEntry, 'ratio' | 'against' | 'samples'> = {},
): BenchEntry {
  const goal: KeyGoal = KEY_GOALS[key];
  const met =
    goal.min !== undefined
      ? value >= goal.min
      : goal.max !== undefined
        ? value <= goal.max
        : undefined;
  return {
    value,
    unit: goal.unit,
    goal: goalText(goal),
    ...(met === undefined ? {} : { met }),
    ...extra,
    detail,
  };
}

/** A key that could not be measured here, with the reason; never a made-up figure. */
export function skipped(key: BenchKey, reason: string): BenchEntry {
  const goal: KeyGoal = KEY_GOALS[key];
  return { value: null, unit: goal.unit, goal: goalText(goal), detail: '', skipped: reason };
}

/** A key whose measurement failed, with the error. */
export function failed(key: BenchKey, error: string): BenchEntry {
  const goal: KeyGoal = KEY_GOALS[key];
  return { value: null, unit: goal.unit, goal: goalText(goal), detail: '', error };
}

/** The results of a suite, by key. */
export type SuiteResults = Partial<Record<BenchKey, BenchEntry>>;
