// High-resolution timers (kernel/proc/hrtimer.c on the timer's one-shot
// compare, port 0x4C / IRQ 8): the usertests cases of t_hrtimer.c in one
// boot — nanosleep(50 µs) lasts 50 µs plus the kernel path, never the
// 10 ms tick; a futex wait's 100 µs timeout ends with ETIMEDOUT as soon;
// a 3 s nanosleep cut by SIGALRM reports in rem, to the µs, what was
// left; three sleepers of 3, 1 and 2 ms released together wake in
// deadline order, all within about 3 ms; clock_nanosleep sleeps 80 µs
// relative, until a CLOCK_MONOTONIC or CLOCK_REALTIME time 150-200 µs
// ahead, returns at once for a time past, and returns EINVAL / EFAULT
// as values with errno untouched; poll and epoll_wait time out 1 ms and
// select 700 µs after the call on an idle pipe, and select cut short by
// a write writes back the time left to within 300 µs.
import { describe, it } from 'vitest';
import { runUsertests } from './usertests-run.ts';

describe('high-resolution timers', () => {
  it('usertests: every hrtimer case passes', async () => {
    const cases = ['hrtimer_nanosleep_50us', 'hrtimer_futex_timeout', 'hrtimer_nanosleep_rem', 'hrtimer_sleepers_in_order', 'hrtimer_clock_nanosleep', 'hrtimer_poll_timeouts', 'hrtimer_tiny_sleeps'];
    await runUsertests(cases, { budget: 600_000_000 });
  }, 600_000);
});
