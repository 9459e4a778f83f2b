// The Vite plugin that gives the page its machine images under `images/`:
// build/kernel.elf and build/disk.img (as images/disk.sparse.gz: zero
// blocks left out, web/sparse-image.ts) when `npm run build:os` made them,
// the firmware demo (web/demo, compiled here with our toolchain), and
// images/index.json saying which exist. In development it serves them from
// build/ on every request (a rebuilt image is seen on reload); in a
// production build it emits them into dist/images/ as assets.
//
// It also serves images/toolchain.json.gz: the headers, crt0 and libc.a the
// editor's Build button compiles with in the worker (web/worker-files.ts),
// made here by the Node driver (so from the same sources as build:os).
//
// It also makes images/boot.snap.gz: the boot snapshot of that kernel and
// disk (web/boot-snapshot-build.ts boots them headless here, a few seconds),
// which the page restores for its fast start.
//
// Why a manifest: the page must know which images exist without asking for
// a missing one, because a 404 is a console error in the browser. A
// production build also writes it into index.html (a JSON script element
// the page hands to the worker's boot), saving the worker a round trip.
// Why gzipped files: a server that compresses on the fly (Vite's preview
// does) spent ~100 ms per page load squeezing the 1.7 MiB disk while the
// page waited; stored gzipped (content type application/gzip, which no
// server recompresses) it costs nothing to serve and the worker un-gzips it
// natively (web/image-fetch.ts) in a few milliseconds.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { buildDemo, type DemoBuild } from './demo/build.ts';
import type { ImageIndex } from './protocol.ts';
import { encodeSparse } from './sparse-image.ts';
import { toolchainBundle } from '../toolchain/cc/driver.ts';
import { encodeBundle, TOOLCHAIN_FILE } from './worker-files.ts';
import { buildBootSnapshot, SNAPSHOT_MACHINE } from './boot-snapshot-build.ts';

const IMAGES = '/images/';
const KERNEL = 'kernel.elf';
const DISK = 'disk.img';
/** What the page fetches for each image: build/kernel.elf gzipped, build/disk.img in web/sparse-image.ts's format gzipped, the demo gzipped. */
const KERNEL_FILE = 'kernel.elf.gz';
const DISK_FILE = 'disk.sparse.gz';
const DEMO_FILE = 'demo.elf.gz';
const SNAPSHOT_FILE = 'boot.snap.gz';

export interface ImagesOptions {
  /** Where build:os writes its images (default: build/ next to web/). */
  buildDir?: string;
}

/** Development answers quickly at the default level; a production build squeezes harder once. */
function gzip(bytes: Uint8Array, production: boolean): Uint8Array {
  return gzipSync(bytes, { level: production ? constants.Z_BEST_COMPRESSION : constants.Z_DEFAULT_COMPRESSION });
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
    const both = present(KERNEL) && present(DISK);
    return { kernel: present(KERNEL) ? KERNEL_FILE : null, disk: present(DISK) ? DISK_FILE : null, demo: d.ok ? DEMO_FILE : null, snapshot: both ? SNAPSHOT_FILE : null,
      snapshotMachine: { ramMiB: SNAPSHOT_MACHINE.ramMiB, swapMiB: SNAPSHOT_MACHINE.swapMiB }, notes };
  };
  /** The boot snapshot of build/'s kernel and disk, made once per pair of files (by their times and sizes). */
  let snapshot: { key: string; bytes: Promise<Uint8Array | null> } | null = null;
  const snapshotOf = (production: boolean): Promise<Uint8Array | null> => {
    const key = [KERNEL, DISK].map((n) => { const s = statSync(join(buildDir, n)); return `${s.mtimeMs}:${s.size}`; }).join('/');
    if (snapshot?.key !== key) {
      const made = buildBootSnapshot(new Uint8Array(readFileSync(join(buildDir, KERNEL))), new Uint8Array(readFileSync(join(buildDir, DISK))));
      snapshot = { key, bytes: made.then((r) => {
        if (r.ok) return gzip(r.snapshot, production);
        console.warn(`hako-images: no boot snapshot: ${r.error}`);
        return null;
      }) };
    }
    return snapshot.bytes;
  };
  const bytesOf = (name: string, production: boolean): Uint8Array | null => {
    if (name === TOOLCHAIN_FILE) { const t = toolchainBundle(); return t.ok ? gzip(new TextEncoder().encode(encodeBundle(t.bundle)), production) : null; }
    if (name === DEMO_FILE) { const d = demoImage(); return d.ok ? gzip(d.elf, production) : null; }
    if (name === KERNEL_FILE && present(KERNEL)) return gzip(readFileSync(join(buildDir, KERNEL)), production);
    if (name === DISK_FILE && present(DISK)) return gzip(encodeSparse(new Uint8Array(readFileSync(join(buildDir, DISK)))), production);
    return null;
  };

  /** A production build's list, its snapshot made (a failed one is left out): the same in the page and in index.json. */
  let production: Promise<ImageIndex> | null = null;
  const productionIndex = (): Promise<ImageIndex> => production ??= (async () => {
    const list = index();
    if (list.snapshot && !await snapshotOf(true)) list.snapshot = null;
    return list;
  })();

  return {
    name: 'hako-images',
    // A production page carries the list in a JSON script element (web/main.ts passes it to boot()), so the
    // worker's boot skips index.json's round trip (50–70 ms); development keeps fetching it, as images change.
    async transformIndexHtml(_html, context) {
      if (context.server) return [];
      const json = JSON.stringify(await productionIndex()).replace(/</g, '\\u003c');
      return [{ tag: 'script', attrs: { type: 'application/json', id: 'hako-image-index' }, children: json, injectTo: 'head' }];
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
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
        const bytes = name === SNAPSHOT_FILE && present(KERNEL) && present(DISK) ? await snapshotOf(false) : bytesOf(name, false);
        if (!bytes) { res.statusCode = 404; res.end(`no image ${name}`); return; }
        res.setHeader('Content-Type', 'application/gzip');
        res.setHeader('Content-Length', String(bytes.length));
        res.end(bytes);
      });
    },
    async generateBundle() {
      const list = await productionIndex();
      if (list.snapshot) this.emitFile({ type: 'asset', fileName: `images/${list.snapshot}`, source: (await snapshotOf(true))! });
      for (const name of [list.kernel, list.disk, list.demo, TOOLCHAIN_FILE]) {
        if (!name) continue;
        const bytes = bytesOf(name, true);
        if (bytes) this.emitFile({ type: 'asset', fileName: `images/${name}`, source: bytes });
      }
      this.emitFile({ type: 'asset', fileName: 'images/index.json', source: JSON.stringify(list) });
    },
  };
}
