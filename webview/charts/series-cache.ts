/**
 * The series the charts have fetched, decoded from the wire, one per metric key and run.
 * Requests for the same key and run are shared while in flight, and live points are appended
 * to what is already here.
 */
import { downsampleMinMax } from '../../src/compare-logic/min-max-downsample';
import type { RunSeries, SeriesPoints, StepRange } from '../../src/extension/compare/protocol';
import { decodeMetric } from '../../src/runlog/numbers';
import type { HostChannel } from '../host-channel';

/** One run's points of one metric, ordered by step. */
export interface DecodedSeries {
  steps: number[];
  times: number[];
  values: number[];
  /** True when min/max buckets stand in for more points. */
  downsampled: boolean;
  /** The points budget it was fetched with. */
  budget: number;
}

function decodeValues(points: SeriesPoints): number[] {
  return points.values.map((value) => decodeMetric(value) ?? NaN);
}

function decode(series: RunSeries, budget: number): DecodedSeries {
  return {
    steps: series.steps,
    times: series.times,
    values: decodeValues(series),
    downsampled: series.downsampled,
    budget,
  };
}

function slot(key: string, runId: string): string {
  return `${key}\u0000${runId}`;
}

/** Fetched series by key and run. */
export class SeriesCache {
  private readonly series = new Map<string, DecodedSeries>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly channel: HostChannel) {}

  /** The whole-run series of `runId` for `key`, if fetched. */
  get(key: string, runId: string): DecodedSeries | undefined {
    return this.series.get(slot(key, runId));
  }

  /**
   * Fetches `key` for the runs that lack it, or whose copy was fetched for a much narrower
   * chart. Resolves when all of them are here: true when this call started a fetch.
   */
  async ensure(key: string, runIds: readonly string[], budget: number): Promise<boolean> {
    const missing = runIds.filter((runId) => {
      const known = this.series.get(slot(key, runId));
      return (
        !this.inFlight.has(slot(key, runId)) &&
        (!known || (known.downsampled && known.budget * 1.5 < budget))
      );
    });
    if (missing.length > 0) {
      const request = this.fetch(key, missing, budget);
      for (const runId of missing) {
        this.inFlight.set(slot(key, runId), request);
      }
    }

    await Promise.all(runIds.map((runId) => this.inFlight.get(slot(key, runId))));
    return missing.length > 0;
  }

  /** Fetches a step range at full resolution (within budget), without caching it. */
  async fetchRange(
    key: string,
    runIds: readonly string[],
    budget: number,
    range: StepRange,
  ): Promise<Map<string, DecodedSeries>> {
    const reply = await this.channel.request({
      type: 'getSeries',
      key,
      runIds: [...runIds],
      points: budget,
      range,
    });
    return new Map(reply.series.map((entry) => [entry.runId, decode(entry, budget)]));
  }

  /** Forgets the series of runs no longer selected, so a long session does not grow. */
  retainRuns(runIds: readonly string[]): void {
    const kept = new Set(runIds);
    for (const key of this.series.keys()) {
      if (!kept.has(key.slice(key.indexOf('\u0000') + 1))) {
        this.series.delete(key);
      }
    }
  }

  /**
   * Appends a live run's new points, skipping any at or before the last step held. Returns
   * false when there was nothing to append to yet: the next fetch brings those points.
   */
  append(key: string, runId: string, points: SeriesPoints): boolean {
    const known = this.series.get(slot(key, runId));
    if (!known) {
      return false;
    }

    const lastStep = known.steps.length > 0 ? known.steps[known.steps.length - 1] : -Infinity;
    const values = decodeValues(points);
    let grown: DecodedSeries = {
      ...known,
      steps: [...known.steps],
      times: [...known.times],
      values: [...known.values],
    };
    points.steps.forEach((step, index) => {
      if (step > lastStep) {
        grown.steps.push(step);
        grown.times.push(points.times[index]);
        grown.values.push(values[index]);
      }
    });
    if (grown.steps.length > known.budget * 2) {
      grown = { ...grown, ...downsampleMinMax(grown, known.budget), downsampled: true };
    }

    this.series.set(slot(key, runId), grown);
    return true;
  }

  private async fetch(key: string, runIds: string[], budget: number): Promise<void> {
    try {
      const reply = await this.channel.request({ type: 'getSeries', key, runIds, points: budget });
      const empty: DecodedSeries = { steps: [], times: [], values: [], downsampled: false, budget };
      const received = new Map(reply.series.map((entry) => [entry.runId, decode(entry, budget)]));
      for (const runId of runIds) {
        this.series.set(slot(key, runId), received.get(runId) ?? empty);
      }
    } finally {
      for (const runId of runIds) {
        this.inFlight.delete(slot(key, runId));
      }
    }
  }
}
