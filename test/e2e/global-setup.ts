// Global setup of the browser tests: build and serve the page once
// (site.ts) and hand its URL to the tests (inject('baseUrl')). Testing the
// production build checks what `npm run build` ships, relative base included.

import type { TestProject } from 'vitest/node';
import { startSite } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await startSite();
  project.provide('baseUrl', site.url);
  return () => site.close();
}
