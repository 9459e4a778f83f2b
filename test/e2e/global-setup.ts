// Global setup of the browser tests: build the OS images from the current
// sources (buildOsImages, as `npm run build:os`: build/kernel.elf and
// build/disk.img). A build that fails stops the run here: no test may pass
// on images from older sources (the failed build also deleted them). Then
// build and serve the page once (site.ts) and hand its URL to the tests
// (inject('baseUrl')). Testing the production build checks what `npm run
// build` ships, relative base included.

import type { TestProject } from 'vitest/node';
import { buildOsImages, startSite } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildOsImages();
  const site = await startSite();
  project.provide('baseUrl', site.url);
  return () => site.close();
}
