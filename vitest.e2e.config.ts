import { defineConfig } from 'vitest/config';

// Browser tests (npm run test:e2e): test/e2e/global-setup.ts builds the OS
// images and the page (the production build, with the images) and serves it through Vite's
// preview server on 127.0.0.1, port 0; each file drives Debian's chromium
// with playwright-core. Files run one at a time: two cores, one browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
