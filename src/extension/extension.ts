/** The extension's entry point: VS Code calls `activate` once the Labbook view or a command is used. */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // The explorer, commands and webview register here as they land.
}

export function deactivate(): void {
  // Everything is disposed through the context's subscriptions.
}
