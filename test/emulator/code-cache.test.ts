// The decoded-instruction cache's allocation: the block table grows a slot at
// a time as slots are first handed out (a page start does not pay for a
// million entries up front), and entries read as before.
import { describe, it, expect } from 'vitest';
import { PhysicalMemory, PAGE_SIZE } from '../../emulator/memory.ts';
import { CodeCache } from '../../emulator/cpu/code-cache.ts';

describe('code cache allocation', () => {
  it('starts with only the scratch entry in the block table, which never starts a block', () => {
    const cache = new CodeCache(new PhysicalMemory(1 << 20), 4);
    expect(cache.blocks.length).toBe(1);
    expect(cache.blocks[cache.scratch]).toBeNull();
    expect(cache.word.length).toBe(4 * PAGE_SIZE + 1);
  });

  it('grows the block table when a slot is first used, entries reading "not compiled yet"', () => {
    const mem = new PhysicalMemory(1 << 20);
    const cache = new CodeCache(mem, 4);
    const bases = [10, 11, 12].map((f) => cache.baseFor(f));
    expect(new Set(bases).size).toBe(3);
    for (const b of bases) {
      expect(b).not.toBe(cache.scratch);
      expect(cache.blocks.length).toBeGreaterThanOrEqual(b + PAGE_SIZE);
      expect(cache.blocks[b]).toBeUndefined();
      expect(cache.blocks[b + PAGE_SIZE - 1]).toBeUndefined();
      // No slot overlaps the scratch entry or another slot.
      expect(cache.scratch < b || cache.scratch >= b + PAGE_SIZE).toBe(true);
    }
    expect(cache.blocks.length).toBe(1 + 3 * PAGE_SIZE);
    expect(cache.baseFor(11)).toBe(bases[1]); // a cached frame keeps its slot and does not grow the table
    expect(cache.blocks.length).toBe(1 + 3 * PAGE_SIZE);
    expect(mem.codeMark[11]).toBe(1);
  });

  it('stops growing once every slot has been used; a dropped slot forgets its blocks', () => {
    const cache = new CodeCache(new PhysicalMemory(1 << 20), 4);
    const fn = () => 0;
    for (let f = 0; f < 4; f++) cache.blocks[cache.baseFor(f) + 7] = fn;
    expect(cache.blocks.length).toBe(1 + 4 * PAGE_SIZE);
    const base = cache.baseFor(20); // evicts frame 0's slot
    expect(cache.blocks.length).toBe(1 + 4 * PAGE_SIZE);
    expect(cache.blocks[base + 7]).toBeUndefined();
    expect(cache.blocks.filter((b) => b === fn).length).toBe(3);
    expect(cache.blocks[cache.scratch]).toBeNull();
  });
});
