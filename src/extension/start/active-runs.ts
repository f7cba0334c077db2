/**
 * Runs started from this window, so that Stop reaches the `labbook run` process that
 * owns them and the terminal knows which run it shows.
 */

export interface ActiveRun {
  runId: string;
  /** The `labbook run` process, which relays a stop to the command's process group. */
  pid: number;
  stop(): void;
}

export class ActiveRuns {
  private readonly runs = new Map<string, ActiveRun>();

  add(run: ActiveRun): void {
    this.runs.set(run.runId, run);
  }

  remove(runId: string): void {
    this.runs.delete(runId);
  }

  get(runId: string): ActiveRun | undefined {
    return this.runs.get(runId);
  }
}
