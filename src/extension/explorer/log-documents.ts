/**
 * Serves a run's captured stdout and stderr as read-only `labbook:` documents, so logs
 * open in an editor without any chance of being edited in place.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

import * as vscode from 'vscode';

import { isRunId } from '../../runlog/run-id';
import type { StoreLayout } from '../../store/layout';

/** Larger logs show their last part, with a first line saying so. */
const MAX_LOG_BYTES = 16 * 1024 * 1024;

const LOG_NAMES = new Set(['stdout.log', 'stderr.log', 'git.patch']);

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

/** The generated document of a run's params, which diffs compare as its config. */
export const PARAMS_DOCUMENT = 'params.json';

export class LogDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly layout: StoreLayout,
    private readonly paramsText: (runId: string) => Promise<string>,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [runId, name] = uri.path.split('/').filter(Boolean);
    const { layout } = this;
    if (runId && isRunId(runId) && name === PARAMS_DOCUMENT) {
      return this.paramsText(runId);
    }

    if (!runId || !name || !isRunId(runId) || !LOG_NAMES.has(name)) {
      return `Labbook cannot show ${uri.toString()}: it is not a run's log.`;
    }

    for (const dir of [layout.runDir(runId), layout.trashedRunDir(runId)]) {
      try {
        return readTail(join(dir, name));
      } catch {
        continue;
      }
    }

    return `The run ${runId} has no ${name}.`;
  }
}
