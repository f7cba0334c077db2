/**
 * One "Labbook" LogOutputChannel for the whole extension, with a `[component]` tag on
 * every line so a user can tell which part spoke.
 */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** Creates the channel once; the caller registers the returned disposable. */
export function createLogChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Labbook', { log: true });
  return channel;
}

/** A logger for one component. Messages before the channel exists are dropped. */
export class Logger {
  constructor(private readonly component: string) {}

  trace(message: string): void {
    channel?.trace(`[${this.component}] ${message}`);
  }

  debug(message: string): void {
    channel?.debug(`[${this.component}] ${message}`);
  }

  info(message: string): void {
    channel?.info(`[${this.component}] ${message}`);
  }

  warn(message: string): void {
    channel?.warn(`[${this.component}] ${message}`);
  }

  error(message: string, error?: unknown): void {
    const detail =
      error instanceof Error ? `: ${error.message}` : error ? `: ${String(error)}` : '';
    channel?.error(`[${this.component}] ${message}${detail}`);
  }
}

/** Forgets the channel when the extension deactivates (the context disposes it). */
export function resetLogChannel(): void {
  channel = undefined;
}
