/**
 * Entry point of the packaged-extension check: the extension host loads this in a code-server
 * where the .vsix was installed, without the repository in development mode.
 */
import { runMochaFolder } from '../integration/mocha-suite';

/** Runs the tests beside this file. */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
