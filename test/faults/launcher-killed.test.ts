/**
 * Fault 2: `labbook run` itself is killed with SIGKILL. It cannot write an end, so the run
 * reads as crashed; the command, cut off from its output, ends on its own; and the points its
 * SDK wrote are kept, as is the output printed before the kill.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hasPython, runCli, waitFor } from '../unit/launch/processes';
import { readRun } from '../unit/launch/run-folder';
import { startTraining } from './endless-training';
import {
  alive,
  assertEveryPointKept,
  killGroup,
  pointsOnDisk,
  printedSteps,
} from './fault-helpers';

describe('fault 2: labbook run is killed with SIGKILL', function () {
  this.timeout(60_000);
  let commandPid: number | undefined;

  afterEach(() => killGroup(commandPid));

  it('reads as crashed and keeps the SDK points and the output from before', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const training = await startTraining();
    const orphan = training.commandPid;
    commandPid = orphan;
    training.launcher.kill('SIGKILL');
    const printedBefore = printedSteps(training.printed());
    assert.equal((await training.finished).signal, 'SIGKILL');

    await waitFor(() => !alive(orphan), 20_000);
    const run = readRun(training.runDir);
    assert.equal(run.end, undefined, 'nobody wrote an end for the launcher');
    assertEveryPointKept(training.sdkPoints, pointsOnDisk(training.runDir, 'loss'), 'SDK');
    const logged = printedSteps(readFileSync(join(training.runDir, 'stdout.log'), 'utf8'));
    assert.deepEqual(logged.slice(0, printedBefore.length), printedBefore);

    const listed = await runCli(['ls', '--json'], training.folder, training.env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal((JSON.parse(listed.stdout) as { status: string }[])[0]?.status, 'crashed');
  });
});
