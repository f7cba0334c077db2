import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

const extensionId = 'labbook.labbook';

function labbookExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `VS Code does not know the extension ${extensionId}`);
  return extension;
}

describe('the Labbook extension in a real VS Code', () => {
  before(async () => {
    await labbookExtension().activate();
  });

  it('activates', () => {
    assert.equal(labbookExtension().isActive, true);
  });

  it('registers every command its manifest contributes', async () => {
    const contributed = (
      labbookExtension().packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((entry) => entry.command);
    const registered = new Set(await vscode.commands.getCommands(true));

    assert.ok(contributed.length > 0, 'the manifest contributes no command');
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands that activation did not register',
    );
  });

  it('runs the Refresh command without error', async () => {
    await vscode.commands.executeCommand('labbook.refresh');
  });

  it('has a Labbook view container holding the Runs view', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));

    // VS Code makes an open command for each view container and a focus command for each view.
    assert.ok(registered.has('workbench.view.extension.labbook'), 'no Labbook view container');
    assert.ok(registered.has('labbook.runs.focus'), 'no Runs view (labbook.runs)');
    await vscode.commands.executeCommand('labbook.runs.focus');
  });
});
