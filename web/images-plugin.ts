// The Vite plugin that gives the page its machine images under `images/`:
// build/kernel.elf and build/disk.img (as images/disk.sparse, zero blocks
// left out: web/sparse-image.ts) when `npm run build:os` made them, the
// firmware demo (web/demo, compiled here with our toolchain), and
// images/index.json saying which exist. In development it serves them from
// build/ on every request (a rebuilt image is seen on reload); in a
// production build it emits them into dist/images/ as assets.
//
// Why a manifest: the page must know which images exist without asking for
// a missing one, because a 404 is a console error in the browser.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildDemo, type DemoBuild } from './demo/build.ts';
import type { ImageIndex } from './protocol.ts';
import { encodeSparse } from './sparse-image.ts';

const IMAGES = '/images/';
const KERNEL = 'kernel.elf';
const DISK = 'disk.img';
/** What the page fetches for build/disk.img: the same disk in web/sparse-image.ts's format. */
const DISK_SPARSE = 'disk.sparse';
const DEMO = 'demo.elf';

export interface ImagesOptions {
  /** Where build:os writes its images (default: build/ next to web/). */
  buildDir?: string;
}

export function hakoImages(options: ImagesOptions = {}): Plugin {
  const buildDir = options.buildDir ?? join(import.meta.dirname, '..', 'build');
  let demo: DemoBuild | null = null;
  const demoImage = (): DemoBuild => (demo ??= buildDemo());
  const present = (name: string) => {
    const path = join(buildDir, name);
    return existsSync(path) && statSync(path).isFile() && statSync(path).size > 0;
  };
  const index = (): ImageIndex => {
    const d = demoImage();
    const notes: string[] = [];
    if (!present(KERNEL)) notes.push('no build/kernel.elf: run npm run build:os');
    if (!d.ok) notes.push(`the demo did not build: ${d.error}`);
    return { kernel: present(KERNEL) ? KERNEL : null, disk: present(DISK) ? DISK_SPARSE : null, demo: d.ok ? DEMO : null, notes };
  };
  const bytesOf = (name: string): Uint8Array | null => {
    if (name === DEMO) { const d = demoImage(); return d.ok ? d.elf : null; }
    if (name === KERNEL && present(name)) return new Uint8Array(readFileSync(join(buildDir, name)));
    if (name === DISK_SPARSE && present(DISK)) return encodeSparse(new Uint8Array(readFileSync(join(buildDir, DISK))));
    return null;
  };

  return {
    name: 'hako-images',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(IMAGES)) { next(); return; }
        const name = url.slice(IMAGES.length);
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        res.setHeader('Cache-Control', 'no-store');
        if (name === 'index.json') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(index()));
          return;
        }
        const bytes = bytesOf(name);
        if (!bytes) { res.statusCode = 404; res.end(`no image ${name}`); return; }
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', String(bytes.length));
        res.end(bytes);
      });
    },
    generateBundle() {
      const list = index();
      for (const name of [list.kernel, list.disk, list.demo]) {
        if (!name) continue;
        const bytes = bytesOf(name);
        if (bytes) this.emitFile({ type: 'asset', fileName: `images/${name}`, source: bytes });
      }
      this.emitFile({ type: 'asset', fileName: 'images/index.json', source: JSON.stringify(list) });
    },
  };
}
