/** Entry point of the Restricted Mode suite, run in a workspace that is not trusted. */
import { runMochaFolder } from '../integration/mocha-suite';

export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
