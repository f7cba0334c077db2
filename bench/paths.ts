/** Where the bench finds the product it measures, from its compiled place in out/bench/. */
import { join } from 'node:path';

export const REPOSITORY_ROOT = join(__dirname, '..', '..');

/** The git-ignored folder for generated data, unless --data says otherwise. */
export const DEFAULT_DATA_FOLDER = join(REPOSITORY_ROOT, '.bench-data');
