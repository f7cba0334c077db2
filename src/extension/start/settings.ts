/** The extension's settings, read fresh each time so that changes apply at once. */
import * as vscode from 'vscode';

export interface LabbookSettings {
  storePath: string;
  keyMetric: string;
  captureStdout: boolean;
  stdoutPatterns: string[];
  envAllowlist: string[];
  defaultExperiment: string;
  pythonPath: string;
}

export function readSettings(scope?: vscode.Uri): LabbookSettings {
  const config = vscode.workspace.getConfiguration('labbook', scope);
  return {
    storePath: config.get<string>('storePath', ''),
    keyMetric: config.get<string>('keyMetric', 'val_loss'),
    captureStdout: config.get<boolean>('captureStdout', true),
    stdoutPatterns: config.get<string[]>('stdoutPatterns', []),
    envAllowlist: config.get<string[]>('envAllowlist', []),
    defaultExperiment: config.get<string>('defaultExperiment', 'Default'),
    pythonPath: config.get<string>('pythonPath', ''),
  };
}

/** The environment a tracked run starts from, carrying the settings to `labbook run`. */
export function runEnvironment(settings: LabbookSettings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (settings.stdoutPatterns.length > 0) {
    env.LABBOOK_STDOUT_PATTERNS = JSON.stringify(settings.stdoutPatterns);
  }

  if (settings.envAllowlist.length > 0) {
    env.LABBOOK_ENV_ALLOW = settings.envAllowlist.join(',');
  }

  return env;
}
