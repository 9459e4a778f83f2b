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

import { kernelHeader, kernelTable, libcStubs, parseTable, TableError } from './syscall-table.ts';

export { kernelHeader, kernelTable, libcStubs, parseTable, TableError };
export type { SyscallRow } from './syscall-table.ts';

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
