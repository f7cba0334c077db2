/**
 * What the fault tests share: reading the points a run has on disk at a given moment, and
 * checking that every one of them survived the fault.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import { decodeMetric } from '../../src/runlog/numbers';
import { readRecordFile } from '../../src/runlog/reader';
import { RECORD_FILE } from '../../src/store/layout';

/** Points of one metric key by step, as read from every record file of a run folder. */
export type Points = Map<number, number>;

/** The points of `key` that are on disk now, in whole lines; a torn last line is left out. */
export function pointsOnDisk(runDir: string, key: string): Points {
  const points: Points = new Map();
  for (const name of readdirSync(runDir).filter((file) => RECORD_FILE.test(file))) {
    for (const event of readRecordFile(join(runDir, name)).events) {
      if (event.type !== 'metrics') {
        continue;
      }

      const column = event.values[key];
      column?.forEach((stored, row) => {
        if (stored !== null) {
          points.set(event.steps[row] as number, decodeMetric(stored) as number);
        }
      });
    }
  }

  return points;
}

/** Fails unless every point of `before` is in `after` with the very same value. */
export function assertEveryPointKept(before: Points, after: Points, what: string): void {
  assert.ok(before.size > 0, `no ${what} points were on disk before the fault`);
  const lost = [...before].filter(([step, value]) => !Object.is(after.get(step), value));
  assert.deepEqual(lost, [], `${what} points written before the fault were lost`);
}

/** Writes a script into `folder` and returns its path. */
export function writeScript(folder: string, name: string, source: string): string {
  const path = join(folder, name);
  writeFileSync(path, source);
  return path;
}

/** Resolves with the first match of `pattern` in what `stream` prints from now on. */
export function waitForText(
  stream: Readable,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      stream.off('data', listen);
      reject(new Error(`timed out waiting for ${pattern} in: ${seen.slice(-500)}`));
    }, timeoutMs);
    const listen = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        stream.off('data', listen);
        resolve(match);
      }
    };
    stream.on('data', listen);
  });
}

/** Whether a process with this id is still there. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a whole process group, ignoring one that is already gone. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) {
    return;
  }

  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * A training loop that never ends by itself: it writes its pid to argv[1], logs `loss` through
 * the SDK and prints `acc: <step>` for the launcher's stdout scalars, 100 steps a second.
 */
export const ENDLESS_TRAINING = `
import os, sys, time, labbook
run = labbook.init()
with open(sys.argv[1], "w") as pid_file:
    pid_file.write(str(os.getpid()))
step = 0
while True:
    run.log({"loss": 1.0 / (step + 1)}, step=step)
    print("acc: %d" % step, flush=True)
    step += 1
    time.sleep(0.01)
`;

/** The numbers after `acc: ` in text the training loop printed, complete lines only. */
export function printedSteps(text: string): number[] {
  return [...text.matchAll(/^acc: (\d+)\n/gm)].map((match) => Number(match[1]));
}

/** Waits for `labbook run`'s "run <id> started" line and returns the id. */
export async function startedRunId(child: ChildProcess): Promise<string> {
  if (!child.stderr) {
    throw new Error('the child was started without a stderr pipe');
  }

  const match = await waitForText(child.stderr, /labbook: run (\S+) started/);
  return match[1] as string;
}
