/** Reaches the activated extension's live objects, as the integration tests drive them. */
import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

import type { LabbookApi } from '../../src/extension/extension';
import type { RunTreeNode } from '../../src/extension/explorer/run-tree-nodes';

export async function labbookApi(): Promise<LabbookApi> {
  const extension = vscode.extensions.getExtension<LabbookApi>('labbook.labbook');
  assert.ok(extension, 'VS Code does not know the Labbook extension');
  return extension.isActive ? extension.exports : extension.activate();
}

/** Every run row of the tree, whatever the grouping. */
export async function runRows(api: LabbookApi): Promise<Extract<RunTreeNode, { kind: 'run' }>[]> {
  const { tree } = api.context;
  const rows: Extract<RunTreeNode, { kind: 'run' }>[] = [];
  for (const node of await tree.getChildren()) {
    const children = node.kind === 'group' ? await tree.getChildren(node) : [node];
    for (const child of children) {
      if (child.kind === 'run') {
        rows.push(child);
      }
    }
  }

  return rows;
}

/** Waits until `check` returns a value, polling; fails with `what` after `seconds`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  seconds = 30,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }

    if (Date.now() > deadline) {
      assert.fail(`Timed out after ${seconds} s waiting for ${what}.`);
    }

    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The prompts a test answered, and the messages the product showed. */
export interface Prompter extends vscode.Disposable {
  shown: string[];
}

/**
 * Answers the next input boxes, quick picks and notifications as a person would. The
 * product's own code runs; only the person's answers come from the test.
 */
export function answerPrompts(
  answers: { inputs?: string[]; picks?: string[]; messages?: string[] } = {},
): Prompter {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = {
    showInputBox: window.showInputBox,
    showQuickPick: window.showQuickPick,
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
    showErrorMessage: window.showErrorMessage,
  };
  const inputs = [...(answers.inputs ?? [])];
  const picks = [...(answers.picks ?? [])];
  const messages = [...(answers.messages ?? [])];
  const shown: string[] = [];

  window.showInputBox = async () => inputs.shift();
  window.showQuickPick = async (items: unknown) => {
    const list = (await items) as { label: string }[];
    const wanted = picks.shift() ?? '';
    return list.find((item) => item.label === wanted || item.label.endsWith(wanted));
  };
  const answer = async (message: string): Promise<string | undefined> => {
    shown.push(message);
    return messages.shift();
  };
  window.showInformationMessage = answer;
  window.showWarningMessage = answer;
  window.showErrorMessage = answer;

  return { shown, dispose: () => Object.assign(window, saved) };
}
