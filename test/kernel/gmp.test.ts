// The G/M/P runtime (issue 11, <goro.h>, userland/lib/sys/hako/goro*.c) on
// the real OS: the usertests cases of t_goro.c in one boot — 10,000
// goroutines complete on GOMAXPROCS=2 with work stolen by the second P and
// goroutines run on both Ms, a buffered channel takes exactly its capacity
// before its sender blocks and drains after close with ok = 0, and an
// unbuffered send completes only once the receiver has the value, and with
// GOMAXPROCS=1 a goroutine blocked in read() hands its P to another M so
// the others keep running; GODEBUG=schedtrace=5 prints Go's SCHED lines;
// the goro_debug table reads right by raw offsets; a goroutine recursing
// more than 64 KiB deep works, its stack's resident pages growing with it;
// a goroutine spinning without yielding is preempted by sysmon's SIGURG.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

const PROMPT = ':/# ';

describe('G/M/P runtime: goroutines, Ps, Ms, channels', () => {
  it('usertests: every goro case passes', async () => {
    const cases = ['goro_ten_thousand', 'goro_buffered_close', 'goro_unbuffered', 'goro_blocking_read', 'goro_schedtrace', 'goro_debug_table', 'goro_stack_grows', 'goro_preempt'];
    const script = [{ after: PROMPT, send: `usertests ${cases.join(' ')}; poweroff $?\r` }];
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 1_500_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    for (const c of cases) expect(out, out.slice(-3000)).toContain(`test ${c}: OK\n`);
    expect(out).toContain(`ALL TESTS PASSED (${cases.length})`);
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(0);
  }, 600_000);
});
