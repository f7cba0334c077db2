/**
 * `labbook reproduce RUN`: rebuilds the run's code in a worktree, checks its inputs,
 * re-runs its command as a new run and compares the metrics.
 */
import type { InputCheck } from '../../audit/reproduce/input-check';
import type { RunComparison } from '../../audit/reproduce/compare-metrics';
import {
  discardReproduction,
  prepareReproduction,
  ReproduceError,
  type ReproductionPlan,
} from '../../audit/reproduce/prepare';
import { runReproduction } from '../../audit/reproduce/reproduce';
import { LaunchError } from '../../launch/launcher';
import type { CliCommand, CliContext } from '../command';
import { UserError } from '../command';
import { formatCommand, formatNumber } from '../format-values';
import { withIndex } from '../open-store';
import { parseOptions, positionals, STORE_OPTION } from '../parse-options';
import { jsonText } from '../run-json';
import { formatTable } from '../text-table';

const USAGE =
  'labbook reproduce RUN [--tolerance X] [--check] [--keep-worktree] [--json]\n' +
  '  --tolerance X    values match when |a-b| <= X * max(1, |a|, |b|) (default 0: identical)\n' +
  '  --check          rebuild and check everything, but do not run';

const INPUT_STATES: Record<InputCheck['state'], string> = {
  'in-commit': 'unchanged, in the commit',
  linked: 'unchanged, linked in from the clone',
  'in-place': 'unchanged, outside the repository',
  changed: 'CHANGED',
  missing: 'MISSING',
};

function tolerance(text: string | undefined): number {
  const value = Number(text ?? '0');
  if (text !== undefined && (text.trim() === '' || !Number.isFinite(value) || value < 0)) {
    throw new UserError(`--tolerance takes a number of at least 0, not "${text}".`);
  }

  return value;
}

function planText(plan: ReproductionPlan): string {
  const lines = [
    `Reproducing ${plan.run.name} (${plan.run.id})`,
    `  code      commit ${plan.commit} from ${plan.repoTop}` +
      (plan.patchApplied ? ', with the recorded patch applied' : ''),
    `  worktree  ${plan.worktree}`,
    `  folder    ${plan.cwd}`,
    `  command   ${formatCommand(plan.command)}`,
    ...plan.inputs.map((input) => `  input     ${input.path}: ${INPUT_STATES[input.state]}`),
    ...plan.warnings.map((warning) => `  warning   ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}

function comparisonText(comparison: RunComparison): string {
  const rows = comparison.metrics.map((metric) => [
    metric.key,
    formatNumber(metric.originalLast),
    formatNumber(metric.reproducedLast),
    metric.maxDifference === null ? '-' : formatNumber(metric.maxDifference),
    `${metric.originalPoints}/${metric.reproducedPoints}`,
    metric.matches ? 'yes' : `no: ${metric.reason ?? ''}`,
  ]);
  const table = formatTable(
    ['KEY', 'ORIGINAL', 'REPRODUCED', 'MAX DIFF', 'POINTS', 'MATCH'].map((title, at) => ({
      title,
      right: at > 0 && at < 5,
      shrink: at === 0 || at === 5,
    })),
    rows,
  );
  const differing = comparison.metrics.filter((metric) => !metric.matches).length;
  const verdict =
    comparison.metrics.length === 0
      ? 'Neither run has metrics to compare.'
      : differing === 0
        ? `All ${comparison.metrics.length} metrics match (tolerance ${comparison.tolerance}).`
        : `${differing} of ${comparison.metrics.length} metrics differ ` +
          `(tolerance ${comparison.tolerance}).`;
  return `\nComparison with the original:\n${table}${verdict}\n`;
}

async function reproduce(args: string[], context: CliContext): Promise<number> {
  const parsed = parseOptions(
    args,
    {
      ...STORE_OPTION,
      tolerance: { type: 'string' },
      check: { type: 'boolean' },
      'keep-worktree': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const [reference] = positionals(parsed.positionals, ['RUN'], USAGE) as [string];
  const limit = tolerance(parsed.values.tolerance);
  const { run, layout } = await withIndex(parsed.values.store, context, (index, found) => ({
    run: index.getRun(reference, 'any'),
    layout: found,
  }));

  let plan: ReproductionPlan;
  try {
    plan = await prepareReproduction(layout, run, { env: context.env });
  } catch (error) {
    if (error instanceof ReproduceError) {
      const list = error.problems.map((problem) => `  - ${problem}`).join('\n');
      context.stderr.write(`labbook reproduce: ${run.name} cannot be reproduced:\n${list}\n`);
      return 1;
    }

    throw error;
  }

  const json = parsed.values.json === true;
  (json ? context.stderr : context.stdout).write(planText(plan));
  if (parsed.values.check) {
    await discardReproduction(plan);
    (json ? context.stdout : context.stderr).write(
      json ? jsonText({ plan: { ...plan, run: plan.run.id } }) : 'Everything needed is present.\n',
    );
    return 0;
  }

  let result;
  try {
    result = await runReproduction(plan, layout, {
      tolerance: limit,
      keepWorktree: parsed.values['keep-worktree'] === true,
      env: context.env,
      onStdout: (chunk) => (json ? context.stderr : context.stdout).write(chunk),
      onStderr: (chunk) => context.stderr.write(chunk),
      onStarted: (id) => context.stderr.write(`labbook: reproduction ${id} started\n`),
    });
  } catch (error) {
    if (error instanceof LaunchError) {
      throw new UserError(error.message, 1);
    }

    throw error;
  }

  const { outcome } = result;
  context.stderr.write(`labbook: reproduction ${result.reproduction} ${outcome.status}\n`);
  context.stdout.write(json ? jsonText(result) : comparisonText(result.comparison));
  return result.matches ? 0 : 1;
}

export const reproduceCommand: CliCommand = {
  name: 'reproduce',
  summary: "Rebuild a run's code and inputs, re-run it as a new run and compare the metrics",
  usage: USAGE,
  run: reproduce,
};
