// chown and chgrp (their shared part is userland/bin/lib/u_owner.c): names
// and numbers for OWNER and GROUP, OWNER:GROUP and :GROUP, -R over a tree
// whose symbolic link is changed itself and never followed, a failure
// reported while the rest still changes (status 1), and bad names refused
// before anything changes. e2fsck must find the disk clean afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { outputOf, runShell, userlandDisk } from './shell-session.ts';
import { fsckProblems } from './damaged-disk.ts';

describe('chown and chgrp', () => {
  it('change names and numbers, walk trees with -R without following links, report failures', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    const cmds = [
      'mkdir -p /tmp/o/a/b; echo x > /tmp/o/f; echo y > /tmp/o/a/b/g; ln -s /etc/passwd /tmp/o/a/link',
      'chown -R hako:users /tmp/o; echo st $?',
      'find /tmp/o ! -user hako; find /tmp/o ! -group users; find /etc/passwd -user root -group root',
      'chgrp -R 0 /tmp/o/a; echo st $?; find /tmp/o -group root | sort',
      'chown :1000 /tmp/o/f; chown 0 /tmp/o; find /tmp/o -maxdepth 0 -user root -group users; find /tmp/o/f -user hako -group hako',
      'chown -R root /tmp/nope /tmp/o/a; echo st $?; find /tmp/o/a -user root | sort',
      'chown nosuchuser /tmp/o/f; echo st $?; chown hako:nosuchgroup /tmp/o/f; echo st $?; chgrp nosuchgroup /tmp/o/f; echo st $?; find /tmp/o/f -user hako',
      'chown; echo st $?; chgrp -R; echo st $?',
      "ls -n /tmp/o/f | tr -s ' ' | cut -d' ' -f3,4; ls -l /tmp/o/f | tr -s ' ' | cut -d' ' -f3,4",
    ];
    const out = await runShell(cmds, { ramMiB: 32, budget: 900_000_000, root });
    expect(outputOf(out, cmds[1])).toBe('st 0\n');
    // everything below changed, the link's target did not
    expect(outputOf(out, cmds[2])).toBe('/etc/passwd\n');
    expect(outputOf(out, cmds[3])).toBe('st 0\n/tmp/o/a\n/tmp/o/a/b\n/tmp/o/a/b/g\n/tmp/o/a/link\n');
    expect(outputOf(out, cmds[4])).toBe('/tmp/o\n/tmp/o/f\n');
    expect(outputOf(out, cmds[5])).toBe(
      "chown: /tmp/nope: No such file or directory\nst 1\n/tmp/o/a\n/tmp/o/a/b\n/tmp/o/a/b/g\n/tmp/o/a/link\n");
    expect(outputOf(out, cmds[6])).toBe(
      "chown: invalid user: 'nosuchuser'\nst 1\nchown: invalid group: 'nosuchgroup'\nst 1\nchgrp: invalid group: 'nosuchgroup'\nst 1\n/tmp/o/f\n");
    expect(outputOf(out, cmds[7])).toBe(
      'usage: chown [-R] OWNER[:GROUP] FILE...\nst 1\nusage: chgrp [-R] GROUP FILE...\nst 1\n');
    // ls -n shows the owner and group as numbers, ls -l as names
    expect(outputOf(out, cmds[8])).toBe('1000 1000\nhako hako\n');
    expect(fsckProblems(root.image)).toEqual([]);
  }, 300_000);
});
