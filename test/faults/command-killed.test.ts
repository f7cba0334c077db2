/**
 * Fault 1: the tracked command is killed with SIGKILL mid-run. `labbook run` records the run
 * as killed by SIGKILL and exits with 137, and every point written before, by the SDK or
 * printed on stdout, is in the record.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hasPython, runCli } from '../unit/launch/processes';
import { readRun } from '../unit/launch/run-folder';
import { startTraining } from './endless-training';
import { assertEveryPointKept, killGroup, pointsOnDisk, printedSteps } from './fault-helpers';

describe('fault 1: the tracked command is killed with SIGKILL', function () {
  this.timeout(60_000);
  let commandPid: number | undefined;

  afterEach(() => killGroup(commandPid));

  it('records the run as killed, with every point written before the kill', async function () {
    if (!hasPython()) {
      this.skip();
    }

    const training = await startTraining();
    commandPid = training.commandPid;
    process.kill(commandPid, 'SIGKILL');
    const printedBefore = printedSteps(training.printed());
    const result = await training.finished;

    assert.equal(result.code, 137, 'labbook run exits with 128 + SIGKILL');
    const run = readRun(training.runDir);
    assert.equal(run.end?.status, 'killed');
    assert.equal(run.end?.signal, 'SIGKILL');
    assertEveryPointKept(training.sdkPoints, pointsOnDisk(training.runDir, 'loss'), 'SDK');
    const recordedAcc = new Set(run.metrics.get('acc')?.map(([, value]) => value));
    assert.ok(printedBefore.length >= 100);
    assert.deepEqual(
      printedBefore.filter((step) => !recordedAcc.has(step)),
      [],
      'a stdout scalar printed before the kill is missing',
    );
    const logged = printedSteps(readFileSync(join(training.runDir, 'stdout.log'), 'utf8'));
    assert.deepEqual(logged.slice(0, printedBefore.length), printedBefore);

    const listed = await runCli(['ls', '--json'], training.folder, training.env);
    assert.equal((JSON.parse(listed.stdout) as { status: string }[])[0]?.status, 'killed');
  });
});
