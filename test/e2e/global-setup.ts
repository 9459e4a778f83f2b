// Global setup of the browser tests: build the OS images from the current
// sources (runOsBuild, as `npm run build:os`: build/kernel.elf and
// build/disk.img; a kernel that does not build is reported and the shell
// tests then fail, while the demo's still run), then build and serve the
// page once (site.ts) and hand its URL to the tests (inject('baseUrl')).
// Testing the production build checks what `npm run build` ships, relative
// base included.

import type { TestProject } from 'vitest/node';
import { runOsBuild } from '../../toolchain/os-build.ts';
import { startSite } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const status = await runOsBuild([], { out: () => {}, err: (text) => process.stderr.write(text) });
  if (status !== 0) process.stderr.write(`e2e: build:os failed (status ${status}); the kernel tests will fail\n`);
  const site = await startSite();
  project.provide('baseUrl', site.url);
  return () => site.close();
}
