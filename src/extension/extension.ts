/** The extension's entry point: VS Code calls `activate` once the Labbook view or a command is used. */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Labbook', { log: true });
  context.subscriptions.push(log);

  // The Runs explorer will hang its refresh here; until then the command only records the request.
  context.subscriptions.push(
    vscode.commands.registerCommand('labbook.refresh', () => {
      log.info('[runs] refresh requested');
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through the context's subscriptions.
}
