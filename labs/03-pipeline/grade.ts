// Lab 03 — pipeline: the grader. The output must be the shell's for the
// same pipeline, every pipeline must end (a reader sees end of file only
// when no process holds the pipe's write end; a writer gets SIGPIPE only
// when none holds the read end), the status must be the right-hand
// command's, and no child may be left behind.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

async function sameAsShell(s: LabSession, left: string, right: string): Promise<string | null> {
  const mine = `pipe2 "${left}" "${right}"`;
  const got = await s.run(mine);
  const want = await s.run(`${left} | ${right}`);
  return got === want ? null : `\`${mine}\` printed ${excerpt(got)}; the shell's pipeline printed ${excerpt(want)}`;
}

async function statusIs(s: LabSession, command: string, want: number): Promise<string | null> {
  const r = await s.runStatus(command);
  return r.status === want ? null : `\`${command}\` exited with ${r.status}, not ${want} (output ${excerpt(r.output)})`;
}

const lab: Lab = {
  name: '03-pipeline',
  title: { en: 'pipe2: a pipeline by hand', ja: 'pipe2: パイプラインを手で組む' },
  programs: [{ source: 'pipe2.c', guestPath: '/usr/local/bin/pipe2' }],
  checks: [
    { name: 'cat /etc/motd | wc -c: the reader sees end of file', run: (s) => sameAsShell(s, 'cat /etc/motd', 'wc -c') },
    { name: 'ls /bin | wc -l', run: (s) => sameAsShell(s, 'ls /bin', 'wc -l') },
    { name: 'yes | head -n 3: the writer gets SIGPIPE when the reader is gone', run: (s) => sameAsShell(s, 'yes', 'head -n 3') },
    {
      name: 'the two commands are sibling processes, children of pipe2, running at once',
      run: async (s) => {
        const from = await s.start('pipe2 "sleep 1" "cat"', 0.3);
        const fns = s.view.functions();
        const pipe2 = fns.pid('pipe2');
        const sleep = fns.pid('sleep');
        const cat = fns.pid('cat');
        // Parents are read while they run: the probes read the live machine, and after finish both are gone.
        const sleepParent = sleep === null ? null : fns.ppid(sleep);
        const catParent = cat === null ? null : fns.ppid(cat);
        await s.finish(from, 'pipe2 "sleep 1" "cat"');
        if (pipe2 === null || sleep === null || cat === null) return `while it ran, the machine had pipe2 ${pipe2}, sleep ${sleep}, cat ${cat}`;
        if (sleepParent !== pipe2 || catParent !== pipe2) return `sleep's parent is ${sleepParent} and cat's is ${catParent}; pipe2 is ${pipe2}`;
        return null;
      },
    },
    { name: 'the status is the right-hand command\'s: true | false is 1', run: (s) => statusIs(s, 'pipe2 "true" "false"', 1) },
    { name: '… and false | true is 0', run: (s) => statusIs(s, 'pipe2 "false" "true"', 0) },
    {
      name: 'a command that does not exist: "pipe2: NAME: No such file or directory", status 127',
      run: async (s) => {
        const r = await s.runStatus('pipe2 "echo hi" "nosuchcmd"');
        if (!r.output.includes('pipe2: nosuchcmd: No such file or directory')) return `printed ${excerpt(r.output)}`;
        return r.status === 127 ? null : `exit status ${r.status}, not 127`;
      },
    },
    {
      name: 'nothing is left behind: no zombie, no yes still running',
      run: async (s) => {
        await s.settle(0.2);
        const fns = s.view.functions();
        const zombies = fns.count_state('zombie');
        const yes = fns.count('yes');
        return zombies === 0 && yes === 0 ? null : `${zombies} zombie(s) and ${yes} yes process(es) remain`;
      },
    },
  ],
};

export default lab;
