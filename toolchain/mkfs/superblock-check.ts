// Can the kernel mount this as its root? The facts its ext2 mount checks
// first (kernel/fs/ext2/super.c), read from the superblock only: the magic
// 0xEF53 at byte 1080, 4 KiB blocks (the only size it reads), a revision it
// knows, and a block count the image really holds. Damage past the
// superblock is the kernel's (and e2fsck's) to find. Used by the CLI's
// --disk and by the page's disk import (no Node module here).

import { BLOCK_SIZE, decodeSuperblock, EXT2_MAGIC, LOG_BLOCK_SIZE, SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE } from './layout.ts';

/** Why an image of `size` bytes starting with `head` cannot be the root disk, or undefined. */
export function superblockProblem(head: Uint8Array, size: number): string | undefined {
  const need = SUPERBLOCK_OFFSET + SUPERBLOCK_SIZE;
  if (size < need || head.length < need) return `${size} bytes is too small for an ext2 image (the superblock ends at byte ${need})`;
  const sb = decodeSuperblock(new DataView(head.buffer, head.byteOffset, head.byteLength), SUPERBLOCK_OFFSET);
  const magicAt = SUPERBLOCK_OFFSET + 56;
  if (sb.magic !== EXT2_MAGIC) {
    return `not an ext2 image (the magic at byte ${magicAt} is 0x${sb.magic.toString(16).padStart(4, '0')}, not 0xef53)`;
  }
  if (sb.revLevel > 1) return `ext2 revision ${sb.revLevel} is unknown (0 and 1 are)`;
  if (sb.logBlockSize !== LOG_BLOCK_SIZE) {
    const shown = sb.logBlockSize < 8 ? String(1024 << sb.logBlockSize) : `2^${sb.logBlockSize}·1024`;
    return `its blocks are ${shown} bytes; the kernel reads only ${BLOCK_SIZE}-byte blocks`;
  }
  const held = Math.floor(size / BLOCK_SIZE);
  if (sb.blocksCount === 0) return 'its superblock says the file system has 0 blocks';
  if (sb.blocksCount > held) return `truncated: the superblock says ${sb.blocksCount} blocks of ${BLOCK_SIZE} bytes, the file holds ${held}`;
  return undefined;
}
