// The page as the browser tests and web benchmarks see it: the OS images
// built from the current sources (buildOsImages), then the production build
// (with the images plugin) in a temporary directory, served by Vite's
// preview server (vite.config.ts's COOP/COEP headers) on 127.0.0.1, port 0,
// or (`server: 'static'`, the web benchmarks) by test/e2e/static-server.ts
// in a process of its own, as a real host would serve it.

import { build, preview } from 'vite';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { hakoImages } from '../../web/images-plugin.ts';
import { REPO_ROOT } from './paths.ts';
import { runOsBuild } from '../../toolchain/os-build.ts';

/**
 * `npm run build:os` from the current sources, or an exception with its
 * status: what is measured or tested must be today's kernel and disk, never
 * images an earlier build left in build/ (a failed build deletes them, and
 * both must exist afterwards).
 */
export async function buildOsImages(): Promise<void> {
  let said = '';
  const status = await runOsBuild([], { out: () => {}, err: (text) => { said += text; process.stderr.write(text); } });
  if (status !== 0) throw new Error(`build:os failed (status ${status}); nothing runs on older images:\n${said}`);
  for (const image of ['build/kernel.elf', 'build/disk.img']) {
    if (!existsSync(join(REPO_ROOT, image))) throw new Error(`build:os succeeded but ${image} is missing`);
  }
}

export interface Site {
  url: string;
  close(): Promise<void>;
}

export async function startSite(options: { server?: 'preview' | 'static' } = {}): Promise<Site> {
  const outDir = mkdtempSync(join(tmpdir(), 'hako-e2e-'));
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  await build({ configFile, plugins: [hakoImages()], build: { outDir, emptyOutDir: true }, logLevel: 'error' });
  if (options.server === 'static') return staticSite(outDir);
  const server = await preview({ configFile, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** `dir` served by test/e2e/static-server.ts in a child process. */
async function staticSite(dir: string): Promise<Site> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/e2e/static-server.ts'), dir], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`the static server exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      child.stdin!.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
