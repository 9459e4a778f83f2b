// The images the first boot needs, downloaded by the page itself while the
// worker's module is still loading: the worker can ask for nothing before
// its module has been fetched and evaluated (~0.3 s after the page's
// script), and the kernel and the boot snapshot need about as long to
// arrive, so asked for here they are in (or nearly) when the worker's boot
// starts. Their bodies go to the worker as Blobs (a handle, not a copy on
// this thread) through imageFetched(); the worker un-gzips them.
//
// Only a production page does this: it carries the image list (a JSON
// script element written by web/images-plugin.ts), so the names are known
// without asking, and an inline script there starts the kernel's (and a
// fast start's snapshot) before this module has even loaded; this takes
// those over. In development the worker asks for everything itself.
//
// Invariants: every download started here is handed over exactly once, as
// a Blob or as null when it failed (the worker then fetches the file
// itself), and BootConfig.pageFetches names exactly these; the choice
// mirrors the worker's own (web/worker.ts boot()): a file the boot turns
// out not to need (a lesson's machine, say) is only a wasted download.

import type { ImageIndex, MachineWorkerApi } from './protocol.ts';
import type { Settings } from './settings.ts';

/** The image list a production build wrote into the page (web/images-plugin.ts); null in development. */
export function builtImageIndex(): ImageIndex | null {
  const text = document.getElementById('hako-image-index')?.textContent;
  if (!text) return null;
  try { return JSON.parse(text) as ImageIndex; } catch { return null; }
}

export interface PageFetches {
  /** The files being downloaded (BootConfig.pageFetches). */
  files: string[];
  /** Hand each body to the worker as it arrives. */
  handOver(api: Pick<MachineWorkerApi, 'imageFetched'>): void;
}

/** Starts the downloads the first boot with `settings` will want; none without a list. */
export function startPageFetches(index: ImageIndex | null, settings: Settings, imagesUrl: string): PageFetches {
  const files: string[] = [];
  if (index) {
    const image = settings.image === 'demo' ? index.demo : index.kernel ?? (settings.image === 'auto' ? index.demo : null);
    if (image) files.push(image);
    const fits = index.snapshotMachine?.ramMiB === settings.ramMiB && index.snapshotMachine.swapMiB === settings.swapMiB;
    if (image === index.kernel && index.snapshot && settings.start === 'fast' && fits && !settings.login && !settings.net && !settings.keepDisk) {
      files.push(index.snapshot);
    }
  }
  // the page's inline script (web/images-plugin.ts) may have started some already
  const early = (globalThis as { hakoEarlyFetches?: Record<string, Promise<Blob | null>> }).hakoEarlyFetches ?? {};
  const bodies = files.map((file) => early[file] ?? fetch(new URL(file, imagesUrl)).then((r) => (r.ok ? r.blob() : null)).catch(() => null));
  return {
    files,
    handOver(api) {
      files.forEach((file, i) => {
        void bodies[i].then((body) => {
          performance.mark('hako:page-fetched'); // the benchmarks' `fetched` (test/bench/web.ts)
          return api.imageFetched(file, body);
        });
      });
    },
  };
}
