// Kernel trace events (kernel/proc/trace.c, docs/kernel.md "Trace events"):
// the shell turns tracing on through /dev/trace, runs `ls`, turns it off;
// the ring, read through the layout generated from kernel/kdebug.tbl (as
// the page reads it), holds ls's fork, exec, system calls with their
// results, faults and exit, in order; nothing is recorded while tracing is
// off; /dev/trace prints the same events as text; and only root may switch it.
// Under memory pressure (8 MiB, read from the ring as the page does, so
// nothing is lost): swap-out and swap-in of the same slots, kswapd, swap
// disk writes, swap-in faults, a SIGTERM sent and delivered; without swap,
// the OOM killer's victim.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { parseTable } from '../../toolchain/gen-syscalls.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { fault_result, proc_state, trace_kind } from '../../web/gen/kdebug-layout.ts';
import type { KdebugTraceEvent } from '../../web/gen/kdebug-layout.ts';
import { boot, kernelImage, ROOT } from './harness.ts';
import { outputOf, SHELL_PROMPT, userlandDisk } from './shell-session.ts';

const nr = new Map(parseTable(readFileSync(join(ROOT, 'kernel/syscalls.tbl'), 'utf8'), 'kernel/syscalls.tbl').map((r) => [r.name, r.nr]));
/** The 16-byte name an exec event carries in its first four words. */
const execName = (e: KdebugTraceEvent) => Buffer.from(new Uint32Array(e.args.slice(0, 4)).buffer).toString('latin1').replace(/\0.*$/s, '');

let disk: Uint8Array;
beforeAll(() => { disk = userlandDisk(); });

/**
 * Boots with `ramMiB` (and a 16 MiB swap disk with `swap`), types the
 * commands, and reads the trace ring every 20 000 instructions as the page
 * does (from the last seq read on), so no event is lost to the ring's wrap.
 */
async function traced(ramMiB: number, swap: boolean, commands: string[]) {
  const disks = [new MemoryBlockStore(disk.slice()), ...(swap ? [new MemoryBlockStore(new Uint8Array(16 << 20))] : [])];
  const m = new Machine({ ramBytes: ramMiB << 20, bootTime: 1764000000, disks });
  let output = '';
  m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
  m.load(await kernelImage());
  const tables = new KernelTables(m);
  const events: KdebugTraceEvent[] = [];
  let since = 0;
  let lost = 0;
  const script = [...commands, 'poweroff'];
  let searchFrom = 0;
  while (m.cpu.instret < 3_000_000_000) {
    const at = output.indexOf(SHELL_PROMPT, searchFrom);
    if (at >= 0 && script.length) { searchFrom = at + SHELL_PROMPT.length; m.sendInput(`${script.shift()}\r`); }
    const state = m.run(20_000);
    const chunk = tables.trace(since);
    if (chunk) { events.push(...chunk.events); lost += chunk.lost; since = chunk.next; }
    if (state === 'off' || state === 'dead') break;
    if (state === 'io-wait') await m.ioSettled();
  }
  const out = output.replace(/\r\n/g, '\n');
  expect(m.state, out.slice(-2000)).toBe('off');
  return { out, events, lost };
}

describe('kernel trace events', () => {
  it('records ls\'s fork, exec, system calls, faults and exit while on, nothing while off, and /dev/trace prints them', async () => {
    const commands = [
      'echo 1 > /dev/trace', 'ls /', 'echo 0 > /dev/trace', 'ls /bin > /dev/null',
      'grep -c " exec ls$" /dev/trace', 'su -c "echo 1 > /dev/trace" hako; echo status $?',
    ];
    const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(disk.slice())], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    if (process.env.DEBUG_OUT) console.log(out);

    const tables = new KernelTables(r.machine);
    // The kernel's own names for its calls, as the trace pane shows them: those of kernel/syscalls.tbl.
    const names = tables.syscallNames();
    for (const [name, number] of nr) expect(names[number]).toBe(name);
    expect(names.filter(Boolean).length).toBe(nr.size);
    const ring = tables.trace(0)!;
    expect(ring.enabled).toBe(false);
    expect(ring.lost).toBe(0);
    const events = ring.events;
    const execs = events.filter((e) => e.kind === trace_kind.TR_EXEC);
    expect(execs.map(execName)).toEqual(['ls']);   // the second ls ran with tracing off
    const ls = execs[0].pid;
    const fork = events.find((e) => e.kind === trace_kind.TR_FORK && e.args[0] === ls)!;
    expect(fork).toBeDefined();
    const shell = fork.pid;
    expect(shell).not.toBe(ls);
    const exit = events.find((e) => e.kind === trace_kind.TR_EXIT && e.pid === ls)!;
    expect(exit.args[0]).toBe(0);   // wait status: exited 0
    expect(fork.seq).toBeLessThan(execs[0].seq);
    expect(execs[0].seq).toBeLessThan(exit.seq);
    // The shell's wait4 sees the exit, and the first event is the shell's own write of "1" finishing.
    expect(events[0]).toMatchObject({ kind: trace_kind.TR_SYS_EXIT, pid: shell, args: [nr.get('write'), 2, 0, 0, 0, 0] });
    const ofLs = events.filter((e) => e.pid === ls && e.seq > execs[0].seq && e.seq < exit.seq);
    const enters = ofLs.filter((e) => e.kind === trace_kind.TR_SYS_ENTER);
    const exits = ofLs.filter((e) => e.kind === trace_kind.TR_SYS_EXIT);
    expect(enters.some((e) => e.args[0] === nr.get('getdents') || e.args[0] === nr.get('getdents64'))).toBe(true);
    // ls writes the listing to fd 1 and each call's exit carries its number and result.
    const write = enters.find((e) => e.args[0] === nr.get('write') && e.args[1] === 1)!;
    expect(write).toBeDefined();
    const written = exits.find((e) => e.seq > write.seq && e.args[0] === nr.get('write'))!;
    expect(written.args[1]).toBe(write.args[3]);
    expect(exits.length).toBeGreaterThanOrEqual(enters.length - 1);   // exit_group has no exit event
    // Demand paging of the new program: its first faults are minor ones on its text.
    const faults = events.filter((e) => e.kind === trace_kind.TR_FAULT && e.pid === ls);
    expect(faults.length).toBeGreaterThan(0);
    expect(faults.every((e) => e.args[2] !== fault_result.TR_FAULT_SEGV)).toBe(true);
    // Context switches name who ran next and why the other stopped.
    const switches = events.filter((e) => e.kind === trace_kind.TR_SWITCH);
    expect(switches.some((e) => e.args[0] === shell && e.args[2] === proc_state.P_SLEEPING)).toBe(true);
    expect(switches.some((e) => e.args[0] === ls && e.args[2] === proc_state.P_ZOMBIE)).toBe(true);
    expect(events.some((e) => e.kind === trace_kind.TR_IRQ)).toBe(true);
    // Nothing after tracing went off: the last event is the shell entering the write of "0".
    expect(events.at(-1)).toMatchObject({ kind: trace_kind.TR_SYS_ENTER, pid: shell });
    expect(events.at(-1)!.args[0]).toBe(nr.get('write'));
    // Seqs are consecutive and times never go backwards.
    events.forEach((e, i) => { if (i) { expect(e.seq).toBe(events[i - 1].seq + 1); expect(e.time_us).toBeGreaterThanOrEqual(events[i - 1].time_us); } });

    expect(outputOf(out, 'grep -c " exec ls$" /dev/trace').trim()).toBe('1');
    expect(outputOf(out, 'su -c "echo 1 > /dev/trace" hako; echo status $?')).toMatch(/(Operation not permitted|Permission denied)[\s\S]*status [1-9]/);
  });

  it('records swap-out, swap-in, kswapd, block I/O and swap-in faults under memory pressure, and a signal sent and delivered', async () => {
    const { out, events, lost } = await traced(8, true, [
      'echo 1 > /dev/trace', 'memhog 10m', 'sleep 5 & kill -TERM $!; wait $!; echo status $?', 'echo 0 > /dev/trace',
    ]);
    expect(lost).toBe(0);
    expect(out).toContain('pattern verified');
    expect(out).toContain('status 143');
    const kinds = (k: number) => events.filter((e) => e.kind === k);
    const memhog = kinds(trace_kind.TR_EXEC).find((e) => execName(e) === 'memhog')!.pid;
    const outs = kinds(trace_kind.TR_SWAP_OUT);
    const ins = kinds(trace_kind.TR_SWAP_IN);
    expect(outs.length).toBeGreaterThan(100);
    expect(ins.length).toBeGreaterThan(0);
    // A slot comes back in only after it went out.
    const wentOut = new Map(outs.map((e) => [e.args[0], e.seq]));
    expect(ins.every((e) => wentOut.has(e.args[0]) && wentOut.get(e.args[0])! < e.seq)).toBe(true);
    // memhog's faults on swapped pages are swap-in faults.
    expect(kinds(trace_kind.TR_FAULT).some((e) => e.pid === memhog && e.args[2] === fault_result.TR_FAULT_SWAPIN)).toBe(true);
    expect(kinds(trace_kind.TR_KSWAPD_WAKE).length).toBeGreaterThan(0);
    // Swap writes go to disk 1; reading the programs from the root is disk 0.
    expect(kinds(trace_kind.TR_BLOCK_IO).some((e) => e.args[0] === 1 && e.args[3] === 1)).toBe(true);
    expect(kinds(trace_kind.TR_BLOCK_IO).every((e) => e.args[0] <= 1)).toBe(true);
    // kill sends SIGTERM (15) to sleep. It has no handler, so the kernel ends the whole group
    // at once (Linux's complete_signal: the fatal signal becomes SIGKILL to every thread), and
    // sleep takes that with the default action (handler 0); its status still says 15.
    const sleep = kinds(trace_kind.TR_EXEC).find((e) => execName(e) === 'sleep')!.pid;
    const sent = kinds(trace_kind.TR_SIGNAL).find((e) => e.args[0] === 15 && e.args[1] === sleep)!;
    expect(execName(kinds(trace_kind.TR_EXEC).find((e) => e.pid === sent.pid)!)).toBe('kill');
    const delivered = kinds(trace_kind.TR_DELIVER).find((e) => e.pid === sleep)!;
    expect([15, 9]).toContain(delivered.args[0]);
    expect(delivered.args[1]).toBe(0);
    expect(delivered.seq).toBeGreaterThan(sent.seq);
    expect(kinds(trace_kind.TR_EXIT).find((e) => e.pid === sleep)!.args[0]).toBe(15);   // wait status: killed by 15
  });

  it('records the OOM killer\'s victim', async () => {
    const { out, events } = await traced(8, false, ['echo 1 > /dev/trace', 'memhog 16m; echo status $?', 'echo 0 > /dev/trace']);
    expect(out).toContain('status 137');
    const memhog = events.find((e) => e.kind === trace_kind.TR_EXEC && execName(e) === 'memhog')!.pid;
    const kill = events.filter((e) => e.kind === trace_kind.TR_OOM_KILL);
    expect(kill.map((e) => e.args[0])).toEqual([memhog]);
    expect(kill[0].args[1]).toBeGreaterThan(1000);   // its pages: most of 8 MiB
    expect(events.some((e) => e.kind === trace_kind.TR_SIGNAL && e.args[0] === 9 && e.args[1] === memhog)).toBe(true);
  });
});
