// The shell's prompt ends in `#` or `$` by the effective uid, as bash's \$:
// root running a set-user-ID hako copy of sh (real 0, effective 1000) gets
// `$`, hako running a set-user-ID root copy (real 1000, effective 0) gets
// `#`; the default prompt and PS1's \$ both.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk, SHELL_PROMPT } from './shell-session.ts';

describe('shell prompt', () => {
  it('shows # or $ by the effective uid', async () => {
    const steps: [string, string][] = [
      [SHELL_PROMPT, 'cp /bin/sh /tmp/hsh && chown hako /tmp/hsh && chmod 4755 /tmp/hsh'],
      [SHELL_PROMPT, 'cp /bin/sh /tmp/rsh && chmod 4755 /tmp/rsh'],
      [SHELL_PROMPT, '/tmp/hsh'],
      ['hako:/$ ', 'id'],
      ['hako:/$ ', "PS1='[\\$] '"],
      ['[$] ', 'exit'],
      [SHELL_PROMPT, 'su hako'],
      ['hako:/$ ', '/tmp/rsh'],
      ['hako:/# ', 'id'],
      ['hako:/# ', "PS1='[\\$] '"],
      ['[#] ', 'exit'],
      ['hako:/$ ', 'exit'],
      [SHELL_PROMPT, 'poweroff'],
    ];
    const script = steps.map(([after, cmd]) => ({ after, send: `${cmd}\r` }));
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 600_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(out).toMatch(/hako:\/\$ id\nuid=0\(root\) gid=0\(root\) euid=1000\(hako\)[^\n]*\nhako:\/\$ /);
    expect(out).toContain('[$] exit\n');
    expect(out).toMatch(/hako:\/# id\nuid=1000\(hako\) gid=1000\(hako\) euid=0\(root\)[^\n]*\nhako:\/# /);
    expect(out).toContain('[#] exit\n');
  }, 300_000);
});
