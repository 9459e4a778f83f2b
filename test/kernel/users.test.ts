// The user-management tools on the real userland (issue 10): adduser,
// passwd (root for another user; a user for itself, with its current
// password), su with the new password, chown/chgrp by name, id's options,
// groups, deluser; /etc/shadow keeps root:shadow 0640 through the edits,
// and the disk is e2fsck-clean afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';
import { fsckProblems } from './damaged-disk.ts';

const PROMPT = 'hako:/# ';

function after(out: string, command: string): string {
  const typed = `${PROMPT}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed\n${out.slice(-2000)}`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(PROMPT);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('user management (issue 10)', () => {
  it('adduser, passwd, su, chown/chgrp, id, groups, deluser; shadow stays 0640 root:shadow; e2fsck clean', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const step = (a: string, send: string) => ({ after: a, send: `${send}\r` });
    const cmd = (c: string) => step(PROMPT, c);
    const script = [
      cmd('adduser alice'),
      cmd('grep alice /etc/passwd /etc/group'),
      cmd('grep -c "^alice:!:" /etc/shadow'),
      cmd('ls -ld /home/alice'),
      cmd('passwd alice'),
      step('New password: ', 'alice-pw'),
      step('Retype new password: ', 'alice-pw'),
      cmd('ls -l /etc/shadow'),
      cmd('su hako -c passwd'),
      step('Current password: ', 'hako'),
      step('New password: ', 'hako-2'),
      step('Retype new password: ', 'hako-2'),
      cmd('su alice -c "su hako -c whoami"'),
      step('Password: ', 'hako-2'),
      cmd('su hako -c "su alice -c id"'),
      step('Password: ', 'alice-pw'),
      cmd('su hako -c "passwd root"; echo status=$?'),
      cmd('echo data > /tmp/f; chown alice:users /tmp/f; ls -l /tmp/f'),
      cmd('chgrp wheel /tmp/f; chown :1000 /tmp; ls -l /tmp/f; ls -ld /tmp'),
      cmd('chown nosuchuser /tmp/f; echo status=$?'),
      cmd('id -u hako; id -g hako; id -G hako; id -Gn hako; id -un'),
      cmd('su hako -c "id -u; id -un; id -G"'),
      cmd('groups hako alice'),
      cmd('deluser --remove-home alice'),
      cmd('grep -c alice /etc/passwd /etc/group /etc/shadow; ls /home'),
      cmd('ls -l /etc/shadow /etc/passwd'),
      cmd('poweroff'),
    ];
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out, r.instructions);
    expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');

    expect(after(out, 'adduser alice')).toContain('added user alice (uid 1001, gid 1001, home /home/alice)');
    expect(after(out, 'grep alice /etc/passwd /etc/group')).toBe(
      '/etc/passwd:alice:x:1001:1001:alice:/home/alice:/bin/sh\n/etc/group:alice:x:1001:\n');
    expect(after(out, 'grep -c "^alice:!:" /etc/shadow')).toBe('1\n');
    expect(after(out, 'ls -ld /home/alice')).toMatch(/^drwxr-xr-x +\d+ alice +alice /);
    expect(after(out, 'passwd alice')).toContain('passwd: password updated successfully');
    expect(after(out, 'ls -l /etc/shadow')).toMatch(/^-rw-r----- +1 root +shadow /);
    expect(after(out, 'su hako -c passwd')).toContain('passwd: password updated successfully');
    expect(after(out, 'su alice -c "su hako -c whoami"')).toMatch(/\nhako\n$/);
    expect(after(out, 'su hako -c "su alice -c id"')).toMatch(/\nuid=1001\(alice\) gid=1001\(alice\) groups=1001\(alice\)\n$/);
    expect(after(out, 'su hako -c "passwd root"; echo status=$?')).toBe(
      'passwd: You may not view or modify password information for root.\nstatus=1\n');
    expect(after(out, 'echo data > /tmp/f; chown alice:users /tmp/f; ls -l /tmp/f')).toMatch(/^-rw-r--r-- +1 alice +users /);
    expect(after(out, 'chgrp wheel /tmp/f; chown :1000 /tmp; ls -l /tmp/f; ls -ld /tmp')).toMatch(
      /^-rw-r--r-- +1 alice +wheel .*\ndrwxrwxrwt +\d+ root +hako /);
    expect(after(out, 'chown nosuchuser /tmp/f; echo status=$?')).toBe("chown: invalid user: 'nosuchuser'\nstatus=1\n");
    expect(after(out, 'id -u hako; id -g hako; id -G hako; id -Gn hako; id -un')).toBe(
      '1000\n1000\n1000 10 100\nhako wheel users\nroot\n');
    expect(after(out, 'su hako -c "id -u; id -un; id -G"')).toBe('1000\nhako\n1000 10 100\n');
    expect(after(out, 'groups hako alice')).toBe('hako : hako wheel users\nalice : alice\n');
    expect(after(out, 'deluser --remove-home alice')).toBe('deluser: removed user alice\n');
    expect(after(out, 'grep -c alice /etc/passwd /etc/group /etc/shadow; ls /home')).toBe(
      '/etc/passwd:0\n/etc/group:0\n/etc/shadow:0\nhako\n');
    expect(after(out, 'ls -l /etc/shadow /etc/passwd')).toMatch(/-rw-r--r-- +1 root +root .* \/etc\/passwd\n-rw-r----- +1 root +shadow .* \/etc\/shadow\n/);

    expect(fsckProblems(store.image)).toEqual([]);
  }, 900_000);
});
