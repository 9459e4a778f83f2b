// setjmp/longjmp, sigsetjmp/siglongjmp and <ucontext.h> on the real OS (issue
// 11): the usertests cases of t_ucontext.c, run in one boot — a jump out of a
// signal handler with and without the mask saved, getcontext resumed by
// setcontext, two makecontext coroutines alternating through swapcontext
// with uc_link back to main, int arguments, the mask carried by a context,
// and a context function returning with no uc_link exiting with 0.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

const PROMPT = ':/# ';

describe('user-level context switching: setjmp, sigsetjmp, ucontext', () => {
  it('usertests: every ucontext case passes', async () => {
    const cases = [
      'setjmp_longjmp', 'sigsetjmp_mask', 'getcontext_setcontext', 'coroutines_ping_pong',
      'makecontext_args', 'context_carries_mask', 'no_link_exits',
    ];
    const script = [{ after: PROMPT, send: `usertests ${cases.join(' ')}; poweroff $?\r` }];
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 400_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    for (const c of cases) expect(out, out.slice(-3000)).toContain(`test ${c}: OK\n`);
    expect(out).toContain(`ALL TESTS PASSED (${cases.length})`);
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(0);
  }, 600_000);
});
