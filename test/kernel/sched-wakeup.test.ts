// Wake-up preemption (kernel/proc/sched.c, make_runnable): the usertests
// cases of t_wakeup.c in one boot — a thread woken after 2 ms while a
// sibling forked level with it spins takes the CPU within 1 ms of its
// deadline in each of 200 rounds (current's vruntime is charged up to the
// wake-up before the comparison, Linux's update_curr in
// check_preempt_wakeup; without it the sleeper waited for a tick); 50 µs
// sleeps beside two spinners end within 1 ms, 200 times; and four
// threads that run 300 µs and sleep 50 µs again and again leave a thread
// that never sleeps its fair fifth of the CPU, within a quarter of it.
import { describe, it } from 'vitest';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('wake-up preemption', () => {
  it('usertests: every wakeup case passes', async () => {
    const cases = ['wakeup_level_sleeper', 'wakeup_short_sleeps', 'wakeup_fair_to_spinner'];
    const { store } = await runUsertests(cases, { budget: 1_500_000_000 });
    expectFsckClean(store.image);
  }, 600_000);
});
