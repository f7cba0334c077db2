/** Everything needed to start one tracked run, and how it becomes `labbook run` arguments. */

export interface TrackedRunRequest {
  command: string[];
  cwd: string;
  name?: string;
  experiment?: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  env: NodeJS.ProcessEnv;
  captureStdout: boolean;
  /** The store the run is recorded in. */
  store: string;
}

/** The `labbook run` arguments (after the CLI's path) for a request. */
export function cliArguments(request: TrackedRunRequest): string[] {
  const args = ['run', '--cwd', request.cwd];
  if (request.name) {
    args.push('--name', request.name);
  }

  if (request.experiment) {
    args.push('--experiment', request.experiment);
  }

  for (const [key, value] of Object.entries(request.params)) {
    args.push('--param', `${key}=${value}`);
  }

  for (const [key, value] of Object.entries(request.tags)) {
    args.push('--tag', `${key}=${value}`);
  }

  if (!request.captureStdout) {
    args.push('--no-capture-stdout');
  }

  return [...args, '--', ...request.command];
}
