/**
 * The Python interpreter for a tracked run: the `labbook.pythonPath` setting, then the
 * interpreter the Python extension has selected when it is installed, then `python3`.
 */
import * as vscode from 'vscode';

import { Logger } from '../logging/logger';

const log = new Logger('python');

interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined;
  };
}

export async function pythonInterpreter(setting: string, resource?: vscode.Uri): Promise<string> {
  if (setting.trim() !== '') {
    return setting;
  }

  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (extension) {
    try {
      const api = extension.isActive ? extension.exports : await extension.activate();
      const path = api.environments?.getActiveEnvironmentPath(resource)?.path;
      if (path) {
        return path;
      }
    } catch (error) {
      log.warn(`the Python extension did not name an interpreter: ${String(error)}`);
    }
  }

  return 'python3';
}
