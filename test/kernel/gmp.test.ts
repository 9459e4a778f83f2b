// The G/M/P runtime (issue 11, <goro.h>, userland/lib/sys/hako/goro*.c) on
// the real OS: the usertests cases of t_goro.c in one boot — 10,000
// goroutines complete on GOMAXPROCS=2 with work stolen by the second P and
// goroutines run on both Ms, a buffered channel takes exactly its capacity
// before its sender blocks and drains after close with ok = 0, and an
// unbuffered send completes only once the receiver has the value, and with
// GOMAXPROCS=1 a goroutine blocked in read() keeps its P until sysmon
// retakes it within 1 ms (measured by CLOCK_MONOTONIC; sysmon sleeps
// 20 µs on the kernel's µs timer), 20 rounds in a row with a median under
// 200 µs, and hands it to another M so the others run, while 4000 short getpid calls keep their P
// with no handoff and no second M; GODEBUG=schedtrace=5 prints Go's SCHED
// lines with the handoff count; the goro_debug table (and the locator page
// at 0x3ffff000) reads right by raw offsets; a fresh goroutine has one or
// two stack pages resident (/proc/self/pagemap) and one more than 64 KiB
// deep at least 17; a goroutine recursing without end dies of SIGSEGV on
// its guard page with a message naming it; a goroutine spinning without
// yielding is preempted by sysmon's SIGURG.
import { describe, it } from 'vitest';
import { runUsertests } from './usertests-run.ts';

describe('G/M/P runtime: goroutines, Ps, Ms, channels', () => {
  it('usertests: every goro case passes', async () => {
    const cases = ['goro_ten_thousand', 'goro_buffered_close', 'goro_unbuffered', 'goro_blocking_read', 'goro_short_syscalls', 'goro_retake_rounds', 'goro_schedtrace', 'goro_debug_table', 'goro_stack_grows', 'goro_stack_overflow', 'goro_preempt'];
    await runUsertests(cases, { budget: 1_500_000_000 });
  }, 600_000);
});
