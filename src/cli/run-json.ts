/**
 * Runs as JSON, in the shape issue 2 fixes for `--json`. JSON has no NaN or
 * infinities, so metric numbers use the record's strings ("NaN", "Infinity",
 * "-Infinity") and params its `{"$float": …}` form, exactly as the run record does.
 */
import type { MetricSummary, RunDetail, RunRecord } from '../runindex/run-records';
import { encodeMetric, encodeParam } from '../runlog/numbers';
import { recordJson } from '../runlog/record-json';
import { escapeInvisible } from './terminal-text';

/** A metric number for JSON; null stays null. */
export function metricJson(value: number | null): number | string | null {
  return value === null ? null : encodeMetric(value);
}

function summaryJson(summary: MetricSummary): Record<string, unknown> {
  return {
    last: metricJson(summary.last),
    min: metricJson(summary.min),
    max: metricJson(summary.max),
    step: summary.step,
    count: summary.count,
  };
}

/** A run in the JSON shape of `labbook ls --json`. */
export function runJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    name: run.name,
    experiment: run.experiment,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    exitCode: run.exitCode,
    command: run.command,
    params: Object.fromEntries(
      Object.entries(run.params).map(([key, value]) => [key, encodeParam(value)]),
    ),
    tags: run.tags,
    metrics: Object.fromEntries(
      Object.entries(run.metrics).map(([key, value]) => [key, summaryJson(value)]),
    ),
    git: run.git,
  };
}

/** A run with everything `labbook show --json` adds to the common shape. */
export function runDetailJson(run: RunDetail): Record<string, unknown> {
  return {
    ...runJson(run),
    duration: run.duration,
    dir: run.dir,
    location: run.location,
    host: run.host,
    user: run.user,
    cwd: run.cwd,
    notes: run.notes,
    artifacts: run.artifacts,
    inputs: run.inputs,
    error: run.error,
    badLines: run.badLines,
  };
}

/** JSON text with a trailing newline, indented for people; -0 stays -0, as in the record. */
export function jsonText(value: unknown): string {
  return `${escapeInvisible(recordJson(value, 2))}\n`;
}
