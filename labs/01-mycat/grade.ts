// Lab 01 — mycat: the grader. Output must equal cat's byte for byte,
// errors must name the file and set the status, and the CPU's own count of
// `int 0x80` must show whole blocks per system call.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

const DATA_BYTES = 64 * 1024;
const BLOCK = 4096;

/** 64 KiB of every byte value (NULs and newlines included), the same on every run. */
function data(): Uint8Array {
  const b = new Uint8Array(DATA_BYTES);
  let x = 12345;
  for (let i = 0; i < b.length; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; }
  return b;
}

/** System calls the whole command line made, typing and fork/exec included. */
async function callsFor(s: LabSession, command: string): Promise<number> {
  const before = s.traps(0x80);
  await s.run(command);
  return s.traps(0x80) - before;
}

async function sameAs(s: LabSession, mine: string, reference: string): Promise<string | null> {
  const got = await s.run(mine);
  const want = await s.run(reference);
  return got === want ? null : `\`${mine}\` printed ${excerpt(got)}, \`${reference}\` printed ${excerpt(want)}`;
}

async function failsWith(s: LabSession, command: string, message: string, alsoPrints = ''): Promise<string | null> {
  const r = await s.runStatus(command);
  if (!r.output.includes(message)) return `\`${command}\` should print "${message}" on standard error; it printed ${excerpt(r.output)}`;
  if (alsoPrints && !r.output.includes(alsoPrints)) return `\`${command}\` should go on with the next file after an error; it printed ${excerpt(r.output)}`;
  if (r.status !== 1) return `\`${command}\` should exit with status 1; it exited with ${r.status}`;
  return null;
}

const lab: Lab = {
  name: '01-mycat',
  title: { en: 'mycat: copying a file with system calls', ja: 'mycat: システムコールでファイルをコピーする' },
  programs: [{ source: 'mycat.c', guestPath: '/usr/local/bin/mycat' }],
  files: [
    { guestPath: '/lab/data.bin', data: data(), mode: 0o644 },
    { guestPath: '/lab/none.bin', data: new Uint8Array(0), mode: 0o644 },
  ],
  checks: [
    { name: 'prints a text file as cat does', run: (s) => sameAs(s, 'mycat /etc/motd', 'cat /etc/motd') },
    { name: 'reads standard input when given no file', run: (s) => sameAs(s, 'mycat < /etc/passwd', 'cat /etc/passwd') },
    { name: 'joins several files in order', run: (s) => sameAs(s, 'mycat /etc/hostname /etc/motd /etc/hostname', 'cat /etc/hostname /etc/motd /etc/hostname') },
    {
      name: 'copies 64 KiB of binary data exactly (cmp finds no difference)',
      run: async (s) => {
        const r = await s.runStatus('mycat /lab/data.bin > /tmp/copy; cmp /lab/data.bin /tmp/copy');
        return r.status === 0 ? null : `cmp found the copy different: ${excerpt(r.output)}`;
      },
    },
    { name: 'a missing file: "mycat: NAME: No such file or directory" and status 1', run: (s) => failsWith(s, 'mycat /no/such/file', 'mycat: /no/such/file: No such file or directory') },
    { name: 'goes on with the next file after an error', run: (s) => failsWith(s, 'mycat /missing /etc/hostname', 'mycat: /missing: No such file or directory', 'hako') },
    { name: 'a directory: "mycat: /etc: Is a directory" and status 1', run: (s) => failsWith(s, 'mycat /etc', 'mycat: /etc: Is a directory') },
    {
      name: `copies in blocks of ${BLOCK} bytes: at most ${2 * (DATA_BYTES / BLOCK) + 8} system calls for 64 KiB`,
      run: async (s) => {
        const size = (await s.run('mycat /lab/data.bin | wc -c')).trim();
        if (size !== String(DATA_BYTES)) return `\`mycat /lab/data.bin | wc -c\` printed ${excerpt(size)}, not ${DATA_BYTES}`;
        // the same command line with an empty file: typing, fork, exec and exit cost the same
        const base = await callsFor(s, 'mycat /lab/none.bin > /dev/null');
        const full = await callsFor(s, 'mycat /lab/data.bin > /dev/null');
        const extra = full - base;
        const limit = 2 * (DATA_BYTES / BLOCK) + 8;
        return extra <= limit ? null : `copying 64 KiB took ${extra} system calls more than copying an empty file (at most ${limit}: one read and one write per ${BLOCK}-byte block)`;
      },
    },
  ],
};

export default lab;
