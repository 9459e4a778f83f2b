// The POSIX signal interface and the sigaction flags on the real OS
// (issue 13, "Signals, completed"): the usertests cases of t_sigflags.c —
// SA_RESTART, sigsuspend, sigaltstack surviving a stack overflow,
// SA_RESETHAND, SA_NODEFER, SA_NOCLDSTOP, SA_NOCLDWAIT, the core-dump bit,
// the interval timers — and t_sig.c's EINTR cases, run in one boot.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

const PROMPT = ':/# ';

describe('signals: sigaction flags, sigsuspend, sigaltstack, itimers', () => {
  it('usertests: every flag and call behaves as on Linux', async () => {
    const cases = [
      'sa_restart_read', 'sa_restart_wait', 'pause_never_restarted', 'pause_survives_stop',
      'mask_and_pending', 'sigsuspend_atomic',
      'sigaltstack_overflow', 'sa_resethand', 'sa_nodefer', 'sa_nocldstop', 'sa_nocldwait', 'core_dump_status',
      'itimer_real', 'itimer_virtual_prof', 'libc_helpers', 'eintr_read', 'eintr_wait', 'eintr_sleep',
      'sigchld_to_parent', 'stop_and_continue',
    ];
    const script = [{ after: PROMPT, send: `usertests ${cases.join(' ')}; poweroff $?\r` }];
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 600_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    for (const c of cases) expect(out, out.slice(-3000)).toContain(`test ${c}: OK\n`);
    expect(out).toContain(`ALL TESTS PASSED (${cases.length})`);
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(0);
  }, 600_000);
});
