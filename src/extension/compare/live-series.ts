/**
 * Remembers the last step sent for each run and metric, so that a live run's chart gets
 * only its new points rather than the whole series again.
 */
import type { RunIndex, RunSeries } from '../../runindex/run-index';
import type { PointsAppendedMessage } from './protocol';
import { wireValues } from './run-summaries';

/**
 * The most points one append carries per run and metric; more new points than this (a run
 * that logged fast between two reads) arrive downsampled to this many, min/max kept.
 */
const APPEND_LIMIT = 5_000;

export class LiveSeries {
  /** Last step sent, by metric key, then by run id. */
  private readonly lastStep = new Map<string, Map<string, number>>();

  reset(): void {
    this.lastStep.clear();
  }

  /** Notes what a full-range series reply sent. */
  sent(key: string, series: RunSeries[]): void {
    let byRun = this.lastStep.get(key);
    if (!byRun) {
      byRun = new Map();
      this.lastStep.set(key, byRun);
    }

    for (const one of series) {
      const last = one.steps[one.steps.length - 1];
      if (last !== undefined) {
        byRun.set(one.runId, last);
      }
    }
  }

  /** The append messages for the given runs' new points, advancing what was sent. */
  appended(index: RunIndex, runIds: string[]): PointsAppendedMessage[] {
    const messages: PointsAppendedMessage[] = [];
    for (const [key, byRun] of this.lastStep) {
      for (const runId of runIds) {
        const after = byRun.get(runId);
        const fromStep = after === undefined ? undefined : after + 1;
        const [series] = index.series([runId], key, {
          points: APPEND_LIMIT,
          ...(fromStep === undefined ? {} : { fromStep }),
        });
        const last = series?.steps[series.steps.length - 1];
        if (!series || last === undefined) {
          continue;
        }

        byRun.set(runId, last);
        messages.push({
          type: 'pointsAppended',
          runId,
          key,
          points: {
            steps: Array.from(series.steps),
            times: Array.from(series.times),
            values: wireValues(series.values),
          },
        });
      }
    }

    return messages;
  }
}
