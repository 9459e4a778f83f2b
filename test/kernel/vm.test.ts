// Virtual memory (issue 5), checked from inside the guest: /sbin/vm_cow
// (test/kernel/progs/vm_cow.c) runs as init and exercises copy-on-write
// fork (separate values, shared frames until written, copyout breaking COW,
// MemFree back to baseline), heap demand paging, the stack limit and
// anonymous mmap2/munmap/mprotect (VMA splitting, MAP_FIXED, errors). It
// prints ok/FAIL per check and powers off with the number of failures.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { buildProgram, testDisk } from './programs.ts';

describe('virtual memory', () => {
  it('forks copy-on-write, pages the heap on demand and limits stack growth, maps, unmaps and protects anonymous memory (vm_cow)', async () => {
    const store = new MemoryBlockStore(testDisk([
      { type: 'file', path: '/sbin/vm_cow', data: buildProgram('vm_cow'), mode: 0o755 },
    ]));
    const r = await boot({ ramMiB: 32, disks: [store], cmdline: 'init=/sbin/vm_cow', budget: 200_000_000 });
    const lines = r.output.split('\r\n');
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.output).toContain('vm_cow init');
    const total = Number(/ktest: (\d+) checks/.exec(r.output)?.[1]);
    expect(total).toBeGreaterThanOrEqual(50);
    expect(lines.filter((l) => l.startsWith('ok ')).length).toBe(total);
    expect(r.output).toContain('ok fork shares frames');
    expect(r.output).toContain('ok read(2) into a COW-shared bss page succeeds');
    expect(r.output).toMatch(/vm_cow\[\d+\]: segfault at eip 0x0804[0-9a-f]{4} .*signal 11/);
    expect(r.state).toBe('off');
    expect(r.exitCode).toBe(0);
  }, 300_000);
});
