// Inter-process communication beyond pipes (issue 13) on the real OS: the
// usertests cases of userland/usertests/t_ipc.c in one boot (eventfd's
// counter, semaphore mode, O_NONBLOCK, the 8-byte rule, a reader in a
// forked child woken by its parent, EFD_CLOEXEC; System V message queues:
// msgtyp selection between processes, limits, keys, permissions as uid
// 1000, EIDRM to a sleeper; semaphores: atomic semop, waits between
// processes, SEM_UNDO at exit and kill, EIDRM, uid 1000; POSIX message
// queues: priorities, O_NONBLOCK, EMSGSIZE, timeouts, names); e2fsck -fn must find the
// disk clean afterwards.
import { describe, it, expect } from 'vitest';
import { outputOf, runShell } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('IPC: eventfd, System V message queues and semaphores, POSIX message queues', () => {
  it('usertests ipc: every case passes; e2fsck is clean', async () => {
    const cases = [
      'eventfd_counter', 'eventfd_semaphore', 'eventfd_between_processes', 'eventfd_flags', 'eventfd_readiness',
      'msg_types_between_processes', 'msg_limits', 'msg_keys', 'msg_permissions', 'msg_rmid_wakes_sleepers',
      'sem_values_and_atomicity', 'sem_waits_between_processes', 'sem_undo_at_exit', 'sem_rmid_and_permissions',
      'mq_priorities_between_processes', 'mq_limits_and_timeouts', 'mq_names', 'mq_notify_signal',
    ];
    const { store } = await runUsertests(cases, { budget: 600_000_000 });
    expectFsckClean(store.image);
  }, 600_000);

  it('ipcmk, ipcs and ipcrm in the shell (util-linux formats and syntax)', async () => {
    const commands = [
      'ipcmk -Q; ipcmk -S 3 -p 600',
      'ipcs -q',
      'ipcs -s',
      "su hako -c 'ipcrm -q 0; echo st=$?'",
      'ipcrm -q 0 -s 0; echo st=$?',
      'ipcrm -q 0; ipcrm -Q 0x1234; echo st=$?',
      'ipcs',
      'ipcmk -Q -p 600 >/dev/null; ipcmk -S 2 >/dev/null; cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm; ls /proc/sysvipc',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 1_500_000_000 });
    expect(outputOf(out, commands[0])).toBe('Message queue id: 0\nSemaphore id: 0\n');
    expect(outputOf(out, commands[1])).toBe(
      '\n------ Message Queues --------\n' +
      'key        msqid      owner      perms      used-bytes   messages    \n' +
      '0x00000000 0          root       644        0            0           \n\n');
    expect(outputOf(out, commands[2])).toBe(
      '\n------ Semaphore Arrays --------\n' +
      'key        semid      owner      perms      nsems     \n' +
      '0x00000000 0          root       600        3         \n\n');
    expect(outputOf(out, commands[3])).toBe('ipcrm: permission denied for id (0)\nst=1\n');
    expect(outputOf(out, commands[4])).toBe('st=0\n');
    expect(outputOf(out, commands[5])).toBe('ipcrm: invalid id (0)\nipcrm: invalid key (0x1234)\nst=1\n');
    expect(outputOf(out, commands[6])).toBe(
      '\n------ Message Queues --------\n' +
      'key        msqid      owner      perms      used-bytes   messages    \n' +
      '\n------ Shared Memory Segments --------\n' +
      'key        shmid      owner      perms      bytes      nattch     status      \n' +
      '\n------ Semaphore Arrays --------\n' +
      'key        semid      owner      perms      nsems     \n\n');
    // /proc/sysvipc in Linux's formats: the queue and set made last, in slot 0 again with the next
    // sequence number (id 32768 = 1 * 32768 + 0: the removed objects' ids do not come back)
    const pad = (w: number, v: string | number) => String(v).padStart(w);
    const time = ' +\\d+';
    const sysv = outputOf(out, commands[7]).split('\n');
    expect(sysv[0]).toBe('       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime');
    expect(sysv[1]).toMatch(new RegExp(`^${pad(10, 0)} ${pad(10, 32768)}  ${pad(4, 600)}  ${pad(10, 0)} ${pad(10, 0)}` +
      `${' ' + pad(5, 0)}${' ' + pad(5, 0)}${(' ' + pad(5, 0)).repeat(4)} ${pad(10, 0)} ${pad(10, 0)}${time}$`));
    expect(sysv[2]).toBe('       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime');
    expect(sysv[3]).toMatch(new RegExp(`^${pad(10, 0)} ${pad(10, 32768)}  ${pad(4, 644)} ${pad(10, 2)}${(' ' + pad(5, 0)).repeat(4)} ${pad(10, 0)}${time}$`));
    expect(sysv[4]).toMatch(/^ +key +shmid perms +size +cpid +lpid nattch +uid +gid +cuid +cgid +atime +dtime +ctime +rss +swap$/);
    expect(sysv.slice(5).join(' ').trim().split(/\s+/)).toEqual(['msg', 'sem', 'shm']);
  }, 600_000);
});
