/**
 * The text of a run's captured output and dirty patch, for the read-only log documents. Free
 * of `vscode`, so the way it refuses a log that leads out of the run folder can be tested.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

import { runFilePath } from '../../runlog/run-file';
import type { StoreLayout } from '../../store/layout';

/** Larger logs show their last part, with a first line saying so. */
const MAX_LOG_BYTES = 16 * 1024 * 1024;

/** The files of a run that open as logs. */
export const LOG_NAMES: ReadonlySet<string> = new Set(['stdout.log', 'stderr.log', 'git.patch']);

function readTail(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - MAX_LOG_BYTES);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start > 0 ? `[the first ${start} bytes are not shown]\n${text}` : text;
  } finally {
    closeSync(fd);
  }
}

/**
 * The log `name` of run `runId`, from `runs/` or `trash/`, or a sentence saying why there is
 * none to show. A log that is a symlink out of the run folder is not read: a repository could
 * commit one pointing at a file of the person who opens it.
 */
export function runLogText(layout: StoreLayout, runId: string, name: string): string {
  for (const dir of [layout.runDir(runId), layout.trashedRunDir(runId)]) {
    if (!lstatSync(dir, { throwIfNoEntry: false })) {
      continue;
    }

    const path = runFilePath(dir, name);
    if (!path) {
      return `The ${name} of run ${runId} leads out of its run folder, so it is not shown.`;
    }

    try {
      return readTail(path);
    } catch {
      continue;
    }
  }

  return `The run ${runId} has no ${name}.`;
}
