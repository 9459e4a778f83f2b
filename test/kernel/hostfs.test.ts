// The shared folder (issue 14): `npm run os -- --share DIR` as the tests
// boot it — a temporary host directory behind the share device, mounted by
// the kernel's hostfs on /host. The guest reads the host's files, creates,
// writes (a copy of /bin/sh: many chunks), appends, renames, removes,
// makes and removes directories, chmods; `..` and pwd work inside; errors
// come back with the host's errno; umount shows the empty /host. Then the
// host directory is checked: every change is there, byte for byte.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { NodeShareBackend } from '../../emulator/share/node.ts';
import { Ext2Reader } from '../../toolchain/mkfs/index.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

describe('the shared folder on /host (issue 14)', () => {
  it('reads, writes, renames and removes host files through hostfs; the host directory shows every change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-share-'));
    try {
      const big = new Uint8Array(200_000).map((_, i) => (i * 7 + (i >> 9)) & 0xff);
      writeFileSync(join(dir, 'hello.txt'), 'from the host\n');
      writeFileSync(join(dir, 'big.bin'), big);
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'keep.txt'), 'k\n');
      const root = new MemoryBlockStore(userlandDisk());
      const commands = [
        'cat /host/hello.txt',
        'ls /host | cat',
        'echo made in guest > /host/new.txt; echo w=$?',
        'cp /host/big.bin /tmp/b; cmp /host/big.bin /tmp/b; echo cmp=$?',
        'cp /bin/sh /host/sh.copy; echo cp=$?',
        'mv /host/new.txt /host/sub/moved.txt; echo mv=$?',
        'echo abc >> /host/sub/moved.txt; cat /host/sub/moved.txt',
        'mkdir /host/d; mkdir /host/d/e; rmdir /host/d/e /host/d; echo dir=$?',
        'rm /host/hello.txt; echo rm=$?',
        'cat /host/hello.txt; echo nf=$?',
        'rmdir /host/sub; echo ne=$?',
        'mkdir /host/sub; echo ex=$?',
        'chmod 600 /host/sub/moved.txt; ls -l /host/sub/moved.txt',
        'cd /host/sub; pwd; cd ..; pwd; cd /',
        'umount /host; echo u=$?; ls /host; echo listed',
      ];
      const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
      const r = await boot({ ramMiB: 32, disks: [root], share: new NodeShareBackend(dir), script, budget: 6_000_000_000 });
      const raw = r.output.replace(/\r\n/g, '\n');
      if (process.env.DEBUG_OUT) console.log(raw);
      expect(r.state, `${r.deadReason}\n${raw.slice(-3000)}`).toBe('off');
      const out = raw.replace(/^\[ *\d+\.\d+\] .*\n/gm, '').replace(/^.*:\/# .*\n/gm, '');

      expect(raw).toContain('hostfs: mounted on /host');
      expect(out).toContain('from the host\nbig.bin\nhello.txt\nsub\nw=0\ncmp=0\ncp=0\nmv=0\nmade in guest\nabc\ndir=0\nrm=0\n');
      expect(out).toContain('cat: /host/hello.txt: No such file or directory\nnf=1\n');
      expect(out).toMatch(/rmdir: \/host\/sub: Directory not empty\nne=1\n/);
      expect(out).toMatch(/mkdir: \/host\/sub: File exists\nex=1\n/);
      expect(out).toMatch(/-rw------- +1 hako +hako +18 .* \/host\/sub\/moved\.txt\n/);   // uid 1000, the host's bits
      expect(out).toContain('/host/sub\n/host\n');
      expect(out).toContain('u=0\nlisted\n');

      expect(readdirSync(dir).sort()).toEqual(['big.bin', 'sh.copy', 'sub']);
      expect(readdirSync(join(dir, 'sub')).sort()).toEqual(['keep.txt', 'moved.txt']);
      expect(readFileSync(join(dir, 'sub', 'moved.txt'), 'utf8')).toBe('made in guest\nabc\n');
      expect(statSync(join(dir, 'sub', 'moved.txt')).mode & 0o777).toBe(0o600);
      const sh = new Ext2Reader(root.image).readFile('/bin/sh');
      expect(sh.length).toBeGreaterThan(16 * 4096);
      expect(Buffer.from(readFileSync(join(dir, 'sh.copy'))).equals(Buffer.from(sh))).toBe(true);
      expect(Buffer.from(readFileSync(join(dir, 'big.bin'))).equals(Buffer.from(big))).toBe(true);
      expect(existsSync(join(dir, 'd'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
