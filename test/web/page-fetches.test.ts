// web/page-fetches.ts: which images the page downloads for the first boot
// (the worker's own choice, made early), that the inline script's downloads
// are taken over rather than made twice, and that every download is handed
// to the worker once: a Blob, or null when it failed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPageFetches } from '../../web/page-fetches.ts';
import { DEFAULTS, type Settings } from '../../web/settings.ts';
import type { ImageIndex } from '../../web/protocol.ts';

const INDEX: ImageIndex = {
  kernel: 'kernel.elf.gz', disk: 'disk.sparse.gz', demo: 'demo.elf.gz', snapshot: 'boot.snap.gz',
  snapshotMachine: { ramMiB: DEFAULTS.ramMiB, swapMiB: DEFAULTS.swapMiB }, notes: [],
};
const URL_BASE = 'http://hako.test/images/';

/** fetch stubbed: answers 200 with the file's name as its body, or 404 for names in `missing`; records what was asked. */
function stubFetch(missing: string[] = []): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: URL | string) => {
    const name = String(url).slice(URL_BASE.length);
    asked.push(name);
    return missing.includes(name) ? new Response('', { status: 404 }) : new Response(name);
  });
  return asked;
}

function files(settings: Partial<Settings>, index: ImageIndex | null = INDEX): string[] {
  stubFetch();
  return startPageFetches(index, { ...DEFAULTS, ...settings }, URL_BASE).files;
}

/** What the worker was handed, once every download has settled. */
async function handed(fetches: ReturnType<typeof startPageFetches>): Promise<Map<string, string | null>> {
  const got = new Map<string, string | null>();
  let calls = 0;
  const all = new Promise<void>((resolve) => {
    fetches.handOver({
      imageFetched: async (file: string, body: Blob | null) => {
        expect(got.has(file)).toBe(false); // once per file
        got.set(file, body ? await body.text() : null);
        if (++calls === fetches.files.length) resolve();
      },
    });
  });
  if (fetches.files.length) await all;
  return got;
}

afterEach(() => { vi.unstubAllGlobals(); delete (globalThis as { hakoEarlyFetches?: unknown }).hakoEarlyFetches; });

describe('the page\'s own downloads for the first boot', () => {
  it('chooses the kernel, and the snapshot only for a fast start the snapshot was made for', () => {
    expect(files({ image: 'kernel', start: 'boot' })).toEqual(['kernel.elf.gz']);
    expect(files({ image: 'auto', start: 'fast' })).toEqual(['kernel.elf.gz', 'boot.snap.gz']);
    expect(files({ image: 'kernel', start: 'fast', ramMiB: 64 })).toEqual(['kernel.elf.gz']);
    expect(files({ image: 'kernel', start: 'fast', login: true })).toEqual(['kernel.elf.gz']);
    expect(files({ image: 'kernel', start: 'fast', keepDisk: true })).toEqual(['kernel.elf.gz']);
    expect(files({ image: 'kernel', start: 'fast', net: 'room' })).toEqual(['kernel.elf.gz']);
    expect(files({ image: 'demo', start: 'fast' })).toEqual(['demo.elf.gz']);
    expect(files({ image: 'auto' }, { ...INDEX, kernel: null, snapshot: null })).toEqual(['demo.elf.gz']);
    expect(files({ image: 'kernel', start: 'fast' }, null)).toEqual([]); // development: no list in the page
  });

  it('hands every body over once, null for a failed download', async () => {
    const asked = stubFetch(['boot.snap.gz']);
    const fetches = startPageFetches(INDEX, { ...DEFAULTS, image: 'kernel', start: 'fast' }, URL_BASE);
    const got = await handed(fetches);
    expect(asked).toEqual(['kernel.elf.gz', 'boot.snap.gz']);
    expect(got).toEqual(new Map([['kernel.elf.gz', 'kernel.elf.gz'], ['boot.snap.gz', null]]));
  });

  it('takes over the inline script\'s downloads instead of asking again', async () => {
    (globalThis as { hakoEarlyFetches?: Record<string, Promise<Blob | null>> }).hakoEarlyFetches = { 'kernel.elf.gz': Promise.resolve(new Blob(['early'])) };
    const asked = stubFetch();
    const fetches = startPageFetches(INDEX, { ...DEFAULTS, image: 'kernel', start: 'fast' }, URL_BASE);
    const got = await handed(fetches);
    expect(asked).toEqual(['boot.snap.gz']);
    expect(got.get('kernel.elf.gz')).toBe('early');
  });
});
