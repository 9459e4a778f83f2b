// kernel-build: build/kernel.elf from kernel/ — the kernel's whole build.
//
// Steps: check that the committed system-call table (kernel/gen/, made by
// `npm run gen` from kernel/syscalls.tbl) is up to date — the build never
// writes into the source tree, so a stale one is an error naming the
// command; compile every kernel/**/*.c with our C compiler and assemble every
// kernel/**/*.s with our assembler, in a fixed (sorted) order so the image
// is reproducible; link at 0xC0100000 with physical = virtual − 0xC0000000
// (docs/architecture.md); write build/kernel.elf. Include path: kernel/ (for
// "gen/…"), kernel/include, then userland/include for the shared ABI headers
// (hako/errno.h, hako/fcntl.h, hako/bootinfo.h) — never libc's other headers.
//
// Diagnostics are the tools' own `file:line:col: error: …`; the build stops
// after the first file with errors. Usage: tsx toolchain/kernel-build.ts [-o OUT]

import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, formatDiagnostic } from './as/assemble.ts';
import { link } from './ld/link.ts';
import { staleGenerated } from './gen-syscalls.ts';
import { staleKdebug } from './gen-kdebug.ts';
import { compileToObject } from './cc/driver.ts';

export const KERNEL_BASE = 0xc0100000;
export const KERNEL_PHYS_OFFSET = 0xc0000000;

export interface BuildResult {
  ok: boolean;
  elf?: Uint8Array;
  errors: string[];
  /** Source files in link order (relative to the root). */
  sources: string[];
}

/** What the build needs from the C compiler: one translation unit to an ELF object. */
export type CompileC = (source: string, file: string, includeDirs: string[]) =>
  { ok: true; object: Uint8Array } | { ok: false; errors: string[] };

function listSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listSources(p, out);
    else if (name.endsWith('.c') || name.endsWith('.s')) out.push(p);
  }
  return out;
}

/** Our C compiler (toolchain/cc) with the kernel's include path, no libc headers, and -O (INLINE helpers inlined). */
export function ourCompiler(): CompileC {
  return (source, file, includeDirs) => {
    const r = compileToObject(file, source, { includePaths: includeDirs, systemPaths: [], optimize: true });
    return r.ok ? { ok: true, object: r.object } : { ok: false, errors: [r.diagnostics] };
  };
}

export async function buildKernel(root: string, compileC: CompileC = ourCompiler()): Promise<BuildResult> {
  const errors: string[] = [];
  const stale = [...staleGenerated(root), ...staleKdebug(root, true)];
  if (stale.length) return { ok: false, errors: stale, sources: [] };
  const cc = compileC;
  const includeDirs = [join(root, 'kernel'), join(root, 'kernel/include'), join(root, 'userland/include')];
  const files = listSources(join(root, 'kernel'));
  // entry.s first: not required by the linker (the entry is _start), but it
  // keeps _start at the lowest kernel address, which makes dumps readable.
  files.sort((a, b) => Number(b.endsWith('/entry.s')) - Number(a.endsWith('/entry.s')));
  const objects: { name: string; data: Uint8Array }[] = [];
  const sources = files.map((f) => relative(root, f));
  for (const f of files) {
    const rel = relative(root, f);
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.s')) {
      const r = assemble(text, rel);
      if (!r.ok) return { ok: false, errors: r.diagnostics.map(formatDiagnostic), sources };
      objects.push({ name: rel, data: r.object });
    } else {
      const r = cc(text, rel, includeDirs);
      if (!r.ok) return { ok: false, errors: r.errors, sources };
      objects.push({ name: rel, data: r.object });
    }
  }
  const l = link(objects, { base: KERNEL_BASE, physOffset: KERNEL_PHYS_OFFSET });
  if (!l.ok) {
    errors.push(...l.errors.map((e) => `ld: error: ${e}`));
    return { ok: false, errors, sources };
  }
  return { ok: true, elf: l.elf, errors, sources };
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
