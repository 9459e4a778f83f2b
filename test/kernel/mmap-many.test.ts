// Many small mappings (issue 18, item 14): 20,000 one-page mmaps and
// munmaps used to cost about 100 s, each mmap scanning every area from the
// bottom. With the free-area hint and the VMA tree (kernel/mm/mmap.c,
// kernel/mm/vma.c) the usertests case vma_many_mappings — 40,000 mmaps,
// 40,000 munmaps, in order and in a scrambled order, and its checks of
// placement —
// must pass within a fixed budget of retired instructions, counted by the
// host from the moment the command is typed to the next prompt.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { Machine } from '../../emulator/machine.ts';
import { kernelImage, ROOT } from './harness.ts';

const PROMPT = '# ';
const COMMAND = 'usertests vma_many; echo ut-status $?';
/** The case takes about 199 million instructions (2,500 per mmap, 1,800 per
 * munmap, plus its checks, two sorts and usertests' own fork); the first-fit
 * list scan needed about 75,000 per mmap with 5,000 areas and 300,000 with
 * 20,000: over 6 billion for the mmaps alone. */
const BUDGET = 600_000_000;

describe('many small mappings', () => {
  it('20,000 one-page mmaps and munmaps are correct and stay within an instruction budget', async () => {
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
    const store = new MemoryBlockStore(buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 }));
    const m = new Machine({ ramBytes: 32 << 20, cmdline: '', bootTime: 1764000000, disks: [store] });
    let out = '';
    m.on('console', (b) => { out += Buffer.from(b).toString('latin1'); });
    m.load(await kernelImage());
    const runUntil = async (text: string, from: number, limit: number): Promise<number> => {
      for (;;) {
        const at = out.indexOf(text, from);
        if (at >= 0) return at + text.length;
        if (m.cpu.instret > limit) throw new Error(`no "${text}" within ${limit} instructions:\n${out.slice(-2000)}`);
        const state = m.run(100_000);
        if (state === 'io-wait') await m.ioSettled();
        if (state === 'off' || state === 'dead') throw new Error(`machine ${state} ${m.deadReason}:\n${out.slice(-2000)}`);
      }
    };
    let at = await runUntil(PROMPT, 0, 200_000_000);
    m.sendInput(`${COMMAND}\r`);
    const typed = m.cpu.instret;
    at = await runUntil('\nut-status ', at, typed + 2 * BUDGET);   // the output line, not the echo
    const used = m.cpu.instret - typed;
    if (process.env.DEBUG_OUT) console.log(`vma_many_mappings: ${used} instructions`);
    await runUntil(PROMPT, at, m.cpu.instret + 50_000_000);
    const text = out.replace(/\r\n/g, '\n');
    expect(text).toContain('test vma_many_mappings: OK');
    expect(text).toContain('ut-status 0');
    expect(used, `instructions for the case: ${used}`).toBeLessThan(BUDGET);
  }, 600_000);
});
