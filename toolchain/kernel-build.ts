// kernel-build: build/kernel.elf from kernel/ — the kernel's whole build.
//
// Steps: check that the committed system-call table (kernel/gen/, made by
// `npm run gen` from kernel/syscalls.tbl) is up to date — the build never
// writes into the source tree, so a stale one is an error naming the
// command; read kernel/** and userland/include's headers into a tree and
// build it with toolchain/kernel-tree-build.ts (the same code the page's
// worker runs on a student's edited sources): every kernel/**/*.c compiled
// with our C compiler (-O) and every kernel/**/*.s assembled, in a fixed
// (sorted) order so the image is reproducible, linked at 0xC0100000 with
// physical = virtual − 0xC0000000 (docs/architecture.md); write
// build/kernel.elf. Include path: kernel/ (for "gen/…"), kernel/include,
// then userland/include for the shared ABI headers (hako/errno.h, …) —
// never libc's other headers.
//
// Diagnostics are the tools' own `file:line:col: error: …`; the build stops
// after the first file with errors. Usage: tsx toolchain/kernel-build.ts [-o OUT]

import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleGenerated } from './gen-syscalls.ts';
import { staleKdebug } from './gen-kdebug.ts';
import { buildKernelTree, type BuildResult, type TreeBuildOptions } from './kernel-tree-build.ts';

export { KERNEL_BASE, KERNEL_PHYS_OFFSET, type BuildResult } from './kernel-tree-build.ts';

/** Every file under `dir`, relative to `root`, with its text (directories walked in sorted order). */
function readTree(root: string, dir: string, into: Map<string, string>, keep: (name: string) => boolean): void {
  for (const name of readdirSync(join(root, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) readTree(root, rel, into, keep);
    else if (keep(name)) into.set(rel, readFileSync(join(root, rel), 'utf8'));
  }
}

/** The kernel's build inputs as a tree: kernel/** and the ABI headers of userland/include. */
export function kernelTree(root: string): Map<string, string> {
  const tree = new Map<string, string>();
  readTree(root, 'kernel', tree, () => true);
  readTree(root, 'userland/include', tree, (name) => name.endsWith('.h'));
  return tree;
}

/**
 * The kernel of the checkout at `root`. The generated files must be current
 * (the build never writes into the source tree: a stale one is an error
 * naming the command); then toolchain/kernel-tree-build.ts does the work.
 */
export async function buildKernel(root: string, options: TreeBuildOptions = {}): Promise<BuildResult> {
  const stale = [...staleGenerated(root), ...staleKdebug(root, true)];
  if (stale.length) return { ok: false, errors: stale, sources: [] };
  return buildKernelTree(kernelTree(root), options);
}

async function main(): Promise<number> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const oi = args.indexOf('-o');
  const out = oi >= 0 ? args[oi + 1] : join(root, 'build/kernel.elf');
  const r = await buildKernel(root);
  if (!r.ok || !r.elf) {
    for (const e of r.errors) process.stderr.write(`${e}\n`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, r.elf);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => process.exit(code), (e) => {
    process.stderr.write(`kernel-build: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
