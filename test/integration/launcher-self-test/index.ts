/**
 * Entry point of the launcher's self-test: a suite with one deliberate failure, which the
 * launcher must turn into a non-zero exit code.
 */
import { runMochaFolder } from '../mocha-suite';

/** Runs the deliberately failing suite beside this file. */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
