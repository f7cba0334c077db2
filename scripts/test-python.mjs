// Runs the Python SDK's unittest suite with python3. Where python3 is missing the suite is
// skipped with a message that says so, so a green run never hides tests that did not run.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.LABBOOK_TEST_PYTHON ?? 'python3';
const probe = spawnSync(python, ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.warn(`SKIPPED: the Python SDK tests did not run, because "${python}" was not found.`);
  process.exit(0);
}

const result = spawnSync(python, ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], {
  cwd: join(root, 'sdk', 'python'),
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
