/**
 * Collects metric rows in columns until a flush turns them into one metrics event.
 * Columns keep the event small and make a batch of a million points one JSON array
 * per key rather than a million objects.
 */
import { MAX_METRIC_KEYS, type MetricsEvent, type StoredMetric } from './events';
import { encodeMetric } from './numbers';

export class MetricBuffer {
  private steps: number[] = [];
  private times: number[] = [];
  private columns = new Map<string, (StoredMetric | null)[]>();
  /** Every key this buffer has taken, across flushes, for the limit of keys per run. */
  private readonly keys = new Set<string>();

  /** Rows held. */
  get size(): number {
    return this.steps.length;
  }

  /**
   * Adds one row; keys missing from earlier rows are padded with null. A row that would take
   * the run past {@link MAX_METRIC_KEYS} keys is not added at all, and a RangeError says so.
   */
  add(step: number, time: number, values: Record<string, number>): void {
    const row = this.steps.length;
    const admitted: string[] = [];
    try {
      for (const key in values) {
        let column = this.columns.get(key);
        if (!column) {
          this.admit(key, admitted);
          column = new Array<StoredMetric | null>(row).fill(null);
          this.columns.set(key, column);
        }

        column.push(encodeMetric(values[key] as number));
      }
    } catch (error) {
      this.dropRow(row, admitted);
      throw error;
    }

    this.steps.push(step);
    this.times.push(time);
    for (const column of this.columns.values()) {
      if (column.length === row) {
        column.push(null);
      }
    }
  }

  private admit(key: string, admitted: string[]): void {
    if (this.keys.has(key)) {
      return;
    }

    if (this.keys.size >= MAX_METRIC_KEYS) {
      // No key in the message: the launcher reports each distinct message once.
      throw new RangeError(
        `The run already has ${MAX_METRIC_KEYS} metric keys, the most one run holds, so a ` +
          'row with a new key was not logged; log fewer distinct keys.',
      );
    }

    this.keys.add(key);
    admitted.push(key);
  }

  /** Takes back a row that failed part-way: its values, and the keys it brought. */
  private dropRow(row: number, admitted: string[]): void {
    for (const column of this.columns.values()) {
      column.length = Math.min(column.length, row);
    }

    // A key is admitted only when it has no column yet, so its column is this row's.
    for (const key of admitted) {
      this.keys.delete(key);
      this.columns.delete(key);
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
