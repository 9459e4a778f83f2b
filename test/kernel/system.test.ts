// The kernel runs real programs from an ext2 root disk: /sbin/init is a
// test program (test/kernel/progs/init.c, built with our cc, as and ld)
// that exercises processes, exec, signals, bad system-call arguments, the
// file system and pipes, prints an ok/FAIL line per check and powers off
// with the number of failures. Afterwards Debian's e2fsck must find the
// disk clean.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { testDisk } from './programs.ts';

describe('kernel with an ext2 root disk', () => {
  it('passes every check of the in-guest test program and powers off with code 0', async () => {
    const store = new MemoryBlockStore(testDisk());
    const r = await boot({ ramMiB: 32, disks: [store], budget: 100_000_000 });
    const fails = r.output.split('\r\n').filter((l) => l.startsWith('FAIL'));
    expect(fails).toEqual([]);
    expect(r.output).toContain('EXT2-fs (disk0): mounted');
    expect(r.output).toContain('ktest init: pid 1 argc 1 argv0 /sbin/init');
    expect(r.output).toContain('arg: hello-from-exec');
    expect(r.output).toContain('env: K=V');
    expect(r.output).toContain('hello from libc: argc=2 argv1=world pid>1=1 heap=x');
    expect(r.output).toMatch(/init\[\d+\]: segfault at eip 0x0804[0-9a-f]{4} \(cr2 0x00000010, error 6\): signal 11/);
    expect(r.output).toContain('ktest: all passed');
    const oks = r.output.split('\r\n').filter((l) => l.startsWith('ok ')).length;
    const total = Number(/ktest: (\d+) checks/.exec(r.output)?.[1]);
    expect(total).toBeGreaterThanOrEqual(50);
    expect(oks).toBe(total);
    expect(r.state).toBe('off');
    expect(r.exitCode).toBe(0);

    // The debugger's process table (docs/kernel.md): read like a debugger would.
    const m = r.machine;
    const sym = m.symbols.symbols.find((x) => x.name === 'kdebug_procs');
    expect(sym).toBeDefined();
    const base = sym!.value - 0xc0000000;
    expect(m.memory.read32(base) >>> 0).toBe(0x53504b48);
    expect(m.memory.read32(base + 4)).toBe(3); // version 3: swap_pages at +44, signal masks at +64
    expect(m.memory.read32(base + 12)).toBe(80);
    expect(m.memory.read32(base + 16) % 2).toBe(0);
    const count = m.memory.read32(base + 8);
    const procs = [];
    for (let i = 0; i < count; i++) {
      const e = base + 32 + i * 80;
      let name = '';
      for (let k = 0; k < 16 && m.memory.read8(e + 48 + k); k++) name += String.fromCharCode(m.memory.read8(e + 48 + k));
      procs.push({ pid: m.memory.read32(e), state: m.memory.read32(e + 16), cr3: m.memory.read32(e + 24), name });
    }
    expect(procs.find((p) => p.pid === 0)?.name).toBe('swapper');
    const init = procs.find((p) => p.pid === 1);
    expect(init?.name).toBe('init');
    expect(init!.cr3).toBeGreaterThan(0);

    // The volume is consistent after all those creates, renames and unlinks.
    const dir = mkdtempSync(join(tmpdir(), 'hako-kernel-'));
    try {
      const img = join(dir, 'disk.img');
      writeFileSync(img, store.image);
      const out = execFileSync('e2fsck', ['-fn', img], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toMatch(/Pass 5/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('runs signal handlers, stop/continue, alarm, nice weights, the tty line discipline and dmesg (init2)', async () => {
    const store = new MemoryBlockStore(testDisk());
    const r = await boot({
      ramMiB: 32, disks: [store], cmdline: 'init=/sbin/init2', budget: 200_000_000,
      script: [
        { after: 'tty: type a line', send: 'hello\r' },
        { after: 'tty: edit a line', send: 'ab\x7fc\x15xyz\r' },
        { after: 'tty: end of file', send: '\x04' },
        { after: 'tty: raw keys', send: 'q' },
        { after: 'tty: interrupt me', send: '\x03' },
      ],
    });
    const fails = r.output.split('\r\n').filter((l) => l.startsWith('FAIL'));
    expect(fails).toEqual([]);
    const total = Number(/ktest: (\d+) checks/.exec(r.output)?.[1]);
    const oks = r.output.split('\r\n').filter((l) => l.startsWith('ok ')).length;
    expect(total).toBeGreaterThanOrEqual(20);
    expect(oks).toBe(total);
    expect(r.output).toContain('hello\r\n');   // echoed, with ONLCR
    expect(r.output).toContain('^C');
    expect(r.exitCode).toBe(0);
  }, 300_000);

  it('panics with a clear message when init itself faults (no endless fault loop)', async () => {
    const store = new MemoryBlockStore(testDisk());
    const r = await boot({ ramMiB: 16, disks: [store], cmdline: 'init=/bin/crash', budget: 50_000_000 });
    expect(r.output).toMatch(/crash\[1\]: segfault at eip 0x0804[0-9a-f]{4} \(cr2 0x00000000, error 4\): signal 11/);
    expect(r.output).toContain('Kernel panic - not syncing: Attempted to kill init! exitcode=0x8b');
    expect(r.state).toBe('dead');
  }, 300_000);
});
