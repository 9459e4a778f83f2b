// The sparse disk-image format the page downloads instead of a raw image: a
// fresh 64 MiB ext2 disk is almost all zero blocks, and fetching them cost
// seconds of boot time. Encoded by the images plugin (Node), decoded by the
// worker; both sides are this file. The worker decodes straight into the
// disk's own zeroed buffer (`into`), so the 64 MiB image is never copied.
//
// Layout (little-endian u32 fields): magic 'HKSP' (0x50534B48), version 1,
// block size, block count, then a bitmap of ceil(count / 8) bytes (bit i set:
// block i is stored; LSB first), then the stored blocks in ascending order,
// each exactly one block. A block absent from the bitmap is all zeros; the
// last block of a raw image that is not a whole block is zero-padded.

export const SPARSE_MAGIC = 0x50534b48;
const VERSION = 1;
const HEADER = 16;
/** Bytes of a sparse file that say its geometry (sparseGeometry needs no more). */
export const SPARSE_HEADER_BYTES = HEADER;

export function encodeSparse(raw: Uint8Array, blockSize = 4096): Uint8Array {
  const count = Math.ceil(raw.length / blockSize);
  const bitmap = new Uint8Array(Math.ceil(count / 8));
  const stored: number[] = [];
  for (let b = 0; b < count; b++) {
    const end = Math.min(raw.length, (b + 1) * blockSize);
    for (let i = b * blockSize; i < end; i++) {
      if (raw[i] !== 0) { bitmap[b >> 3] |= 1 << (b & 7); stored.push(b); break; }
    }
  }
  const out = new Uint8Array(HEADER + bitmap.length + stored.length * blockSize);
  const view = new DataView(out.buffer);
  view.setUint32(0, SPARSE_MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, blockSize, true);
  view.setUint32(12, count, true);
  out.set(bitmap, HEADER);
  let at = HEADER + bitmap.length;
  for (const b of stored) {
    out.set(raw.subarray(b * blockSize, Math.min(raw.length, (b + 1) * blockSize)), at);
    at += blockSize;
  }
  return out;
}

export type SparseGeometry = { ok: true; blockSize: number; count: number } | { ok: false; error: string };

/** Block size and block count from a sparse file's header (checked), or what is wrong with it. */
export function sparseGeometry(file: Uint8Array): SparseGeometry {
  if (file.length < HEADER) return { ok: false, error: 'sparse image: shorter than its header' };
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(0, true) !== SPARSE_MAGIC) return { ok: false, error: 'sparse image: bad magic' };
  if (view.getUint32(4, true) !== VERSION) return { ok: false, error: `sparse image: version ${view.getUint32(4, true)}` };
  const blockSize = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  if (blockSize === 0 || blockSize % 512 !== 0 || count * blockSize > 2 ** 31) return { ok: false, error: 'sparse image: bad geometry' };
  return { ok: true, blockSize, count };
}

/**
 * The raw image (count × blockSize bytes), or an error naming what is wrong
 * with the file. With `into` (all zeros, exactly count × blockSize bytes,
 * e.g. a fresh disk's buffer) the blocks are written there and it is returned;
 * after an error its contents are unspecified.
 */
export function decodeSparse(file: Uint8Array, into?: Uint8Array): { ok: true; image: Uint8Array; blockSize: number } | { ok: false; error: string } {
  const geometry = sparseGeometry(file);
  if (!geometry.ok) return geometry;
  const { blockSize, count } = geometry;
  const bitmapBytes = Math.ceil(count / 8);
  if (file.length < HEADER + bitmapBytes) return { ok: false, error: 'sparse image: truncated bitmap' };
  if (into && into.length !== count * blockSize) return { ok: false, error: `sparse image: ${count * blockSize} bytes do not fit a buffer of ${into.length}` };
  const image = into ?? new Uint8Array(count * blockSize);
  let at = HEADER + bitmapBytes;
  for (let b = 0; b < count; b++) {
    if ((file[HEADER + (b >> 3)] & (1 << (b & 7))) === 0) continue;
    if (at + blockSize > file.length) return { ok: false, error: `sparse image: block ${b} is cut short` };
    image.set(file.subarray(at, at + blockSize), b * blockSize);
    at += blockSize;
  }
  if (at !== file.length) return { ok: false, error: 'sparse image: bytes after the last block' };
  return { ok: true, image, blockSize };
}
