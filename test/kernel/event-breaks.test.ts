// Event breakpoints (web/event-breaks.ts, docs/web.md): on a booted kernel,
// pause at the next exec (memhog), then at that process's next page fault, and see
// why (address, decoded error code, the PTE before and after, the kernel's
// verdict); a system call breakpoint stops at that call's entry only; a
// filter that never matches never stops; disarming leaves no breakpoint,
// no filter and tracing as it was (off), so nothing costs anything after.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { parseTable } from '../../toolchain/gen-syscalls.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { EventBreaks, describeFaultError, specProblem } from '../../web/event-breaks.ts';
import { kdebug_trace, limits } from '../../web/gen/kdebug-layout.ts';
import { backtrace, readVirtual } from '../../emulator/inspect.ts';
import { kernelImage, ROOT } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

const nr = new Map(parseTable(readFileSync(join(ROOT, 'kernel/syscalls.tbl'), 'utf8'), 'kernel/syscalls.tbl').map((r) => [r.name, r.nr]));

let disk: Uint8Array;
beforeAll(() => { disk = userlandDisk(); });

async function shell() {
  const m = new Machine({ ramBytes: 32 << 20, bootTime: 1764000000, disks: [new MemoryBlockStore(disk.slice())] });
  let output = '';
  m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
  m.load(await kernelImage());
  /** Run until `stop` says so, a breakpoint, or the budget; returns the last state. */
  const runUntil = async (stop: () => boolean, budget = 500_000_000) => {
    const end = m.cpu.instret + budget;
    let state = m.state;
    while (m.cpu.instret < end && !stop()) {
      state = m.run(50_000);
      if (state === 'breakpoint' || state === 'idle' || state === 'off' || state === 'dead') break;
      if (state === 'io-wait') await m.ioSettled();
    }
    return state;
  };
  const prompts = () => output.split(SHELL_PROMPT).length - 1;
  await runUntil(() => prompts() >= 1);
  expect(prompts()).toBe(1);
  return { m, runUntil, prompts, output: () => output };
}

describe('event breakpoints', () => {
  it('pause at the next exec, then at that process\'s next page fault, showing why', async () => {
    const { m, runUntil } = await shell();
    const breaks = new EventBreaks(m);
    const tables = new KernelTables(m);
    expect(tables.trace(0)!.enabled).toBe(false);

    expect(breaks.arm({ kind: 'exec' })).toBeNull();
    expect(tables.trace(0)!.enabled).toBe(true);
    m.sendInput('memhog 256k\r');
    expect(await runUntil(() => false)).toBe('breakpoint');
    const exec = breaks.last!;
    expect(exec.kind).toBe('exec');
    expect(Buffer.from(new Uint32Array(exec.event.args.slice(0, 4)).buffer).toString('latin1').replace(/\0.*$/s, '')).toBe('memhog');
    // One-shot: it disarmed itself, tracing is off again, and only the user's breakpoints remain.
    expect(breaks.current()).toBeNull();
    expect(m.listBreakpoints()).toEqual([]);
    expect(m.breakFilter).toBeNull();
    expect(tables.trace(0)!.enabled).toBe(false);
    // Stopped where the event was just written: a ret of trace_emit.
    const emit = m.symbols.byName('trace_emit')!;
    expect(m.cpu.eip).toBeGreaterThanOrEqual(emit.value);
    expect(m.cpu.eip).toBeLessThan(emit.value + emit.size);

    // The backtrace by frame pointers names the path to it, and memory reads through the page tables.
    const frames = backtrace(m).map((f) => f.symbol ?? '');
    expect(frames[0]).toMatch(/^trace_emit\+/);
    expect(frames[1]).toMatch(/^trace_emit_exec\+/);
    expect(frames.some((f) => /^do_execve\+/.test(f))).toBe(true);
    const ring = m.symbols.byName('trace_buf')!.value;
    const magic = kdebug_trace.magic;
    expect(readVirtual(m, ring, 4)).toEqual([magic & 0xff, (magic >>> 8) & 0xff, (magic >>> 16) & 0xff, magic >>> 24]); // little-endian
    expect(readVirtual(m, 0, 2)).toEqual([null, null]); // page 0 is never mapped

    const pid = exec.event.pid;
    expect(breaks.arm({ kind: 'fault', pid, from: 0, to: limits.KERNBASE })).toBeNull();
    expect(await runUntil(() => false)).toBe('breakpoint');
    const f = breaks.last!;
    expect(f.kind).toBe('fault');
    expect(f.event.pid).toBe(pid);
    const why = f.fault!;
    expect(why.address).toBe(f.event.args[0] >>> 0);
    expect(why.address).toBeLessThan(limits.KERNBASE);
    expect(why.bits.user).toBe(true); // only user faults are traced
    expect(why.error & 4).toBe(4);
    expect(['minor', 'major', 'cow', 'swap_in']).toContain(why.result);
    // The cause: before the handler the page was not present (P=0) or read-only for this write (P=1, W=1).
    const before = why.pteBefore ?? 0;
    if (why.bits.present) expect(why.bits.write && (before & 2) === 0).toBe(true);
    else expect((why.pdeBefore & 1) === 0 || (before & 1) === 0).toBe(true);
    // After it, the page is there and allows the access.
    expect(why.pteAfter! & 1).toBe(1);
    if (why.bits.write) expect(why.pteAfter! & 2).toBe(2);
    expect(why.cr3).toBe((m.cpu.cr3 & 0xfffff000) >>> 0);
    expect(describeFaultError(why.error)).toMatch(/user \(U=1\)/);
  });

  it('system call N stops at that call\'s entry only; a filter that never matches never stops', async () => {
    const { m, runUntil, prompts } = await shell();
    const breaks = new EventBreaks(m);
    expect(breaks.arm({ kind: 'syscall', syscall: nr.get('fork') ?? nr.get('clone')! })).toBeNull();
    m.sendInput('echo hi | cat\r');
    expect(await runUntil(() => false)).toBe('breakpoint');
    expect(breaks.last!.event.kind).toBe(1); // sys_enter
    expect([nr.get('fork'), nr.get('clone')]).toContain(breaks.last!.event.args[0]);

    expect(breaks.arm({ kind: 'fault', pid: 60 })).toBeNull(); // no such process
    const seen = prompts();
    expect(await runUntil(() => prompts() > seen)).not.toBe('breakpoint');
    expect(prompts()).toBe(seen + 1);
    expect(breaks.last).toBeNull();
    breaks.disarm();
    expect(m.listBreakpoints()).toEqual([]);
    expect(new KernelTables(m).trace(0)!.enabled).toBe(false);
  });

  it('refuses specs it cannot honour', () => {
    expect(specProblem({ kind: 'nonsense' as never })).toMatch(/no event kind/);
    expect(specProblem({ kind: 'syscall' })).toMatch(/number/);
    expect(specProblem({ kind: 'exec', from: 0x1000 })).toMatch(/only applies to page faults/);
    expect(specProblem({ kind: 'fault', from: 0x2000, to: 0x1000 })).toMatch(/empty/);
    expect(specProblem({ kind: 'fault', pid: 3 })).toBeNull();
  });
});
