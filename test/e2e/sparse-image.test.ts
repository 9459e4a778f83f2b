// The sparse disk-image format (web/sparse-image.ts): what the images plugin
// encodes, the worker decodes to the same bytes; zero blocks cost nothing;
// broken files give errors that say what is wrong. Runs in Node.
import { describe, it, expect } from 'vitest';
import { decodeSparse, encodeSparse } from '../../web/sparse-image.ts';

function image(blocks: number, filled: Record<number, number>): Uint8Array {
  const raw = new Uint8Array(blocks * 4096);
  for (const [b, v] of Object.entries(filled)) raw.fill(v, Number(b) * 4096 + 100, Number(b) * 4096 + 200);
  return raw;
}

describe('sparse images', () => {
  it('round-trips an image and stores only its nonzero blocks', () => {
    const raw = image(64, { 0: 1, 7: 0xff, 63: 9 });
    const file = encodeSparse(raw);
    expect(file.length).toBe(16 + 8 + 3 * 4096);
    const back = decodeSparse(file);
    expect(back.ok).toBe(true);
    if (back.ok) expect(Buffer.from(back.image).equals(Buffer.from(raw))).toBe(true);
  });

  it('pads a last partial block with zeros', () => {
    const raw = new Uint8Array(4096 + 10).fill(3);
    const back = decodeSparse(encodeSparse(raw));
    expect(back.ok && back.image.length).toBe(8192);
    if (back.ok) {
      expect(back.image[4096 + 9]).toBe(3);
      expect(back.image[4096 + 10]).toBe(0);
    }
  });

  it('refuses broken files with a reason', () => {
    const file = encodeSparse(image(16, { 3: 5 }));
    expect(decodeSparse(file.subarray(0, 8))).toEqual({ ok: false, error: 'sparse image: shorter than its header' });
    const badMagic = file.slice(); badMagic[0] ^= 1;
    expect(decodeSparse(badMagic)).toEqual({ ok: false, error: 'sparse image: bad magic' });
    expect(decodeSparse(file.subarray(0, file.length - 1))).toEqual({ ok: false, error: 'sparse image: block 3 is cut short' });
    const extra = new Uint8Array(file.length + 1); extra.set(file);
    expect(decodeSparse(extra)).toEqual({ ok: false, error: 'sparse image: bytes after the last block' });
  });
});
