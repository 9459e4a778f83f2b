// How the worker gets its images (web/image-fetch.ts, web/sparse-image.ts's
// decode into a disk buffer, web/images-plugin.ts's gzipped files): gzipped
// bytes come back as the original, plain bytes pass through untouched (a host
// that already decoded Content-Encoding), a broken gzip stream is an error
// naming the image, and a sparse image decodes into a zeroed buffer of the
// disk's size without a copy. Runs in Node (fetch served by a local server).
import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchImage, fetchImageStreaming, gunzip, imageLabel, isGzip } from '../../web/image-fetch.ts';
import { decodeSparse, encodeSparse, sparseGeometry } from '../../web/sparse-image.ts';

function sample(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) { x = (Math.imul(x, 1103515245) + 12345) | 0; bytes[i] = (x >>> 16) & 0x0f; }
  return bytes;
}

async function serve(files: Record<string, Uint8Array>, work: (base: string) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    const body = files[(req.url ?? '').slice(1)];
    if (!body) { res.statusCode = 404; res.end(); return; }
    res.setHeader('Content-Length', String(body.length));
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try { await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`); } finally { server.close(); }
}

describe('image fetching', () => {
  it('recognises gzip by its magic bytes, not by ELF or sparse headers', () => {
    expect(isGzip(gzipSync(new Uint8Array(10)))).toBe(true);
    expect(isGzip(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]))).toBe(false);
    expect(isGzip(encodeSparse(new Uint8Array(4096)))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
  });

  it('names an image without its .gz', () => {
    expect(imageLabel('disk.sparse.gz')).toBe('disk.sparse');
    expect(imageLabel('kernel.elf')).toBe('kernel.elf');
  });

  it('un-gzips a gzipped image and passes plain bytes through, with progress', async () => {
    const raw = sample(300_000);
    await serve({ 'a.gz': gzipSync(raw), plain: raw }, async (base) => {
      const progress: string[] = [];
      const a = await fetchImage(`${base}a.gz`, 'a', (t) => progress.push(t));
      expect(Buffer.from(a).equals(Buffer.from(raw))).toBe(true);
      expect(progress.at(-1)).toBe('fetching a… 100%');
      const b = await fetchImage(`${base}plain`, 'plain', () => {});
      expect(Buffer.from(b).equals(Buffer.from(raw))).toBe(true);
      await expect(fetchImage(`${base}missing`, 'missing', () => {})).rejects.toThrow('missing: HTTP 404');
    });
  });

  it('reports a broken gzip stream with the image name', async () => {
    const cut = gzipSync(sample(100_000)).subarray(0, 5000);
    await expect(gunzip(cut, 'disk.sparse')).rejects.toThrow(/^disk\.sparse: not a valid gzip stream/);
  });
});

describe('sparse decode into a disk buffer', () => {
  it('fills the given zeroed buffer with the image and returns that same buffer', () => {
    const raw = new Uint8Array(10 * 4096);
    raw.fill(7, 4096 * 3 + 5, 4096 * 3 + 900);
    raw.fill(9, 4096 * 9, 4096 * 10);
    const file = encodeSparse(raw);
    const geometry = sparseGeometry(file);
    expect(geometry).toEqual({ ok: true, blockSize: 4096, count: 10 });
    const into = new Uint8Array(10 * 4096);
    const r = decodeSparse(file, into);
    expect(r.ok && r.image).toBe(into);
    expect(Buffer.from(into).equals(Buffer.from(raw))).toBe(true);
  });

  it('refuses a buffer of the wrong size', () => {
    const file = encodeSparse(new Uint8Array(4 * 4096).fill(1));
    expect(decodeSparse(file, new Uint8Array(3 * 4096))).toEqual({ ok: false, error: 'sparse image: 16384 bytes do not fit a buffer of 12288' });
    expect(sparseGeometry(file.subarray(0, 4))).toEqual({ ok: false, error: 'sparse image: shorter than its header' });
  });
});

describe('streaming fetch', () => {
  it('gives the head as soon as it is in and the whole image un-gzipped', async () => {
    const raw = sample(200_000);
    await serve({ 'd.gz': gzipSync(raw), plain: raw }, async (base) => {
      for (const name of ['d.gz', 'plain']) {
        const progress: string[] = [];
        const arriving = fetchImageStreaming(`${base}${name}`, name, (t) => progress.push(t), 16);
        const head = await arriving.head;
        expect(Buffer.from(head.subarray(0, 16)).equals(Buffer.from(raw.subarray(0, 16)))).toBe(true);
        const whole = await arriving.whole;
        expect(Buffer.from(whole).equals(Buffer.from(raw))).toBe(true);
        expect(progress.at(-1)).toBe(`fetching ${name}… 100%`);
      }
    });
  });

  it('rejects both promises with the image name when the file is missing or broken', async () => {
    await serve({ 'bad.gz': gzipSync(sample(100_000)).subarray(0, 3000) }, async (base) => {
      const missing = fetchImageStreaming(`${base}nothing`, 'nothing', () => {}, 16);
      await expect(missing.head).rejects.toThrow('nothing: HTTP 404');
      await expect(missing.whole).rejects.toThrow('nothing: HTTP 404');
      const broken = fetchImageStreaming(`${base}bad.gz`, 'bad.gz', () => {}, 1 << 20);
      await expect(broken.whole).rejects.toThrow(/^bad\.gz: /);
      await expect(broken.head).rejects.toThrow(/^bad\.gz: /);
    });
  });
});
