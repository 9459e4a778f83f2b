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

  it('ipcmk -M, ipcs -m, ipcrm -m/-M and /proc/sysvipc/shm (util-linux and Linux formats); /dev/shm is a tmpfs', async () => {
    const commands = [
      'ipcmk -M 5000 -p 600',
      'ipcs -m',
      "su hako -c 'ipcrm -m 0; echo st=$?'",
      'cat /proc/sysvipc/shm',
      'ipcrm -m 0; ipcrm -M 0x1234; echo st=$?; ipcs -m',
      'df /dev/shm | tail -1; ls -ld /dev/shm',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 1_500_000_000 });
    expect(outputOf(out, commands[0])).toBe('Shared memory id: 0\n');
    const row = (...cells: string[]) => cells.map((c, i) => (i < 6 ? c.padEnd(10) : c.padEnd(6))).join(' ');
    expect(outputOf(out, commands[1])).toBe(
      '\n------ Shared Memory Segments --------\n' +
      'key        shmid      owner      perms      bytes      nattch     status      \n' +
      row('0x00000000', '0', 'root', '600', '5000', '0', ' ', ' ') + '\n\n');
    expect(outputOf(out, commands[2])).toBe('ipcrm: permission denied for id (0)\nst=1\n');
    const sysv = outputOf(out, commands[3]).split('\n');
    expect(sysv[0]).toMatch(/^ +key +shmid perms +size +cpid +lpid nattch +uid +gid +cuid +cgid +atime +dtime +ctime +rss +swap$/);
    // key, id, perms, size, cpid (ipcmk's pid), lpid 0, nattch 0, uid gid cuid cgid 0, no attach/detach yet, rss 0
    expect(sysv[1]).toMatch(/^ {9}0 {10}0 {3}600 {7}5000 +\d+ {5}0 {6}0 {5}0 {5}0 {5}0 {5}0 {10}0 {10}0 +\d+ {10}0 {10}0$/);
    expect(sysv[2]).toBe('');
    expect(outputOf(out, commands[4])).toBe('ipcrm: invalid key (0x1234)\nst=1\n' +
      '\n------ Shared Memory Segments --------\n' +
      'key        shmid      owner      perms      bytes      nattch     status      \n\n');
    expect(outputOf(out, commands[5])).toMatch(/^tmpfs +\d+ +0 +\d+ +0% \/dev\/shm\ndrwxrwxrwt +2 root +root +0 .* \/dev\/shm\n$/);
  }, 600_000);
});
