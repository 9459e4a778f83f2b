// Builds the kernel tests' user programs (test/kernel/progs) with our own
// toolchain — cc for C, as for crt0.s and the generated system-call stubs,
// ld at the default user base — and a root disk holding them (toolchain/mkfs).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileToObject, linkProgram } from '../../toolchain/cc/driver.ts';
import { assemble, formatDiagnostic } from '../../toolchain/as/assemble.ts';
import { link } from '../../toolchain/ld/link.ts';
import { buildExt2, type FsEntry } from '../../toolchain/mkfs/build.ts';
import { ROOT } from './harness.ts';

const PROGS = join(ROOT, 'test/kernel/progs');

function asm(path: string): Uint8Array {
  const r = assemble(readFileSync(path, 'utf8'), path);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.object;
}

export function buildProgram(name: string): Uint8Array {
  const file = join(PROGS, `${name}.c`);
  const obj = compileToObject(file, readFileSync(file, 'utf8'), { includePaths: [PROGS], systemPaths: [] });
  if (!obj.ok) throw new Error(obj.diagnostics);
  const r = link([
    { name: 'crt0.o', data: asm(join(PROGS, 'crt0.s')) },
    { name: `${name}.o`, data: obj.object },
    { name: 'syscalls.o', data: asm(join(ROOT, 'userland/lib/sys/hako/syscalls.s')) },
    { name: 'hostile.o', data: asm(join(PROGS, 'hostile.s')) },
    { name: 'clone.o', data: asm(join(ROOT, 'userland/lib/sys/hako/clone.s')) },
  ], {});
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.elf;
}

/** A program on our libc (crt0 + libc.a for the OS) plus the test glue. */
export function buildLibcProgram(name: string): Uint8Array | null {
  const objects = [name, 'libc_glue'].map((n) => {
    const file = join(PROGS, `${n}.c`);
    const obj = compileToObject(file, readFileSync(file, 'utf8'), { includePaths: [PROGS] });
    if (!obj.ok) throw new Error(obj.diagnostics);
    return { name: `${n}.o`, data: obj.object };
  });
  const r = linkProgram(objects, 'hako');
  if (!r.ok) throw new Error(r.error);
  return r.elf;
}

export const DISK_MIB = 8;   // room for the 4 MiB benchmark file

export function testDisk(extra: FsEntry[] = []): Uint8Array {
  const entries: FsEntry[] = [
    { type: 'dir', path: '/bin', mode: 0o755 },
    { type: 'dir', path: '/sbin', mode: 0o755 },
    { type: 'dir', path: '/etc', mode: 0o755 },
    { type: 'dir', path: '/tmp', mode: 0o1777 },
    { type: 'dir', path: '/dev', mode: 0o755 },
    { type: 'dir', path: '/proc', mode: 0o555 },
    { type: 'chardev', path: '/dev/console', major: 5, minor: 1, mode: 0o600 },
    { type: 'chardev', path: '/dev/null', major: 1, minor: 3, mode: 0o666 },
    { type: 'file', path: '/etc/motd', data: 'Welcome to Hako\n', mode: 0o644 },
    { type: 'file', path: '/etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\n', mode: 0o644 },
    { type: 'file', path: '/sbin/init', data: buildProgram('init'), mode: 0o755 },
    { type: 'file', path: '/sbin/init2', data: buildProgram('init2'), mode: 0o755 },
    { type: 'file', path: '/sbin/bench', data: buildProgram('bench'), mode: 0o755 },
    { type: 'file', path: '/bin/true', data: buildProgram('true'), mode: 0o755 },
    { type: 'file', path: '/bin/crash', data: buildProgram('crash'), mode: 0o755 },
    { type: 'file', path: '/bin/hello', data: buildLibcProgram('hello')!, mode: 0o755 },
    { type: 'file', path: '/bin/echoargs', data: buildProgram('echoargs'), mode: 0o755 },
    // An ELF header that claims 40 program headers: hostile input.
    { type: 'file', path: '/bin/bad.elf', data: badElf(), mode: 0o755 },
    ...extra,
  ];
  return buildExt2({ entries }, { sizeBytes: DISK_MIB << 20, time: 1764000000 });
}

function badElf(): Uint8Array {
  const b = new Uint8Array(128);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  const v = new DataView(b.buffer);
  v.setUint16(16, 2, true);       // ET_EXEC
  v.setUint16(18, 0x4b48, true);  // EM_HAKO
  v.setUint32(24, 0x08048000, true);
  v.setUint32(28, 52, true);      // phoff
  v.setUint16(42, 32, true);      // phentsize
  v.setUint16(44, 40, true);      // phnum: too many
  return b;
}
