/** Entry point of the integration suite: the extension host loads this and awaits `run()`. */
import { runMochaFolder } from './mocha-suite';

/** Runs the integration tests beside this file. */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
