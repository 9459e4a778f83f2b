// The map from a file's logical blocks to disk blocks: i_block's 12 direct
// pointers, then single, double and triple indirect blocks.
//
// Owns: looking a logical block up, setting one (allocating indirect blocks
// on demand), and listing or freeing every block an inode owns. Invariants:
// i_blocks counts every data and indirect block in 512-byte sectors; a zero
// pointer is a hole; every pointer read from disk is range-checked before
// use, and a tree walk visits each indirect block at most once per level, so
// a corrupt image cannot make it loop or read out of bounds.

import { corrupt, Ext2Error } from './errors.ts';
import { BLOCK_SIZE, DIND_BLOCK, IND_BLOCK, N_DIRECT, PTRS_PER_BLOCK, TIND_BLOCK, type Inode } from './layout.ts';
import type { Volume } from './volume.ts';

const SECTORS_PER_BLOCK = BLOCK_SIZE / 512;
const SINGLE_LIMIT = N_DIRECT + PTRS_PER_BLOCK;
const DOUBLE_LIMIT = SINGLE_LIMIT + PTRS_PER_BLOCK * PTRS_PER_BLOCK;
/** Logical blocks reachable through i_block (direct + single + double + triple). */
export const MAX_LOGICAL_BLOCKS = DOUBLE_LIMIT + PTRS_PER_BLOCK * PTRS_PER_BLOCK * PTRS_PER_BLOCK;

/** The path through the tree to logical block n: the i_block slot, then indexes in each indirect level. */
function pathOf(n: number): number[] {
  if (n < N_DIRECT) return [n];
  if (n < SINGLE_LIMIT) return [IND_BLOCK, n - N_DIRECT];
  if (n < DOUBLE_LIMIT) {
    const k = n - SINGLE_LIMIT;
    return [DIND_BLOCK, Math.floor(k / PTRS_PER_BLOCK), k % PTRS_PER_BLOCK];
  }
  if (n < MAX_LOGICAL_BLOCKS) {
    const k = n - DOUBLE_LIMIT;
    const per2 = PTRS_PER_BLOCK * PTRS_PER_BLOCK;
    return [TIND_BLOCK, Math.floor(k / per2), Math.floor(k / PTRS_PER_BLOCK) % PTRS_PER_BLOCK, k % PTRS_PER_BLOCK];
  }
  throw new Ext2Error(`logical block ${n} is beyond the largest ext2 file`);
}

/** The disk block holding logical block n of the inode, or 0 for a hole. */
export function lookupBlock(vol: Volume, inode: Inode, n: number, owner: string): number {
  const path = pathOf(n);
  let ptr = inode.block[path[0]];
  for (let level = 1; level < path.length && ptr !== 0; level++) {
    vol.checkBlock(ptr, `${owner}'s indirect block`);
    ptr = vol.view.getUint32(ptr * BLOCK_SIZE + path[level] * 4, true);
  }
  if (ptr !== 0) vol.checkBlock(ptr, owner);
  return ptr;
}

/**
 * Points logical block n at disk block `target`, allocating any missing
 * indirect blocks (counted in inode.blocks). The caller counts `target`.
 */
export function setBlock(vol: Volume, inode: Inode, n: number, target: number): void {
  const path = pathOf(n);
  if (path.length === 1) {
    inode.block[path[0]] = target;
    return;
  }
  let table = inode.block[path[0]];
  if (table === 0) {
    table = vol.allocBlock();
    inode.block[path[0]] = table;
    inode.blocks += SECTORS_PER_BLOCK;
  }
  for (let level = 1; level < path.length - 1; level++) {
    const at = table * BLOCK_SIZE + path[level] * 4;
    let next = vol.view.getUint32(at, true);
    if (next === 0) {
      next = vol.allocBlock();
      vol.view.setUint32(at, next, true);
      inode.blocks += SECTORS_PER_BLOCK;
    }
    table = next;
  }
  vol.view.setUint32(table * BLOCK_SIZE + path[path.length - 1] * 4, target, true);
}

/** Appends a freshly allocated block as logical block n; returns it. */
export function appendBlock(vol: Volume, inode: Inode, n: number): number {
  const block = vol.allocBlock();
  inode.blocks += SECTORS_PER_BLOCK;
  setBlock(vol, inode, n, block);
  return block;
}

export interface OwnedBlocks {
  /** Data blocks in logical order; 0 for holes. Only the first `count` logical blocks. */
  data: number[];
  /** Indirect blocks, any order. */
  indirect: number[];
}

/**
 * Every block the inode owns, checked. `count` is how many logical blocks
 * the file's size covers; pointers past it are still listed as indirect/data
 * owned blocks (so freeing is complete) but not placed in `data`.
 */
export function ownedBlocks(vol: Volume, inode: Inode, count: number, owner: string): OwnedBlocks {
  if (count > MAX_LOGICAL_BLOCKS) corrupt(`${owner} is larger than the block map can address`);
  const data: number[] = new Array<number>(count).fill(0);
  const extra: number[] = [];
  const indirect: number[] = [];
  const seenTables = new Set<number>();
  const place = (logical: number, block: number) => {
    vol.checkBlock(block, owner);
    if (logical < count) data[logical] = block;
    else extra.push(block);
  };
  for (let i = 0; i < N_DIRECT; i++) if (inode.block[i] !== 0) place(i, inode.block[i]);
  const walk = (table: number, depth: number, firstLogical: number, span: number) => {
    vol.checkBlock(table, `${owner}'s indirect block`);
    if (seenTables.has(table)) corrupt(`${owner} uses indirect block ${table} twice`);
    seenTables.add(table);
    indirect.push(table);
    const base = table * BLOCK_SIZE;
    for (let i = 0; i < PTRS_PER_BLOCK; i++) {
      const ptr = vol.view.getUint32(base + i * 4, true);
      if (ptr === 0) continue;
      if (depth === 1) place(firstLogical + i, ptr);
      else walk(ptr, depth - 1, firstLogical + i * span, span / PTRS_PER_BLOCK);
    }
  };
  if (inode.block[IND_BLOCK] !== 0) walk(inode.block[IND_BLOCK], 1, N_DIRECT, 1);
  if (inode.block[DIND_BLOCK] !== 0) walk(inode.block[DIND_BLOCK], 2, SINGLE_LIMIT, PTRS_PER_BLOCK);
  if (inode.block[TIND_BLOCK] !== 0) {
    walk(inode.block[TIND_BLOCK], 3, DOUBLE_LIMIT, PTRS_PER_BLOCK * PTRS_PER_BLOCK);
  }
  // Blocks past the size are owned too: hand them back with the indirect ones for freeing.
  return { data, indirect: indirect.concat(extra) };
}

/** Frees every block of the inode and empties its map. */
export function freeAllBlocks(vol: Volume, inode: Inode, owner: string): void {
  const count = Math.ceil(inode.size / BLOCK_SIZE);
  const { data, indirect } = ownedBlocks(vol, inode, Math.min(count, MAX_LOGICAL_BLOCKS), owner);
  for (const b of data) if (b !== 0) vol.freeBlock(b);
  for (const b of indirect) vol.freeBlock(b);
  inode.block.fill(0);
  inode.blocks = 0;
}
