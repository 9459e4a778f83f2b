// Lab 02 — mystat: the grader. Every field must be what the inode holds,
// as `ls -lid` reports it: the link itself rather than its target, the
// special mode bits, the link count of hard links, the target of a link.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

const LS_LINE = /^\s*(\d+)\s+(\S{10})\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+)\s+.*?\s(\S+?)( -> (.*))?$/;

/** The line mystat must print for `path`, from ls -lid's view of the same inode. */
async function expected(s: LabSession, path: string): Promise<string> {
  const line = (await s.run(`ls -lid ${path}`)).trim();
  const m = LS_LINE.exec(line);
  if (!m) throw new Error(`ls -lid ${path} printed ${JSON.stringify(line)}, which the grader cannot read`);
  const [, ino, mode, links, owner, group, size, , , target] = m;
  return `${ino} ${mode} ${links} ${owner} ${group} ${size} ${path}${target !== undefined ? ` -> ${target}` : ''}`;
}

async function describes(s: LabSession, path: string, what: string): Promise<string | null> {
  const want = await expected(s, path);
  const got = (await s.run(`mystat ${path}`)).trim();
  return got === want ? null : `${what}: \`mystat ${path}\` printed ${excerpt(got)}; the inode says ${excerpt(want)}`;
}

const lab: Lab = {
  name: '02-mystat',
  title: { en: 'mystat: what an inode holds', ja: 'mystat: inode が持っているもの' },
  programs: [{ source: 'mystat.c', guestPath: '/usr/local/bin/mystat' }],
  checks: [
    { name: 'a regular file: inode, mode, links, owner, group, size', run: (s) => describes(s, '/etc/passwd', 'a regular file') },
    { name: 'a directory', run: (s) => describes(s, '/bin', 'a directory') },
    {
      name: 'hard links: two names, one inode, a link count of 2',
      run: async (s) => {
        await s.run('echo data > /tmp/first; ln /tmp/first /tmp/second');
        return (await describes(s, '/tmp/first', 'the first name')) ?? (await describes(s, '/tmp/second', 'the second name'));
      },
    },
    {
      name: 'a symbolic link is described itself (lstat), with " -> TARGET"',
      run: async (s) => {
        await s.run('ln -s /etc/motd /tmp/link');
        return describes(s, '/tmp/link', 'a symbolic link');
      },
    },
    {
      name: 'a dangling symbolic link still has an inode',
      run: async (s) => {
        await s.run('ln -s /no/such/target /tmp/dangling');
        return describes(s, '/tmp/dangling', 'a dangling link');
      },
    },
    { name: 'the sticky bit: /tmp is drwxrwxrwt', run: (s) => describes(s, '/tmp', 'a sticky directory') },
    { name: 'the setuid bit: /bin/su is -rwsr-xr-x', run: (s) => describes(s, '/bin/su', 'a setuid program') },
    {
      name: 'a missing name: "mystat: NAME: No such file or directory", status 1',
      run: async (s) => {
        const r = await s.runStatus('mystat /no/such/file');
        if (!r.output.includes('mystat: /no/such/file: No such file or directory')) return `printed ${excerpt(r.output)}`;
        return r.status === 1 ? null : `exit status ${r.status}, not 1`;
      },
    },
  ],
};

export default lab;
