/** Where the bench finds the product it measures, from its compiled place in out/bench/. */
import { join } from 'node:path';

export const REPOSITORY_ROOT = join(__dirname, '..', '..');

/** The CLI bundle that `labbook run` is (npm run build makes it). */
export const CLI_BUNDLE = join(REPOSITORY_ROOT, 'dist', 'cli.js');

/** The git-ignored folder for generated data, unless --data says otherwise. */
export const DEFAULT_DATA_FOLDER = join(REPOSITORY_ROOT, '.bench-data');
