// The POSIX signal interface and the sigaction flags on the real OS
// (issue 13, "Signals, completed"): the usertests cases of t_sigflags.c —
// SA_RESTART, sigsuspend, sigaltstack surviving a stack overflow,
// SA_RESETHAND, SA_NODEFER, SA_NOCLDSTOP, SA_NOCLDWAIT, the core-dump bit,
// the interval timers — and t_sig.c's EINTR cases, run in one boot.
import { describe, it } from 'vitest';
import { runUsertests } from './usertests-run.ts';

describe('signals: sigaction flags, sigsuspend, sigaltstack, itimers', () => {
  it('usertests: every flag and call behaves as on Linux', async () => {
    // in the runner's order: t_sig.c's table runs before t_sigflags.c's
    const cases = [
      'stop_and_continue', 'sigchld_to_parent', 'eintr_read', 'eintr_sleep', 'eintr_wait',
      'sa_restart_read', 'sa_restart_wait', 'pause_never_restarted', 'pause_survives_stop', 'stopped_keeps_handled_signal',
      'mask_and_pending', 'sigsuspend_atomic',
      'sigaltstack_overflow', 'sa_resethand', 'sa_nodefer', 'sa_nocldstop', 'sa_nocldwait', 'core_dump_status',
      'itimer_real', 'itimer_virtual_prof', 'libc_helpers',
    ];
    await runUsertests(cases, { budget: 600_000_000 });
  }, 600_000);
});
