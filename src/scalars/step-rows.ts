/**
 * Groups scalars into rows by step. A `step` scalar sets the step of the lines after it;
 * without one, a key that repeats starts a new row at the next step, which is how a loop
 * that prints `loss` and `acc` once per epoch reads naturally.
 */
import type { RowSink } from './scalar-stream';

/** The key whose value sets the step. */
export const STEP_KEY = 'step';

export class StepRows {
  /** Without a prototype, so that keys such as `constructor` or `__proto__` are plain keys. */
  private values: Record<string, number> = Object.create(null) as Record<string, number>;
  private hasValues = false;
  private step = 0;
  private explicitStep = false;

  constructor(private readonly sink: RowSink) {}

  /** Adds one scalar in output order. */
  add(key: string, value: number): void {
    if (key === STEP_KEY) {
      this.emit();
      if (Number.isInteger(value) && value >= 0) {
        this.step = value;
        this.explicitStep = true;
      }

      return;
    }

    if (key in this.values) {
      this.emit();
      if (!this.explicitStep) {
        this.step += 1;
      }
    }

    this.values[key] = value;
    this.hasValues = true;
  }

  /** Emits the row in progress, at the end of the output. */
  finish(): void {
    this.emit();
  }

  private emit(): void {
    if (!this.hasValues) {
      return;
    }

    // A plain object again: spreading copies every key as an own property, `__proto__` too.
    this.sink({ ...this.values }, this.step);
    this.values = Object.create(null) as Record<string, number>;
    this.hasValues = false;
  }
}
