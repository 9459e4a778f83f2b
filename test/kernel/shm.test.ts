// Shared memory (issue 13) on the real OS: the usertests cases of
// userland/usertests/t_shm.c in one boot — System V segments (data seen by
// another process, keys/sizes/limits, uid 1000 refused a 0600 segment,
// IPC_RMID at the last detach, shm_nattch through fork and exit, an
// SHM_RDONLY store killed by SIGSEGV), tmpfs's ENOSPC at size=, and
// shm_open shared between two processes; e2fsck -fn must find the root disk
// clean afterwards (tmpfs itself is memory only).
import { describe, it, expect } from 'vitest';
import { outputOf, runShell } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('shared memory: System V segments, tmpfs, shm_open', () => {
  it('usertests shm: every case passes; e2fsck is clean', async () => {
    const cases = [
      'shm_data_between_processes', 'shm_keys_sizes_and_limits', 'shm_permissions', 'shm_rmid_at_last_detach',
      'shm_nattch_fork_exit', 'shm_rdonly_sigsegv', 'tmpfs_enospc_at_size', 'shm_open_round_trip',
    ];
    const { store } = await runUsertests(cases, { budget: 900_000_000 });
    expectFsckClean(store.image);
  }, 600_000);
});
