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
import { KernelTables } from '../../web/kernel-tables.ts';
import { KDEBUG_LAYOUT_VERSION } from '../../web/gen/kdebug-layout.ts';

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

    // The debugger's tables (docs/kernel.md "The debugger ABI"): read like a debugger would, through the generated layout.
    const m = r.machine;
    const tables = new KernelTables(m);
    expect(tables.root()?.version).toBe(KDEBUG_LAYOUT_VERSION);
    const procs = tables.processes()!;
    expect(procs.find((p) => p.pid === 0)?.command).toBe('swapper');
    const init = procs.find((p) => p.pid === 1);
    expect(init?.command).toBe('init');
    expect(init!.cr3).toBeGreaterThan(0);
    // init's memory areas as the kernel knows them: its program's text, and a stack.
    const areas = tables.memoryAreas()!.get(1)!;
    expect(areas.find((a) => a.kind === 'text')?.name).toMatch(/init$/);
    expect(areas.filter((a) => a.kind === 'stack').map((a) => a.name)).toEqual(['[stack]']);

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
