// The compiler driver: the pipeline of compile.ts (preprocess → parse →
// codegen → assemble → link, every failure as `file:line:col: error: …`
// text) bound to the host's file system, plus the libc build: the objects
// of userland/lib for the bare machine or the OS, cached under
// build/cc-cache keyed by a hash of the compiler, the headers and each
// source, so a test suite compiles libc once; and the toolchain bundle the
// page's editor compiles with (headers + the OS runtime, toolchainBundle()).
// Invariant: nothing here throws for bad input; results say ok or not.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArchive } from '../ld/archive.ts';
import { assembleText, compileSource, compileSourceToObject, linkWithRuntime, type CompileResult, type ObjectResult, type Runtime, type Target, type ToolchainBundle } from './compile.ts';

export { assembleText, type CompileResult, type ObjectResult, type Runtime, type Target };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SYSTEM_INCLUDE = join(ROOT, 'userland/include');
const LIB_DIR = join(ROOT, 'userland/lib');
const CACHE_DIR = join(ROOT, 'build/cc-cache');

export interface CompileOptions {
  includePaths?: string[];
  defines?: Record<string, string>;
  /** Default: userland/include. */
  systemPaths?: string[];
  /** Default: the file system. */
  readFile?: (path: string) => string | undefined;
  /** -O: inline small static inline functions (inline.ts). */
  optimize?: boolean;
  /** -fescape: report each local whose address escapes its function (escape.ts). */
  escape?: boolean;
}

export function readTextFile(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const withDefaults = (options: CompileOptions) => ({
  ...options, systemPaths: options.systemPaths ?? [SYSTEM_INCLUDE], readFile: options.readFile ?? readTextFile,
});

/** C source text to assembly text (the pipeline is compile.ts's; this adds the file system). */
export function compileToAsm(file: string, text: string, options: CompileOptions = {}): CompileResult {
  return compileSource(file, text, withDefaults(options));
}

/** C source text to an ELF relocatable object. */
export function compileToObject(file: string, text: string, options: CompileOptions = {}): ObjectResult {
  return compileSourceToObject(file, text, withDefaults(options));
}

// ---- libc ------------------------------------------------------------------------------

let compilerHash: string | undefined;

/** Hash of everything that changes compiled output: the compiler, the assembler and all headers. */
function toolchainFingerprint(): string {
  if (compilerHash) return compilerHash;
  const h = createHash('sha256');
  const add = (dir: string, test: (f: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
      const p = join(dir, f);
      if (test(f) && statSync(p).isFile()) { h.update(p); h.update(readFileSync(p)); }
    }
  };
  add(join(ROOT, 'toolchain/cc'), (f) => f.endsWith('.ts'));
  add(join(ROOT, 'toolchain/as'), (f) => f.endsWith('.ts'));
  add(join(ROOT, 'isa'), (f) => f.endsWith('.ts'));
  add(join(ROOT, 'userland'), (f) => f.endsWith('.h'));
  compilerHash = h.digest('hex').slice(0, 16);
  return compilerHash;
}

function cached(key: string, ext: string, make: () => Uint8Array): Uint8Array {
  const name = createHash('sha256').update(toolchainFingerprint()).update(key).digest('hex').slice(0, 24) + ext;
  const path = join(CACHE_DIR, name);
  const hit = existsSync(path) ? readFileSync(path) : undefined;
  if (hit) return new Uint8Array(hit);
  const data = make();
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(path + '.tmp' + process.pid, data);
    // Renaming makes concurrent test workers see whole files only.
    renameSync(path + '.tmp' + process.pid, path);
  } catch {
    // A cache we cannot write only costs time.
  }
  return data;
}

class BuildError extends Error {}

/** Compiles (or assembles) one libc source file, through the cache. */
function buildSource(path: string): Uint8Array {
  const text = readFileSync(path, 'utf8');
  return cached(path + '\0' + text, '.o', () => {
    const r = path.endsWith('.s') ? assembleText(text, path) : compileToObject(path, text, {});
    if (!r.ok) throw new BuildError(`cc: error: building the C library failed:\n${r.diagnostics}`);
    return r.object;
  });
}

const runtimes = new Map<Target, Runtime>();

/** crt0 and libc for the bare machine or the OS, built once and cached. */
export function runtimeFor(target: Target): { ok: true; runtime: Runtime } | { ok: false; error: string } {
  const have = runtimes.get(target);
  if (have) return { ok: true, runtime: have };
  const sysDir = join(LIB_DIR, 'sys', target);
  const crt0Path = join(sysDir, 'crt0.s');
  if (!existsSync(crt0Path)) {
    return { ok: false, error: `cc: error: the ${target === 'hako' ? 'OS' : 'bare-machine'} system layer has no crt0 yet (${crt0Path})` };
  }
  const sources = [
    ...readdirSync(LIB_DIR).filter((f) => f.endsWith('.c') || f.endsWith('.s')).map((f) => join(LIB_DIR, f)),
    ...readdirSync(sysDir).filter((f) => (f.endsWith('.c') || f.endsWith('.s')) && f !== 'crt0.s').map((f) => join(sysDir, f)),
  ].sort();
  try {
    const crt0 = buildSource(crt0Path);
    const members = sources.map((p) => ({ name: p.slice(p.lastIndexOf('/') + 1).replace(/\.[cs]$/, '.o'), data: buildSource(p) }));
    const runtime = { crt0, libc: createArchive(members) };
    runtimes.set(target, runtime);
    return { ok: true, runtime };
  } catch (e) {
    if (e instanceof BuildError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Links objects with crt0 and libc into an executable for the target. */
export function linkProgram(objects: { name: string; data: Uint8Array }[], target: Target): { ok: true; elf: Uint8Array } | { ok: false; error: string } {
  const rt = runtimeFor(target);
  if (!rt.ok) return rt;
  return linkWithRuntime(objects, rt.runtime, target);
}

/** Builds a C file for the bare machine: compile, then link with crt0 and libc. */
export function buildBare(file: string, text: string, options: CompileOptions = {}): { ok: true; elf: Uint8Array } | { ok: false; error: string } {
  const obj = compileToObject(file, text, options);
  if (!obj.ok) return { ok: false, error: obj.diagnostics };
  return linkProgram([{ name: file.replace(/\.c$/, '.o'), data: obj.object }], 'bare');
}

/** Every header under userland/include by its path in the guest (/usr/include/…), for an in-memory build. */
export function includeTree(): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const f of readdirSync(SYSTEM_INCLUDE, { recursive: true }).map(String).sort()) {
    const p = join(SYSTEM_INCLUDE, f);
    if (f.endsWith('.h') && statSync(p).isFile()) headers[`${GUEST_INCLUDE}/${f}`] = readFileSync(p, 'utf8');
  }
  return headers;
}

/** Where the headers sit for an in-memory build (as in the guest's image). */
export const GUEST_INCLUDE = '/usr/include';

/** Headers and the OS runtime as one bundle: what the page fetches to compile in a worker. */
export function toolchainBundle(): { ok: true; bundle: ToolchainBundle } | { ok: false; error: string } {
  const rt = runtimeFor('hako');
  if (!rt.ok) return rt;
  return { ok: true, bundle: { includeDir: GUEST_INCLUDE, headers: includeTree(), runtime: rt.runtime } };
}
