// The kernel's build over a tree in memory (toolchain/kernel-tree-build.ts):
// what the page's worker runs on a student's /host/kernel. It imports no
// Node module; the kernel sources the disk image carries (/usr/src/kernel)
// with the editor's header bundle build the shipped kernel byte for byte; a
// new system-call row is regenerated into the build; errors are positioned.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKernelTree, kernelSources, treeWithGuestHeaders } from '../../toolchain/kernel-tree-build.ts';
import { buildKernel, kernelTree } from '../../toolchain/kernel-build.ts';
import { ROOT, toolchainBundle } from '../../toolchain/cc/driver.ts';
import { KERNEL_SOURCE_DIR, rootDescription } from '../../toolchain/os-build.ts';
import { importClosure, nodeOffenders } from './import-closure.ts';

function bundle() {
  const b = toolchainBundle();
  if (!b.ok) throw new Error(b.error);
  return b.bundle;
}

/** kernel/** as the disk image has it under /usr/src/kernel. */
function imageKernelFiles(): [string, string][] {
  const out: [string, string][] = [];
  for (const e of rootDescription().entries) {
    if (e.type !== 'file' || !e.path.startsWith(`${KERNEL_SOURCE_DIR}/`)) continue;
    const text = typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data);
    out.push([`kernel/${e.path.slice(KERNEL_SOURCE_DIR.length + 1)}`, text]);
  }
  return out;
}

const names = (elf: Uint8Array) => new TextDecoder('latin1').decode(elf);

describe('the kernel built from a tree in memory', () => {
  it('imports no Node module and uses no Node global', () => {
    const closure = importClosure(join(ROOT, 'toolchain/kernel-tree-build.ts'));
    expect(closure.has(join(ROOT, 'toolchain/syscall-table.ts'))).toBe(true);
    expect(nodeOffenders(closure, ROOT)).toEqual([]);
  });

  it('orders sources as a sorted directory walk, entry.s first', () => {
    expect(kernelSources(['kernel/fs/ext2.c', 'kernel/fs/ext2/a.c', 'kernel/a.c', 'kernel/entry.s', 'kernel/z.s', 'kernel/syscalls.tbl', 'userland/x.c']))
      .toEqual(['kernel/entry.s', 'kernel/a.c', 'kernel/fs/ext2/a.c', 'kernel/fs/ext2.c', 'kernel/z.s']);
  });

  it('builds the shipped kernel byte for byte from the image\'s /usr/src/kernel and the editor\'s headers', async () => {
    const shipped = await buildKernel(ROOT);
    if (!shipped.ok) throw new Error(shipped.errors.join('\n'));
    const b = bundle();
    const files = imageKernelFiles();
    expect(files.length).toBe([...kernelTree(ROOT).keys()].filter((p) => p.startsWith('kernel/')).length);
    const inPage = buildKernelTree(treeWithGuestHeaders(files, b.headers, b.includeDir), { regenerate: true });
    if (!inPage.ok) throw new Error(inPage.errors.join('\n'));
    expect(inPage.sources).toEqual(shipped.sources);
    expect(Buffer.from(inPage.elf!).equals(Buffer.from(shipped.elf!))).toBe(true);
  }, 120_000);

  it('regenerates the system-call table from an edited kernel/syscalls.tbl, and refuses a bad row at its line', () => {
    const tree = kernelTree(ROOT);
    tree.set('kernel/syscalls.tbl', `${tree.get('kernel/syscalls.tbl')}500   hello_lab     libc  void\n`);
    tree.set('kernel/sys/hello_lab.c', 'int sys_hello_lab(void) { return 42; }\n');
    // the kernel's syscall_names[] holds "hello_lab" (a string of its own; the handler's symbol is sys_hello_lab)
    const asName = '\0hello_lab\0';
    const asIs = buildKernelTree(tree);
    if (!asIs.ok) throw new Error(asIs.errors.join('\n'));
    expect(names(asIs.elf!)).not.toContain(asName);
    const built = buildKernelTree(tree, { regenerate: true });
    if (!built.ok) throw new Error(built.errors.join('\n'));
    expect(names(built.elf!)).toContain(asName);
    const lines = tree.get('kernel/syscalls.tbl')!.split('\n').length;
    tree.set('kernel/syscalls.tbl', `${tree.get('kernel/syscalls.tbl')}x12 bad libc void\n`);
    const bad = buildKernelTree(tree, { regenerate: true });
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toBe(`kernel/syscalls.tbl:${lines}:1: error: bad syscall number 'x12'`);
  }, 120_000);

  it('stops at the first C error with its file:line:col', () => {
    const tree = kernelTree(ROOT);
    tree.set('kernel/main.c', tree.get('kernel/main.c')!.replace('boot_info.ram_bytes >> 20);', 'boot_info.ram_bytes >> );'));
    const r = buildKernelTree(tree);
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/^kernel\/main\.c:\d+:\d+: error: /);
  }, 120_000);
});
