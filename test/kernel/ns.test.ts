// chroot and the namespaces (issue 13): the usertests ns cases (t_ns.c)
// in one boot, then the tools from the shell, and e2fsck -fn afterwards.
import { describe, it, expect } from 'vitest';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('chroot and namespaces (issue 13)', () => {
  it('usertests ns: chroot rules', async () => {
    const { store } = await runUsertests(['ns_chroot'], { budget: 2_000_000_000 });
    expectFsckClean(store.image);
  }, 300_000);
});
