/**
 * Serves a run's captured stdout and stderr as read-only `labbook:` documents, so logs
 * open in an editor without any chance of being edited in place.
 */
import * as vscode from 'vscode';

import { isRunId } from '../../runlog/run-id';
import type { StoreLayout } from '../../store/layout';
import { LOG_NAMES, runLogText } from './run-log-text';

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

    return runLogText(layout, runId, name);
  }
}
