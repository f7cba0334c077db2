import * as assert from 'node:assert/strict';
import { sep } from 'node:path';

import * as vscode from 'vscode';

describe('Labbook installed from its .vsix', () => {
  it('is loaded from the extensions folder, not from the repository', () => {
    const extension = vscode.extensions.getExtension('labbook.labbook');

    assert.ok(extension, 'the installed extension labbook.labbook is not known to VS Code');
    assert.match(
      extension.extensionPath,
      new RegExp(`\\${sep}extensions\\${sep}labbook\\.labbook-`),
    );
  });

  it('activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension('labbook.labbook');
    await extension?.activate();
    const commands = await vscode.commands.getCommands(true);

    assert.equal(extension?.isActive, true);
    assert.ok(commands.includes('labbook.refresh'), 'labbook.refresh is not registered');
  });
});
