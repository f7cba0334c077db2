/**
 * Re-runs a prepared reproduction as a new run, linked to the original by the tag
 * `reproduces=<id>`, and compares their metrics. The CLI's `labbook reproduce` and the
 * extension's "Reproduce Run" both drive it:
 *
 *     const plan = await prepareReproduction(layout, run);   // throws ReproduceError
 *     const result = await runReproduction(plan, layout, { tolerance: 1e-9 });
 */
import { launchRun, type LaunchOptions, type RunOutcome } from '../../launch/launcher';
import { RunIndex } from '../../runindex/run-index';
import type { StoreLayout } from '../../store/layout';
import { compareRunMetrics, type RunComparison } from './compare-metrics';
import { discardReproduction, type ReproductionPlan } from './prepare';

/** The tag that links a reproduction to the run it reproduces. */
export const REPRODUCES_TAG = 'reproduces';

export interface ReproductionOptions {
  /** How close values must be (compare-metrics.ts); 0 asks for identical values. */
  tolerance?: number;
  /** Keep the worktree afterwards, to look at it; it is removed by default. */
  keepWorktree?: boolean;
  env?: NodeJS.ProcessEnv;
  onStdout?: LaunchOptions['onStdout'];
  onStderr?: LaunchOptions['onStderr'];
  /** Called once the new run has started, with its id. */
  onStarted?: (runId: string) => void;
}

export interface ReproductionResult {
  original: string;
  reproduction: string;
  outcome: RunOutcome;
  comparison: RunComparison;
  /** Whether the re-run finished and every metric matched. */
  matches: boolean;
}

/** Runs the plan's command in its worktree as a new run, then compares the metrics. */
export async function runReproduction(
  plan: ReproductionPlan,
  layout: StoreLayout,
  options: ReproductionOptions = {},
): Promise<ReproductionResult> {
  const { run } = plan;
  let outcome: RunOutcome;
  let reproduction: string;
  try {
    const launched = await launchRun({
      command: plan.command,
      store: layout,
      cwd: plan.cwd,
      name: `${run.name} (reproduction)`,
      experiment: run.experiment,
      params: plan.params,
      tags: { [REPRODUCES_TAG]: run.id },
      ...(options.env ? { env: options.env } : {}),
      stdin: 'ignore',
      ...(options.onStdout ? { onStdout: options.onStdout } : {}),
      ...(options.onStderr ? { onStderr: options.onStderr } : {}),
    });
    reproduction = launched.runId;
    options.onStarted?.(reproduction);
    outcome = await launched.outcome;
  } finally {
    if (!options.keepWorktree) {
      await discardReproduction(plan);
    }
  }

  const index = await RunIndex.open(layout);
  let comparison: RunComparison;
  try {
    index.catchUp();
    comparison = compareRunMetrics(index, run.id, reproduction, options.tolerance ?? 0);
    index.persist();
  } finally {
    index.close();
  }

  return {
    original: run.id,
    reproduction,
    outcome,
    comparison,
    matches: outcome.status === 'finished' && comparison.matches,
  };
}
