/**
 * The interpreter versions a run used, so that a result can be repeated on the same
 * stack. Asked of the programs on the command's own PATH, in parallel and with a timeout,
 * because a slow version manager shim must not hold up the start.
 */
import { execFile } from 'node:child_process';
import { basename } from 'node:path';

const VERSION_TIMEOUT_MS = 5_000;

function versionOf(program: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | null> {
  return new Promise((done) => {
    execFile(
      program,
      ['--version'],
      { env, cwd, timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        // Python 2 printed its version on stderr.
        const text = `${stdout}${stderr}`.trim();
        const version = /\d+\.\d+(\.\d+)?\S*/.exec(text)?.[0];
        done(error || !version ? null : version);
      },
    );
  });
}

/** Python and Node versions where found; the command's own interpreter when it is one. */
export async function captureVersions(
  command: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<Record<string, string>> {
  const program = command[0] ?? '';
  const python = /^python[\d.]*$/.test(basename(program)) ? program : 'python3';
  const node = basename(program) === 'node' ? program : 'node';
  const [pythonVersion, nodeVersion] = await Promise.all([
    versionOf(python, env, cwd),
    versionOf(node, env, cwd),
  ]);

  const versions: Record<string, string> = {};
  if (pythonVersion) {
    versions.python = pythonVersion;
  }

  if (nodeVersion) {
    versions.node = nodeVersion.replace(/^v/, '');
  }

  return versions;
}
