/** Builds the address that opens code-server's workbench on a folder, in development mode. */

/** What the workbench should open and load. */
export interface WorkbenchTarget {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

/**
 * The web workbench takes desktop VS Code's development options as a `payload` query parameter,
 * a JSON list of name/value pairs whose paths are `vscode-remote:` addresses on the server.
 */
export function workbenchUrl(serverUrl: string, target: WorkbenchTarget): string {
  const server = new URL(serverUrl);
  const remote = (path: string): string => `vscode-remote://${server.host}${path}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  }

  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  }

  const address = new URL(server.href);
  address.searchParams.set('folder', target.folder);
  if (payload.length > 0) {
    address.searchParams.set('payload', JSON.stringify(payload));
  }

  return address.href;
}
