// gen-syscalls: one table of system calls (kernel/syscalls.tbl) → the
// kernel's dispatch table and libc's int 0x80 stubs, like xv6's usys.pl.
//
// Outputs (all generated, never edited by hand):
//   kernel/gen/syscall_table.h  __NR_* numbers, NR_SYSCALLS, handler prototypes
//   kernel/gen/syscall_table.c  syscall_table[] (handler or 0 for every number
//                               below NR_SYSCALLS), syscall_names[], syscall_nargs[]
//   userland/lib/sys/hako/syscalls.s  `__sys_<name>` (raw: returns -errno) for
//                               every call, `<name>` (sets errno, returns -1)
//                               for rows of kind `libc`
//   userland/bin/strace/table.gen.c  strace's decoding table: each call's name
//                               and the kind of each argument, derived from its
//                               C declaration (argKind), and the errno names
//                               of userland/include/hako/errno.h
// Invariants: numbers are unique and ascending is not required; a row has at
// most six parameters (ebx ecx edx esi edi ebp); a malformed row is a
// `file:line:col: error:` diagnostic and exit status 1.
//
// The outputs are committed. Generation is an explicit step, `npm run gen`,
// run after editing the table; builds and tests only read the committed
// files and refuse to go on when they differ from the table (staleGenerated),
// naming GEN_COMMAND, so nothing but this command ever writes them.
//
// Usage: tsx toolchain/gen-syscalls.ts [--check]   (--check: exit 1 if the
// generated files on disk are stale instead of writing them)

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { HEADER, kernelHeader, kernelTable, libcStubs, parseTable, TableError, type SyscallRow } from './syscall-table.ts';

export { kernelHeader, kernelTable, libcStubs, parseTable, TableError };
export type { SyscallRow } from './syscall-table.ts';

/**
 * How strace shows one parameter, from its declaration alone (the type, and
 * the name where the type says too little): the K_* names of
 * userland/bin/strace/strace.h. Calls whose flags need symbolic decoding are
 * special-cased there by name, on top of this kind.
 */
export function argKind(param: string, next: string | undefined): string {
  const decl = param.replace(/\s+/g, ' ').trim();
  const name = /(\w+)\s*$/.exec(decl)?.[1] ?? '';
  const ptr = decl.includes('*');
  if (/char \*const \*/.test(decl)) return 'K_ARGV';
  if (/^const char \*/.test(decl)) return 'K_STR';
  if (/^const void \*/.test(decl) && next && /\b(count|len|size|n)\s*$/.test(next)) return 'K_BUF_IN';
  if (/^(void|char) \*/.test(decl) && (name === 'buf') && next && /\b(count|size)\s*$/.test(next)) return 'K_BUF_OUT';
  if (/struct stat(64)? \*/.test(decl) && !decl.startsWith('const')) return 'K_STAT_OUT';
  if (/^const struct timespec \*/.test(decl)) return 'K_TIMESPEC';
  if (/struct pollfd \*/.test(decl)) return 'K_POLLFD';
  if (/^int \*status$/.test(decl)) return 'K_WSTATUS_OUT';
  if (/^int \*fds$/.test(decl)) return 'K_FDPAIR_OUT';
  if (ptr) return 'K_PTR';
  if (/^int (fd|dirfd|newfd|oldfd|olddirfd|newdirfd|epfd)$/.test(decl)) return 'K_FD';
  if (/^int sig$/.test(decl)) return 'K_SIGNAL';
  if (/^u32 (addr|newsp|tls|brk|start)$/.test(decl)) return 'K_PTR';
  if (/^u32 /.test(decl)) return 'K_UINT';
  return 'K_INT';
}

/** The E* names of hako/errno.h, by number. */
export function errnoNames(header: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of header.matchAll(/^#define\s+(E[A-Z0-9]+)\s+(\d+)/gm)) if (!out.has(Number(m[2]))) out.set(Number(m[2]), m[1]);
  return out;
}

export function straceTable(rows: SyscallRow[], errnos: Map<number, string>): string {
  const max = Math.max(...rows.map((r) => r.nr));
  const byNr = new Map(rows.map((r) => [r.nr, r]));
  const out = [
    `/* ${HEADER}`,
    ' * (and userland/include/hako/errno.h). strace decodes a call with sc_table[nr]: its',
    ' * name and the kind of each argument (strace.h). */',
    '#include "strace.h"',
    '',
    `const int sc_count = ${max + 1};`,
    '',
    'const struct sc_info sc_table[] = {',
  ];
  for (let nr = 0; nr <= max; nr++) {
    const r = byNr.get(nr);
    if (!r) {
      out.push(`  {0, 0, {0, 0, 0, 0, 0, 0}},  /* ${nr} */`);
      continue;
    }
    const kinds = r.params.map((p, i) => argKind(p, r.params[i + 1]));
    while (kinds.length < 6) kinds.push('0');
    out.push(`  {"${r.name}", ${r.params.length}, {${kinds.join(', ')}}},  /* ${nr} */`);
  }
  out.push('};', '');
  const maxErr = Math.max(...errnos.keys());
  out.push(`const int errno_name_count = ${maxErr + 1};`, '', 'const char *const errno_names[] = {');
  for (let e = 0; e <= maxErr; e++) out.push(`  ${errnos.has(e) ? `"${errnos.get(e)}"` : '0'},`);
  out.push('};', '');
  return out.join('\n');
}

export interface Generated {
  path: string;
  text: string;
}

export function generate(root: string): Generated[] {
  const tbl = join(root, 'kernel/syscalls.tbl');
  const rows = parseTable(readFileSync(tbl, 'utf8'), 'kernel/syscalls.tbl');
  return [
    { path: join(root, 'kernel/gen/syscall_table.h'), text: kernelHeader(rows) },
    { path: join(root, 'kernel/gen/syscall_table.c'), text: kernelTable(rows) },
    { path: join(root, 'userland/lib/sys/hako/syscalls.s'), text: libcStubs(rows) },
    {
      path: join(root, 'userland/bin/strace/table.gen.c'),
      text: straceTable(rows, errnoNames(readFileSync(join(root, 'userland/include/hako/errno.h'), 'utf8'))),
    },
  ];
}

/** What a developer runs to bring the generated files up to date. */
export const GEN_COMMAND = 'npm run gen';

/**
 * The generated files (relative to root) whose committed text differs from
 * what kernel/syscalls.tbl generates; each as a one-line message naming
 * GEN_COMMAND. Reads only. A malformed table is its TableError's message.
 */
export function staleGenerated(root: string): string[] {
  let files: Generated[];
  try {
    files = generate(root);
  } catch (e) {
    if (e instanceof TableError) return [e.message];
    throw e;
  }
  return files
    .filter((f) => !existsSync(f.path) || readFileSync(f.path, 'utf8') !== f.text)
    .map((f) => `${relative(root, f.path)}: out of date with kernel/syscalls.tbl; run \`${GEN_COMMAND}\` and commit the result`);
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const check = process.argv.includes('--check');
  let files: Generated[];
  try {
    files = generate(root);
  } catch (e) {
    if (e instanceof TableError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  let stale = 0;
  for (const f of files) {
    const old = existsSync(f.path) ? readFileSync(f.path, 'utf8') : '';
    if (old === f.text) continue;
    if (check) {
      console.error(`${relative(root, f.path)}: out of date with kernel/syscalls.tbl; run \`${GEN_COMMAND}\``);
      stale++;
    } else {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.text);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
