// Where things are, for the browser tests and the web benchmarks.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
