// kernel-tree-build: the kernel's build over a tree of files in memory, with
// no host dependency. `npm run build:os` (toolchain/kernel-build.ts reads
// the repository into a tree) and the page's "build my kernel" (the worker
// reads the student's /host/kernel and the toolchain bundle's headers) both
// come here, so the same sources give the same kernel byte for byte.
//
// The tree maps repository-relative paths ('kernel/main.c',
// 'userland/include/hako/errno.h') to text. Sources are every kernel/**.c
// and .s, in the order a sorted directory walk gives (entry.s first, so
// _start is the lowest address); include path kernel/, kernel/include, then
// userland/include (the shared ABI headers). With `regenerate`, the
// system-call table's generated files are made again from the tree's
// kernel/syscalls.tbl first (a student who adds a row gets its entry);
// otherwise the tree's kernel/gen files are used as they are.
//
// Invariants: nothing here imports a Node module (test/toolchain/
// kernel-tree-build.test.ts walks the imports); a failure is diagnostics
// (`file:line:col: error: …`), never a throw.

import { assemble, formatDiagnostic } from './as/assemble.ts';
import { compileSourceToObject } from './cc/compile.ts';
import { link } from './ld/link.ts';
import { kernelHeader, kernelTable, parseTable, TableError } from './syscall-table.ts';

export const KERNEL_BASE = 0xc0100000;
export const KERNEL_PHYS_OFFSET = 0xc0000000;
export const KERNEL_INCLUDE_DIRS = ['kernel', 'kernel/include', 'userland/include'];

export interface BuildResult {
  ok: boolean;
  elf?: Uint8Array;
  errors: string[];
  /** Source files in link order (relative to the root). */
  sources: string[];
}

export interface TreeBuildOptions {
  /** Make kernel/gen/syscall_table.{h,c} from the tree's kernel/syscalls.tbl first. */
  regenerate?: boolean;
  /** Macros defined for every C file (as -D would). */
  defines?: Record<string, string>;
}

/** Path components compared one by one: the order of a walk that sorts each directory's names. */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) {
      // a name that is a directory here sorts by its name, as readdir's sorted list has it
      return x[i] < y[i] ? -1 : 1;
    }
  }
  return x.length - y.length;
}

/** The kernel's sources in the tree, in link order. */
export function kernelSources(paths: Iterable<string>): string[] {
  const files = [...paths].filter((p) => p.startsWith('kernel/') && (p.endsWith('.c') || p.endsWith('.s'))).sort(walkOrder);
  files.sort((a, b) => Number(b.endsWith('/entry.s')) - Number(a.endsWith('/entry.s')));
  return files;
}

/** The system-call table's generated kernel files, from the tree's table; a malformed row is its diagnostic. */
function regenerated(tree: ReadonlyMap<string, string>): { ok: true; files: [string, string][] } | { ok: false; error: string } {
  const table = tree.get('kernel/syscalls.tbl');
  if (table === undefined) return { ok: false, error: 'kernel/syscalls.tbl: no such file (the system-call table is part of the kernel\'s sources)' };
  try {
    const rows = parseTable(table, 'kernel/syscalls.tbl');
    return { ok: true, files: [['kernel/gen/syscall_table.h', kernelHeader(rows)], ['kernel/gen/syscall_table.c', kernelTable(rows)]] };
  } catch (e) {
    if (e instanceof TableError) return { ok: false, error: e.message };
    return { ok: false, error: `kernel/syscalls.tbl: ${String((e as Error)?.message ?? e)}` };
  }
}

export function buildKernelTree(input: ReadonlyMap<string, string>, options: TreeBuildOptions = {}): BuildResult {
  let tree = input;
  if (options.regenerate) {
    const gen = regenerated(input);
    if (!gen.ok) return { ok: false, errors: [gen.error], sources: [] };
    tree = new Map([...input, ...gen.files]);
  }
  const sources = kernelSources(tree.keys());
  if (!sources.length) return { ok: false, errors: ['kernel/: no .c or .s files'], sources };
  const readFile = (path: string) => tree.get(path);
  const objects: { name: string; data: Uint8Array }[] = [];
  for (const file of sources) {
    const text = tree.get(file) ?? '';
    if (file.endsWith('.s')) {
      const r = assemble(text, file);
      if (!r.ok) return { ok: false, errors: r.diagnostics.map(formatDiagnostic), sources };
      objects.push({ name: file, data: r.object });
    } else {
      const r = compileSourceToObject(file, text, { includePaths: KERNEL_INCLUDE_DIRS, systemPaths: [], readFile, optimize: true, defines: options.defines });
      if (!r.ok) return { ok: false, errors: [r.diagnostics], sources };
      objects.push({ name: file, data: r.object });
    }
  }
  const l = link(objects, { base: KERNEL_BASE, physOffset: KERNEL_PHYS_OFFSET });
  if (!l.ok) return { ok: false, errors: l.errors.map((e) => `ld: error: ${e}`), sources };
  return { ok: true, elf: l.elf, errors: [], sources };
}

/**
 * The tree the page builds: the kernel's files (paths under 'kernel/', as
 * copied from the guest's /usr/src/kernel) and the ABI headers from the
 * toolchain bundle, whose '/usr/include/…' are the repository's
 * userland/include/… (the guest installs them there).
 */
export function treeWithGuestHeaders(kernelFiles: Iterable<[string, string]>, headers: Record<string, string>, includeDir: string): Map<string, string> {
  const tree = new Map<string, string>();
  const prefix = `${includeDir.replace(/\/$/, '')}/`;
  for (const [path, text] of Object.entries(headers)) if (path.startsWith(prefix)) tree.set(`userland/include/${path.slice(prefix.length)}`, text);
  for (const [path, text] of kernelFiles) tree.set(path, text);
  return tree;
}
