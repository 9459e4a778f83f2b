import { defineConfig } from 'vitest/config';

// Browser tests (npm run test:e2e): test/e2e/global-setup.ts builds the page
// (the production build, with the images) and serves it through Vite's
// preview server on 127.0.0.1, port 0; each file drives Debian's chromium
// with playwright-core. Files run one at a time: two cores, one browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    // shell-pending.test.ts needs a working `ps` (the kernel's /proc). It is
    // enabled (removed from this list) when ps lists the shell; until then it
    // is not run at all, rather than skipped or counted as passing.
    exclude: ['test/e2e/shell-pending.test.ts', 'node_modules/**'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
