/**
 * Collects metric rows in columns until a flush turns them into one metrics event.
 * Columns keep the event small and make a batch of a million points one JSON array
 * per key rather than a million objects.
 */
import type { MetricsEvent, StoredMetric } from './events';
import { encodeMetric } from './numbers';

export class MetricBuffer {
  private steps: number[] = [];
  private times: number[] = [];
  private columns = new Map<string, (StoredMetric | null)[]>();

  /** Rows held. */
  get size(): number {
    return this.steps.length;
  }

  /** Adds one row; keys missing from earlier rows are padded with null. */
  add(step: number, time: number, values: Record<string, number>): void {
    const row = this.steps.length;
    this.steps.push(step);
    this.times.push(time);

    for (const key in values) {
      let column = this.columns.get(key);
      if (!column) {
        column = new Array<StoredMetric | null>(row).fill(null);
        this.columns.set(key, column);
      }

      column.push(encodeMetric(values[key] as number));
    }

    for (const column of this.columns.values()) {
      if (column.length === row) {
        column.push(null);
      }
    }
  }

  /** Empties the buffer into the body of a metrics event, or undefined when empty. */
  drain(): Pick<MetricsEvent, 'type' | 'steps' | 'times' | 'values'> | undefined {
    if (this.steps.length === 0) {
      return undefined;
    }

    const event = {
      type: 'metrics' as const,
      steps: this.steps,
      times: this.times,
      values: Object.fromEntries(this.columns),
    };

    this.steps = [];
    this.times = [];
    this.columns = new Map();
    return event;
  }

  /** Puts back a drained batch that could not be written, ahead of any rows added since. */
  restore(batch: Pick<MetricsEvent, 'steps' | 'times' | 'values'>): void {
    const laterSteps = this.steps;
    const laterTimes = this.times;
    const laterColumns = this.columns;
    const laterRows = laterSteps.length;

    this.steps = [...batch.steps, ...laterSteps];
    this.times = [...batch.times, ...laterTimes];
    this.columns = new Map();
    const keys = new Set([...Object.keys(batch.values), ...laterColumns.keys()]);
    for (const key of keys) {
      const earlier = Object.hasOwn(batch.values, key)
        ? (batch.values[key] as (StoredMetric | null)[])
        : new Array<StoredMetric | null>(batch.steps.length).fill(null);
      const later = laterColumns.get(key) ?? new Array<StoredMetric | null>(laterRows).fill(null);
      this.columns.set(key, [...earlier, ...later]);
    }
  }
}
