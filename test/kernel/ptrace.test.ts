// ptrace(2) on the real OS (issue 15, "Tracing in the OS"): the usertests
// cases of t_ptrace.c — the exec stop after TRACEME, syscall stops in
// entry/exit pairs with the number and result in the registers, PEEK/POKE
// (a poke into read-only text stays private to the tracee), SINGLESTEP
// moving eip by one instruction (the CPU's trap flag), fork/exec events,
// the permission rules, DETACH, the signal a tracer injects, a tracer's
// exit detaching its tracee; and wait4 returning a child whose SIGCHLD
// arrived while it slept (found by strace) — in one boot, then e2fsck.
import { describe, it } from 'vitest';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('ptrace', () => {
  it('usertests: stops, registers, memory, steps, events and rules behave as on Linux', async () => {
    const cases = [
      'ptrace_traceme_exec', 'ptrace_syscall_pairs', 'ptrace_peek_poke', 'ptrace_singlestep',
      'ptrace_fork_exec_events', 'ptrace_eperm', 'ptrace_detach', 'ptrace_signal_inject',
      'ptrace_tracer_exit', 'ptrace_wait_sigchld',
    ];
    const { store } = await runUsertests(cases, { budget: 400_000_000 });
    expectFsckClean(store.image);
  }, 600_000);
});
