// The root disk file given to `npm run os -- --disk FILE`: is it something
// the kernel can mount? A file that is not an ext2 image (or is truncated)
// would boot and end in a kernel panic, so the CLI refuses it first with a
// one-line reason, the way mount(8) refuses a device with a bad superblock.
// Only the superblock is read (toolchain/mkfs/superblock-check.ts, which the
// page's disk import uses too).

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE } from '../toolchain/mkfs/layout.ts';
import { superblockProblem } from '../toolchain/mkfs/superblock-check.ts';

/** Why `path` cannot be the root disk, or undefined when its superblock looks mountable. */
export function rootImageProblem(path: string): string | undefined {
  const size = statSync(path).size;
  const need = SUPERBLOCK_OFFSET + SUPERBLOCK_SIZE;
  if (size < need) return superblockProblem(new Uint8Array(0), size);
  const head = new Uint8Array(need);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, need, 0);
  } finally {
    closeSync(fd);
  }
  return superblockProblem(head, size);
}
