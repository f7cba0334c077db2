/**
 * Turns the index's runs into the protocol's run summaries. Numbers that JSON cannot
 * carry (NaN, ±Infinity) are encoded as in the record, because postMessage is JSON here.
 */
import type { RunIndex } from '../../runindex/run-index';
import type { RunDetail } from '../../runindex/run-records';
import { encodeMetric, encodeParam } from '../../runlog/numbers';
import type { MetricSummary, RunSummary, WireNumber } from './protocol';
import { setOwnProperty } from '../../runlog/own-property';

function wire(value: number | null): WireNumber {
  return encodeMetric(value ?? NaN);
}

/** The protocol's summary of one run. */
export function toRunSummary(run: RunDetail): RunSummary {
  const metrics: Record<string, MetricSummary> = {};
  for (const [key, summary] of Object.entries(run.metrics)) {
    setOwnProperty(metrics, key, {
      last: wire(summary.last),
      min: wire(summary.min),
      max: wire(summary.max),
      step: summary.step,
      count: summary.count,
    });
  }

  const params: RunSummary['params'] = {};
  for (const [key, value] of Object.entries(run.params)) {
    setOwnProperty(params, key, encodeParam(value));
  }

  return {
    id: run.id,
    name: run.name,
    experiment: run.experiment,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    exitCode: run.exitCode,
    command: run.command,
    params,
    tags: run.tags,
    metrics,
    git: run.git,
    env: run.env,
  };
}

/** Summaries of the runs with these ids that still exist, in the given order. */
export function summariesOf(index: RunIndex, runIds: readonly string[]): RunSummary[] {
  const summaries: RunSummary[] = [];
  for (const id of runIds) {
    try {
      summaries.push(toRunSummary(index.getRun(id, 'any')));
    } catch {
      continue;
    }
  }

  return summaries;
}

/** Encodes a series' values for the wire. */
export function wireValues(values: ArrayLike<number>): WireNumber[] {
  const result = new Array<WireNumber>(values.length);
  for (let index = 0; index < values.length; index += 1) {
    result[index] = encodeMetric(values[index] as number);
  }

  return result;
}
