/**
 * Records runs into the open workspace's store with the real `labbook run` CLI, as a person
 * does in a terminal beside the editor; the Runs view picks them up by itself.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { projectRoot } from '../rig/rig-install';
import { workspaceFolder, writeWorkspaceFile } from './session-hooks';

/**
 * A training script with two metrics, `loss` and `accuracy`, over 40 steps (or the `steps`
 * param). Its learning rate (the `lr` param, which `labbook run` passes as LABBOOK_PARAM_LR)
 * sets how fast loss falls, so runs with different rates draw different lines.
 */
const CURVES_SCRIPT = `import math
import os

import labbook

lr = float(os.environ["LABBOOK_PARAM_LR"])
steps = int(os.environ.get("LABBOOK_PARAM_STEPS", "40"))
labbook.init()
for step in range(steps):
    loss = math.exp(-lr * step / 2) + 0.05 * math.sin(step)
    labbook.log({"loss": loss, "accuracy": 1 - loss / 2}, step=step)
`;

/** What to record: the run's name and experiment, and its params (lr is required). */
export interface RecordedRun {
  name: string;
  experiment: string;
  params: Record<string, string> & { lr: string };
}

/** Records each run to its end, one after the other; a failure throws with the CLI's output. */
export function recordRuns(runs: RecordedRun[]): void {
  const workspace = workspaceFolder();
  writeWorkspaceFile('curves.py', CURVES_SCRIPT);

  for (const run of runs) {
    const params = Object.entries(run.params).flatMap(([key, value]) => [
      '--param',
      `${key}=${value}`,
    ]);
    const args = [join(projectRoot, 'dist', 'cli.js'), 'run', '--name', run.name];
    args.push('--experiment', run.experiment, ...params, '--', 'python3', 'curves.py');
    try {
      execFileSync(process.execPath, args, {
        cwd: workspace,
        env: { ...process.env, LABBOOK_STORE: join(workspace, '.labbook') },
        stdio: 'pipe',
        timeout: 60_000,
      });
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new Error(`labbook run could not record the run "${run.name}": ${output}`);
    }
  }
}
