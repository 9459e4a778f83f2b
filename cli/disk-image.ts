// The root disk file given to `npm run os -- --disk FILE`: is it something
// the kernel can mount? A file that is not an ext2 image (or is truncated)
// would boot and end in a kernel panic, so the CLI refuses it first with a
// one-line reason, the way mount(8) refuses a device with a bad superblock.
// Only the superblock is read: the same facts the kernel's mount checks
// first (kernel/fs/ext2/super.c): the magic 0xEF53 at byte 1080, 4 KiB
// blocks (the only size it reads), a revision it knows, and a block count
// the file really holds. Damage past the superblock is the kernel's to find.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import {
  BLOCK_SIZE, decodeSuperblock, EXT2_MAGIC, LOG_BLOCK_SIZE, SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE,
} from '../toolchain/mkfs/layout.ts';

/** Why `path` cannot be the root disk, or undefined when its superblock looks mountable. */
export function rootImageProblem(path: string): string | undefined {
  const size = statSync(path).size;
  const need = SUPERBLOCK_OFFSET + SUPERBLOCK_SIZE;
  if (size < need) return `${size} bytes is too small for an ext2 image (the superblock ends at byte ${need})`;
  const head = new Uint8Array(need);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, need, 0);
  } finally {
    closeSync(fd);
  }
  const sb = decodeSuperblock(new DataView(head.buffer), SUPERBLOCK_OFFSET);
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
