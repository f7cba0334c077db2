/**
 * Checks that a command can be started before a run is created for it, so that a typo
 * gives a clear error instead of a failed run in the store.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Why `program`, which {@link findProgram} did not find, cannot be started: one sentence. */
export function programProblem(program: string, cwd: string): string {
  const path = isAbsolute(program) ? program : resolve(cwd, program);
  if (program.includes('/') && existsSync(path)) {
    if (statSync(path).isDirectory()) {
      return `The command "${program}" is a folder, not a program.`;
    }

    return (
      `The command "${program}" is not executable; ` +
      'run it through its interpreter, or chmod +x it.'
    );
  }

  return `The command "${program}" was not found; check its name and PATH.`;
}

/** The path that `program` resolves to from `cwd` and the PATH of `env`, if any. */
export function findProgram(
  program: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (program.includes('/')) {
    const path = isAbsolute(program) ? program : resolve(cwd, program);
    return isExecutableFile(path) ? path : undefined;
  }

  for (const folder of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(resolve(cwd, folder || '.'), program);
    if (isExecutableFile(candidate)) {
      return candidate;
    }
  }

  return undefined;
}
