// setjmp/longjmp, sigsetjmp/siglongjmp and <ucontext.h> on the real OS (issue
// 11): the usertests cases of t_ucontext.c, run in one boot — a jump out of a
// signal handler with and without the mask saved, getcontext resumed by
// setcontext, two makecontext coroutines alternating through swapcontext
// with uc_link back to main, int arguments, the mask carried by a context,
// and a context function returning with no uc_link exiting with 0.
import { describe, it } from 'vitest';
import { runUsertests } from './usertests-run.ts';

describe('user-level context switching: setjmp, sigsetjmp, ucontext', () => {
  it('usertests: every ucontext case passes', async () => {
    const cases = [
      'setjmp_longjmp', 'sigsetjmp_mask', 'getcontext_setcontext', 'coroutines_ping_pong',
      'makecontext_args', 'context_carries_mask', 'no_link_exits',
    ];
    await runUsertests(cases, { budget: 400_000_000 });
  }, 600_000);
});
