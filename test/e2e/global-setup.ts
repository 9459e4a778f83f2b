// Global setup of the browser tests: build the static site into a temporary
// directory (so dist/ is left alone) with the images plugin, serve it with
// Vite's preview server (vite.config.ts's COOP/COEP headers) on 127.0.0.1
// port 0, and hand its URL to the tests (inject('baseUrl')). Testing the
// production build checks what `npm run build` ships, relative base included.

import { build, preview, type PreviewServer } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { hakoImages } from '../../web/images-plugin.ts';
import { REPO_ROOT } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

let server: PreviewServer | null = null;
let outDir = '';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  outDir = mkdtempSync(join(tmpdir(), 'hako-e2e-'));
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  await build({ configFile, plugins: [hakoImages()], build: { outDir, emptyOutDir: true }, logLevel: 'error' });
  server = await preview({ configFile, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no TCP address');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await new Promise<void>((resolve) => server!.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  };
}
