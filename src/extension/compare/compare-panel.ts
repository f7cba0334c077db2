/**
 * The "Labbook: Compare" panel's host side. The webview never reads files: it asks
 * through the protocol (protocol.ts) and this class answers from the index. Replies
 * carry the request's id; the first message is the webview's `ready`.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

import * as vscode from 'vscode';

import type { StoreSession } from '../store/store-session';
import { Logger } from '../logging/logger';
import { comparePageHtml } from './html';
import { COMPARE_PROTOCOL_VERSION, type HostMessage, type WebviewMessage } from './protocol';
import { parseWebviewMessage } from './protocol-validation';
import { LiveSeries } from './live-series';
import { summariesOf, wireValues } from './run-summaries';
import { tableRows } from './table-rows';

const log = new Logger('compare');

/** The panel's view type, also in `activationEvents` as `onWebviewPanel:labbook.compare`. */
export const COMPARE_VIEW_TYPE = 'labbook.compare';

/** Opens VS Code's diff editor on a document of two runs. */
export type OpenRunDiff = (document: string, leftRunId: string, rightRunId: string) => void;

export class ComparePanel implements vscode.Disposable {
  private selection: string[];
  private readonly live = new LiveSeries();
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Fires for every message sent to the webview; the log and the tests follow it. */
  readonly onDidPost = this.posted.event;
  private readonly disposables: vscode.Disposable[] = [this.posted];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly session: StoreSession,
    extensionUri: vscode.Uri,
    selection: string[],
    private readonly openDiff: OpenRunDiff,
    private readonly onSelection: (runIds: string[]) => void,
    private readonly onDisposed: () => void,
  ) {
    this.selection = selection;
    const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };

    const uri = (name: string): string =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    panel.webview.html = comparePageHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: uri('main.js'),
      styleUri: uri('main.css'),
      codiconUri: uri('codicons.css'),
      title: 'Labbook: Compare',
    });

    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      session.onDidChange((change) => void this.storeChanged(change.added.concat(change.updated))),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The runs the panel shows. */
  get runIds(): readonly string[] {
    return this.selection;
  }

  /** Shows other runs, for example after the explorer's selection changed. */
  async show(runIds: string[]): Promise<void> {
    this.selection = runIds;
    this.live.reset();
    const index = await this.session.index();
    this.post({ type: 'selectionChanged', runs: summariesOf(index, runIds) });
    this.panel.reveal();
  }

  private post(message: HostMessage): void {
    log.trace(`to webview: ${message.type}`);
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
  }

  private async receive(raw: unknown): Promise<void> {
    let message: WebviewMessage;
    try {
      message = parseWebviewMessage(raw);
    } catch (error) {
      log.warn(`ignored a malformed message from the webview: ${String(error)}`);
      return;
    }

    try {
      await this.answer(message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      log.error(`could not answer ${message.type}`, error);
      if ('requestId' in message) {
        this.post({ type: 'requestFailed', requestId: message.requestId, message: text });
      }
    }
  }

  private async answer(message: WebviewMessage): Promise<void> {
    const index = await this.session.index();
    switch (message.type) {
      case 'ready':
        this.post({
          type: 'init',
          protocolVersion: COMPARE_PROTOCOL_VERSION,
          runs: summariesOf(index, this.selection),
        });
        return;

      case 'getSeries': {
        const series = index.series(message.runIds, message.key, {
          points: message.points,
          ...(message.range
            ? { fromStep: message.range.fromStep, toStep: message.range.toStep }
            : {}),
        });
        if (!message.range) {
          this.live.sent(message.key, series);
        }

        this.post({
          type: 'series',
          requestId: message.requestId,
          key: message.key,
          series: series.map((one) => ({
            runId: one.runId,
            steps: Array.from(one.steps),
            times: Array.from(one.times),
            values: wireValues(one.values),
            downsampled: one.downsampled,
          })),
        });
        return;
      }

      case 'getTableRows':
        this.post(tableRows(index, message));
        return;

      case 'export':
        await this.export(
          message.requestId,
          message.format,
          message.suggestedName,
          message.content,
        );
        return;

      case 'selectionChanged':
        this.selection = message.runIds;
        this.onSelection(message.runIds);
        return;

      case 'openDiff':
        this.openDiff(message.document, message.leftRunId, message.rightRunId);
        return;

      case 'log':
        log[message.level](`webview: ${message.message}`);
        return;
    }
  }

  private async export(
    requestId: number,
    format: 'csv' | 'png',
    suggestedName: string,
    content: string,
  ): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, suggestedName) } : {}),
      filters: format === 'csv' ? { CSV: ['csv'] } : { PNG: ['png'] },
    });
    if (target) {
      writeFileSync(target.fsPath, format === 'csv' ? content : Buffer.from(content, 'base64'));
      log.info(`exported ${format} to ${target.fsPath}`);
    }

    this.post({ type: 'exported', requestId, saved: Boolean(target) });
  }

  /** Sends new summaries and only the new points of selected runs that changed. */
  private async storeChanged(changed: string[]): Promise<void> {
    this.post({ type: 'tableInvalidated' });
    const touched = this.selection.filter((id) => changed.includes(id));
    if (touched.length === 0) {
      return;
    }

    const index = await this.session.index();
    this.post({ type: 'runsUpdated', runs: summariesOf(index, touched) });
    for (const message of this.live.appended(index, touched)) {
      this.post(message);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }

    this.panel.dispose();
    this.onDisposed();
  }
}
