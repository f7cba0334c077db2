/** Runs a compiled bench child (out/bench/children/NAME.js) and parses its JSON line. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `children/<name>.js` with `args` in a new Node process, with Node's `flags`;
 * returns its JSON result.
 */
export function runChild<T>(name: string, args: string[], flags: string[] = []): T {
  const script = join(__dirname, 'children', `${name}.js`);
  const child = spawnSync(process.execPath, [...flags, script, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) {
    // Only the error's own line: a stack through a minified bundle quotes whole lines of it.
    const error = child.stderr.split('\n').find((line) => /^\w*Error\b/.test(line));
    throw new Error(
      `The bench child ${name} failed (${child.status}): ${error ?? 'no error line'}`,
    );
  }

  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as T;
}
