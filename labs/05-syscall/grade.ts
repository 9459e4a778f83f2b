// Lab 05 — a system call of your own: the grader. It builds the kernel
// from the student's tree, boots it, and compares what system call 500
// answers with the kernel's process table as the debug pane reads it;
// bad pointers must be EFAULT (and the machine must survive a kernel
// address), and the number after it must stay ENOSYS.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

function tableCount(s: LabSession): number {
  return s.view.processes().filter((p) => p.pid > 0).length;
}

/** Runs `nprocs --wait`, reads its answer while it is still one of the processes, and lets it go. */
async function answerVsTable(s: LabSession): Promise<string | null> {
  const from = await s.start('nprocs --wait', 0.3);
  await s.settle(0.1);
  const printed = /nprocs: (\S.*)/.exec(s.since(from))?.[1]?.trim() ?? '';
  const truth = tableCount(s);
  await s.press('\r');
  await s.finish(from, 'nprocs --wait');
  return printed === String(truth) ? null : `nprocs said ${excerpt(printed)}; the kernel's process table holds ${truth} processes (pid > 0) at that moment`;
}

async function says(s: LabSession, command: string, message: string): Promise<string | null> {
  const out = await s.run(command);
  return out.includes(message) ? null : `\`${command}\` printed ${excerpt(out)}, not "${message}"`;
}

const lab: Lab = {
  name: '05-syscall',
  title: { en: 'nprocs: a system call of your own', ja: 'nprocs: 自分のシステムコール' },
  programs: [{ source: 'nprocs.c', guestPath: '/usr/local/bin/nprocs' }],
  kernel: true,
  checks: [
    { name: 'system call 500 exists and tells the number of processes', run: answerVsTable },
    {
      name: 'the count follows the machine: two more after starting two sleeps',
      run: async (s) => {
        await s.run('sleep 30 &');
        await s.run('sleep 30 &');
        return answerVsTable(s);
      },
    },
    { name: 'a wild user pointer is EFAULT ("Bad address")', run: (s) => says(s, 'nprocs --bad', 'nprocs: Bad address') },
    {
      name: 'a kernel address is EFAULT too, and the kernel is unharmed',
      run: async (s) => {
        const bad = await says(s, 'nprocs --kernel', 'nprocs: Bad address');
        if (bad) return bad;
        return says(s, 'echo still alive; ls /bin | wc -l', 'still alive');
      },
    },
    { name: 'system call 501 is still not implemented (ENOSYS)', run: (s) => says(s, 'nprocs --next', 'nprocs: Function not implemented') },
  ],
};

export default lab;
