// Lab 04 — signals: the grader. The kernel's own view decides: the process
// must be asleep (not spinning) while it waits, must have a handler for
// SIGINT in its signal table, and each Ctrl-C the terminal turns into
// SIGINT must reach the handler, three times, before a clean exit 0.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

const SIGINT_BIT = 1 << (2 - 1);
let started = -1;

/** The running sigcount as the kernel sees it, or why not. */
function sigcount(s: LabSession): { pid: number; state: string; caught: number } | string {
  const pid = s.view.functions().pid('sigcount');
  if (typeof pid !== 'number') return 'no sigcount process is running';
  const p = s.view.process(pid);
  if (!p) return 'no sigcount process is running';
  return { pid, state: p.state, caught: p.signals?.caught ?? 0 };
}

async function ctrlC(s: LabSession, n: number): Promise<string | null> {
  await s.press('\x03', 0.3);
  const text = s.since(started);
  if (!text.includes(`caught SIGINT ${n}`)) return `after Ctrl-C number ${n} the terminal shows ${excerpt(text.slice(-200))}, without "caught SIGINT ${n}"`;
  if (n < 3 && typeof sigcount(s) === 'string') return `sigcount ended after Ctrl-C number ${n}`;
  return null;
}

const lab: Lab = {
  name: '04-signals',
  title: { en: 'sigcount: catching a signal', ja: 'sigcount: シグナルを捕まえる' },
  programs: [{ source: 'sigcount.c', guestPath: '/usr/local/bin/sigcount' }],
  checks: [
    {
      name: 'while it waits, the process sleeps (state S), not running the CPU',
      run: async (s) => {
        started = await s.start('sigcount', 0.5);
        await s.settle(0.1);
        const p = sigcount(s);
        if (typeof p === 'string') return p;
        return p.state === 'sleeping' ? null : `its state is ${p.state}: waiting in a loop burns the CPU (pause or sigsuspend sleep until a signal comes)`;
      },
    },
    {
      name: 'its signal table has a handler for SIGINT (SigCgt in /proc/PID/status)',
      run: async (s) => {
        const p = sigcount(s);
        if (typeof p === 'string') return p;
        return p.caught & SIGINT_BIT ? null : `the caught-signals mask is ${p.caught.toString(16)}: no handler for SIGINT`;
      },
    },
    { name: 'Ctrl-C: "caught SIGINT 1", and it keeps running', run: (s) => ctrlC(s, 1) },
    { name: 'Ctrl-C: "caught SIGINT 2"', run: (s) => ctrlC(s, 2) },
    {
      name: 'Ctrl-C: "caught SIGINT 3", then "bye" and exit status 0',
      run: async (s) => {
        const third = await ctrlC(s, 3);
        if (third) return third;
        const out = await s.finish(started, 'sigcount');
        if (!out.includes('bye')) return `after the third Ctrl-C it printed ${excerpt(out.slice(-200))}, without "bye"`;
        const status = (await s.run('echo $?')).trim();
        return status === '0' ? null : `exit status ${status}, not 0`;
      },
    },
  ],
};

export default lab;
