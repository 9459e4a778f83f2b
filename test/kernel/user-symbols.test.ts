// The debugger names user addresses from the current program's own symbols
// (issue 15, "user-program symbols as well as the kernel's"): with `yes`
// running in the background, the machine is stopped where yes enters
// sys_write and stepped back to user mode; there the current program is
// /bin/yes (found through the kdebug tables and read from the root disk),
// and eip, the disassembly and the backtrace carry yes's names (main among
// the frames) — which the kernel's table alone never gives.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { backtrace, disassemble, type StackFrame } from '../../emulator/inspect.ts';
import type { Machine } from '../../emulator/machine.ts';
import { readExt2 } from '../../toolchain/mkfs/read.ts';
import { attachUserSymbols, type UserSymbols } from '../../web/user-symbols.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';
import { expectFsckClean } from './usertests-run.ts';

interface Seen { path: string | null; eip: number; label?: string; kernelLabel?: string; frames: StackFrame[]; lineSymbol?: string; mainByName?: number }

describe('user-program symbols', () => {
  it('names addresses in the running program from its ELF on the root disk', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    const image = readExt2(root.image.slice()); // the image as built: the programs the kernel execs
    let user: UserSymbols | null = null;
    let seen: Seen | null = null;
    const onWrite = (m: Machine) => {
      user ??= attachUserSymbols(m, (path) => image.readFile(path));
      if (seen || user.currentPath() !== '/bin/yes') return;
      // Back to user mode in yes (a preemption on the way may land elsewhere: then wait for the next write).
      for (let i = 0; i < 200_000 && m.cpu.cpl !== 3; i++) m.step(1);
      if (m.cpu.cpl !== 3 || user.currentPath() !== '/bin/yes') return;
      const eip = m.cpu.eip >>> 0;
      seen = {
        path: user.currentPath(), eip, label: m.symbolize(eip), kernelLabel: m.symbols.symbolize(eip),
        frames: backtrace(m), lineSymbol: disassemble(m, eip, 1)[0]?.symbol, mainByName: user.byName('main')?.value,
      };
    };
    const script = ['yes > /dev/null &', 'sleep 0.3', 'kill $!', 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    const r = await boot({ ramMiB: 32, disks: [root], script, budget: 600_000_000, breakAt: { sys_write: onWrite } });
    expect(r.state, r.output.slice(-2000)).toBe('off');
    expect(seen, 'yes was stopped in user mode').not.toBeNull();
    const s = seen! as Seen;
    expect(s.path).toBe('/bin/yes');
    expect(s.eip).toBeLessThan(0xc0000000);
    expect(s.kernelLabel, 'the kernel table has no name for a user address').toBeUndefined();
    expect(s.label, 'eip is named from yes\'s symbols').toMatch(/^[A-Za-z_]\w*(\+0x[0-9a-f]+)?$/);
    expect(s.lineSymbol).toBe(s.label);
    const names = s.frames.map((f) => f.symbol?.replace(/\+0x[0-9a-f]+$/, ''));
    expect(names, JSON.stringify(s.frames)).toContain('main');
    expect(names).toContain('u_write_all');
    // main's address, by name, is the one the frames' main+off is relative to
    const mainFrame = s.frames.find((f) => f.symbol?.startsWith('main'))!;
    const offset = Number(mainFrame.symbol!.split('+')[1] ?? 0);
    expect(mainFrame.eip - offset).toBe(s.mainByName);
    // the same address, with no program attached, has no name
    r.machine.userSymbols = null;
    expect(r.machine.symbolize(mainFrame.eip)).toBeUndefined();
    expectFsckClean(root.image);
  }, 600_000);
});
