// userland-build: every program of the root disk, compiled by our own C
// compiler and linked with crt0 + libc for the OS, handed to the disk build
// (toolchain/os-build.ts) as files for /bin and /sbin.
//
// Owns: which sources make which program, and the object cache.
//   userland/bin/NAME.c        → /bin/NAME   (one file per utility)
//   userland/bin/NAME/*.c, *.s → /bin/NAME   (a program split by concept: sh, sed)
//   userland/sbin/NAME.c       → /sbin/NAME  (init)
//   userland/usertests/*.c, *.s → /bin/usertests
//   ALIASES: a second name for a program (/bin/[ is /bin/test)
//   userland/bin/lib/*.c       → ulib.a, linked into every program after libc:
//     helpers shared by the programs (POSIX calls live in libc's
//     userland/lib/sys/hako/); libc is searched first.
// Include path: userland/bin/lib (the helpers' headers), then libc's.
// Objects are cached under build/userland-cache by a hash of the source, the
// headers and the compiler, so a rebuild after one edit compiles one file.
// Invariant: nothing throws for bad sources; errors are the tools'
// `file:line:col: error: …` lines.
//
// Usage: tsx toolchain/userland-build.ts [--out DIR]  (writes the programs
// into DIR, for looking at them with readelf/objdump).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleText, compileToObject, runtimeFor } from './cc/driver.ts';
import { createArchive } from './ld/archive.ts';
import { link } from './ld/link.ts';
import type { GuestFile } from './os-build.ts';

/** Programs installed under a second name as well (the program looks at argv[0]). */
export const ALIASES: { alias: string; of: string }[] = [
  { alias: '/bin/[', of: '/bin/test' },
  { alias: '/bin/swapoff', of: '/bin/swapon' },
  { alias: '/bin/hexdump', of: '/bin/od' },
  { alias: '/bin/more', of: '/bin/less' },
];

export interface UserlandProgram {
  guestPath: string;
  sources: string[];
}

export interface UserlandBuild {
  ok: boolean;
  files: GuestFile[];
  errors: string[];
}

function cSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => join(dir, f));
}

/** A multi-file program's sources: its C files and assembly files. */
function programSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.c') || f.endsWith('.s')).sort().map((f) => join(dir, f));
}

/** The programs under userland/ and the sources of each (see the header). */
export function listPrograms(root: string): UserlandProgram[] {
  const out: UserlandProgram[] = [];
  const bin = join(root, 'userland/bin');
  if (existsSync(bin)) {
    for (const name of readdirSync(bin).sort()) {
      const p = join(bin, name);
      if (name === 'lib') continue;
      if (statSync(p).isDirectory()) {
        const srcs = programSources(p);
        if (srcs.length) out.push({ guestPath: `/bin/${name}`, sources: srcs });
      } else if (name.endsWith('.c')) {
        out.push({ guestPath: `/bin/${name.slice(0, -2)}`, sources: [p] });
      }
    }
  }
  for (const p of cSources(join(root, 'userland/sbin'))) out.push({ guestPath: `/sbin/${basename(p, '.c')}`, sources: [p] });
  const tests = programSources(join(root, 'userland/usertests'));
  if (tests.length) out.push({ guestPath: '/bin/usertests', sources: tests });
  return out;
}

let fingerprint: string | undefined;

/** Hash of what changes an object besides its source: compiler, assembler, headers. */
function toolFingerprint(root: string): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256');
  const add = (dir: string, test: (f: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
      const p = join(dir, f);
      if (test(f) && statSync(p).isFile()) { h.update(f); h.update(readFileSync(p)); }
    }
  };
  add(join(root, 'toolchain/cc'), (f) => f.endsWith('.ts'));
  add(join(root, 'toolchain/as'), (f) => f.endsWith('.ts'));
  add(join(root, 'isa'), (f) => f.endsWith('.ts'));
  add(join(root, 'userland'), (f) => f.endsWith('.h'));
  fingerprint = h.digest('hex');
  return fingerprint;
}

function compileCached(root: string, path: string): { ok: true; object: Uint8Array } | { ok: false; error: string } {
  const text = readFileSync(path, 'utf8');
  const key = createHash('sha256').update(toolFingerprint(root)).update(relative(root, path)).update('\0').update(text).digest('hex').slice(0, 32);
  const dir = join(root, 'build/userland-cache');
  const file = join(dir, `${key}.o`);
  if (existsSync(file)) return { ok: true, object: new Uint8Array(readFileSync(file)) };
  const r = path.endsWith('.s')
    ? assembleText(text, relative(root, path))
    : compileToObject(relative(root, path), text, { includePaths: [join(root, 'userland/bin/lib'), dirname(path)] });
  if (!r.ok) return { ok: false, error: r.diagnostics };
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.tmp${process.pid}`;
    writeFileSync(tmp, r.object);
    renameSync(tmp, file); // concurrent builds see whole files only
  } catch {
    // a cache we cannot write only costs time
  }
  return { ok: true, object: r.object };
}

/** Builds every program; `only` limits it to some guest paths (tests). */
export function buildUserland(root: string, only?: string[]): UserlandBuild {
  const errors: string[] = [];
  const rt = runtimeFor('hako');
  if (!rt.ok) return { ok: false, files: [], errors: [rt.error] };
  const ulibMembers: { name: string; data: Uint8Array }[] = [];
  for (const p of cSources(join(root, 'userland/bin/lib'))) {
    const r = compileCached(root, p);
    if (r.ok) ulibMembers.push({ name: basename(p, '.c') + '.o', data: r.object });
    else errors.push(r.error);
  }
  if (errors.length) return { ok: false, files: [], errors };
  const ulib = createArchive(ulibMembers);
  const files: GuestFile[] = [];
  for (const prog of listPrograms(root)) {
    if (only && !only.includes(prog.guestPath)) continue;
    const objects: { name: string; data: Uint8Array }[] = [];
    let failed = false;
    for (const src of prog.sources) {
      const r = compileCached(root, src);
      if (r.ok) objects.push({ name: relative(root, src).replace(/\.[cs]$/, '.o'), data: r.object });
      else { errors.push(r.error); failed = true; }
    }
    if (failed) continue;
    const linked = link([
      { name: 'crt0.o', data: rt.runtime.crt0 },
      ...objects,
      { name: 'libc.a', data: rt.runtime.libc },
      { name: 'ulib.a', data: ulib },
    ], {});
    if (!linked.ok) {
      errors.push(...linked.errors.map((e) => `ld: error: ${prog.guestPath}: ${e}`));
      continue;
    }
    files.push({ guestPath: prog.guestPath, data: linked.elf, mode: 0o755 });
    for (const a of ALIASES) if (a.of === prog.guestPath) files.push({ guestPath: a.alias, data: linked.elf, mode: 0o755 });
  }
  return { ok: errors.length === 0, files, errors };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outAt = process.argv.indexOf('--out');
  const r = buildUserland(root);
  for (const e of r.errors) process.stderr.write(`${e}\n`);
  if (outAt > 0 && process.argv[outAt + 1]) {
    for (const f of r.files) {
      const p = join(process.argv[outAt + 1], f.guestPath);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.data, { mode: f.mode });
    }
  }
  process.stdout.write(`userland: ${r.files.length} programs${r.ok ? '' : `, ${r.errors.length} errors`}\n`);
  process.exit(r.ok ? 0 : 1);
}
