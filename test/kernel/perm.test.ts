// File permissions enforced by the kernel (issue 10, "Permission checks in
// one place"), on the real userland: hako logs in through getty/login and
// every bypass a user might try through the shell's tools is refused with
// Linux's message (read /etc/shadow, write /bin, remove or move /etc
// files, chmod/chown/chgrp root's files, look into /root, remove root's
// file from the sticky /tmp, exec a 0644 program, kill init); what is his
// still works. Then root (su -) does each of those things, and runs the
// in-guest cases of userland/usertests/t_perm.c, which check every errno
// from a child dropped to uid 1000. The disk is e2fsck-clean afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { outputAfterPrompt as after, userlandDisk } from './shell-session.ts';
import { fsckProblems } from './damaged-disk.ts';
import { expectUsertestsPassed } from './usertests-run.ts';

const USER_PROMPT = 'hako:/home/hako$ ';
const ROOT_PROMPT = 'hako:/root# ';

const userTries: [string, string][] = [
  ['cat /etc/shadow; echo st=$?', 'cat: /etc/shadow: Permission denied\nst=1\n'],
  ['test -r /etc/shadow; echo st=$?', 'st=1\n'],
  ['rm /etc/motd; echo st=$?', 'rm: /etc/motd: Permission denied\nst=1\n'],
  ["mv /etc/motd /tmp/motd; echo st=$?", "mv: cannot move '/etc/motd' to '/tmp/motd': Permission denied\nst=1\n"],
  ['chmod 777 /etc/passwd; echo st=$?', "chmod: changing permissions of '/etc/passwd': Operation not permitted\nst=1\n"],
  ['chown hako /etc/passwd; echo st=$?', 'chown: /etc/passwd: Operation not permitted\nst=1\n'],
  ['chgrp users /etc/motd; echo st=$?', 'chgrp: /etc/motd: Operation not permitted\nst=1\n'],
  ['echo x > /bin/ls; echo st=$?', 'sh: /bin/ls: Permission denied\nst=1\n'],
  ['touch /bin/new; echo st=$?', 'touch: /bin/new: Permission denied\nst=1\n'],
  ['ls /root; echo st=$?', 'ls: /root: Permission denied\nst=1\n'],
  ['rm /tmp/root-note; echo st=$?', 'rm: /tmp/root-note: Operation not permitted\nst=1\n'],
  ['echo appended >> /tmp/root-note; echo st=$?', 'st=0\n'],
  ['cp /bin/true prog; chmod 644 prog; ./prog; echo st=$?', 'sh: ./prog: Permission denied\nst=126\n'],
  ['chmod 755 prog; ./prog; echo st=$?', 'st=0\n'],
  ['kill 1; echo st=$?', 'kill: (1): Operation not permitted\nst=1\n'],
  ['echo mine > /tmp/mine; chmod 600 /tmp/mine; ls -l /tmp/mine', '-rw-------  1 hako     hako              5'],
];

const rootDoes: [string, string][] = [
  ['grep -c \'^root:\\$5\\$\' /etc/shadow; echo st=$?', '1\nst=0\n'],
  ['cat /tmp/mine', 'mine\n'],
  ['chmod 600 /etc/motd; ls -l /etc/motd', '-rw-------  1 root     root'],
  ['chown hako /etc/motd; ls -l /etc/motd', '-rw-------  1 hako     root'],
  ['rm /tmp/root-note /tmp/mine; echo st=$?', 'st=0\n'],
  ['touch /bin/new && rm /bin/new; echo st=$?', 'st=0\n'],
  ['chmod 644 /home/hako/prog; /home/hako/prog; echo st=$?', 'sh: /home/hako/prog: Permission denied\nst=126\n'],
];

describe('file permissions (issue 10)', () => {
  it('hako is refused what is not his, root is not; usertests perm passes; e2fsck clean', async () => {
    const store = new MemoryBlockStore(userlandDisk([
      { guestPath: '/tmp/root-note', data: new TextEncoder().encode('root wrote this\n'), mode: 0o666, uid: 0, gid: 0 },
    ]));
    const step = (a: string, send: string) => ({ after: a, send: `${send}\r` });
    const script = [
      step('hako login: ', 'hako'),
      step('Password: ', 'hako'),
      ...userTries.map(([c]) => step(USER_PROMPT, c)),
      step(USER_PROMPT, 'su -'),
      step('Password: ', 'root'),
      ...rootDoes.map(([c]) => step(ROOT_PROMPT, c)),
      step(ROOT_PROMPT, 'usertests perm; echo ut=$?'),
      step(ROOT_PROMPT, 'poweroff'),
    ];
    const r = await boot({ ramMiB: 32, cmdline: 'login', disks: [store], script, budget: 8_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out, r.instructions);
    expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');

    for (const [command, shows] of userTries) {
      const text = after(out, USER_PROMPT, command);
      if (shows.endsWith('\n')) expect(text, command).toBe(shows);
      else expect(text.startsWith(shows), `${command}: ${text}`).toBe(true);
    }
    for (const [command, shows] of rootDoes) {
      const text = after(out, ROOT_PROMPT, command);
      if (shows.endsWith('\n')) expect(text, command).toBe(shows);
      else expect(text.startsWith(shows), `${command}: ${text}`).toBe(true);
    }
    const ut = after(out, ROOT_PROMPT, 'usertests perm; echo ut=$?');
    expectUsertestsPassed(ut, [
      'perm_classes', 'perm_search', 'perm_create', 'perm_sticky', 'perm_chmod', 'perm_chown', 'perm_utimes',
      'perm_access', 'perm_truncate', 'perm_exec', 'perm_rename_dir', 'perm_setid_write', 'perm_setgid_dir', 'perm_root',
    ]);
    expect(ut).toMatch(/ALL TESTS PASSED \(14\)\nut=0\n$/);

    expect(fsckProblems(store.image)).toEqual([]);
  }, 600_000);
});
