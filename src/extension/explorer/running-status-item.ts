/** "$(beaker) N running" in the status bar while runs are going; a click shows them. */
import * as vscode from 'vscode';

import type { StoreSession } from '../store/store-session';

export class RunningStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'labbook.running',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: StoreSession) {
    this.item.name = 'Labbook: Running Runs';
    this.item.command = 'labbook.showRunning';
    this.item.tooltip = 'Show the running runs in the Labbook view';
    this.subscription = session.onDidChange(() => void this.update());
  }

  private async update(): Promise<void> {
    const index = await this.session.index();
    const running = index.countRuns({ status: 'running' });
    if (running > 0) {
      this.item.text = `$(beaker) ${running} running`;
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
