// The compiler driver: C source to assembly, objects, executables, and runs
// on the bare machine.
//
// Owns the pipeline (preprocess → parse → codegen → assemble → link), the
// translation of every failure into `file:line:col: error: …` text (an
// internal error becomes "internal compiler error" at the last position the
// compiler was working on, never a stack trace; running out of host stack
// on a deeply nested program is a positioned error, not an internal one),
// and the libc build: the
// objects of userland/lib for the bare machine or the OS, cached under
// build/cc-cache keyed by a hash of the compiler, the headers and each
// source, so a test suite compiles libc once.
// Invariant: nothing here throws for bad input; results say ok or not.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, formatDiagnostic as formatAsmDiagnostic } from '../as/assemble.ts';
import { createArchive } from '../ld/archive.ts';
import { link } from '../ld/link.ts';
import { generate } from './codegen.ts';
import { CompileError, formatDiagnostic, progress } from './diag.ts';
import type { Program } from './ast.ts';
import { analyzeEscapes } from './escape.ts';
import { inlineFunctions } from './inline.ts';
import { parse } from './parse.ts';
import { preprocess } from './preprocess.ts';

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

/** `notes`: warnings and -fescape lines, formatted, for stderr (the compile still succeeded). */
export type CompileResult = { ok: true; asm: string; notes?: string[] } | { ok: false; diagnostics: string };
export type ObjectResult = { ok: true; object: Uint8Array; notes?: string[] } | { ok: false; diagnostics: string };

export function readTextFile(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** C source text to assembly text. */
export function compileToAsm(file: string, text: string, options: CompileOptions = {}): CompileResult {
  progress.pos = undefined;
  try {
    const tokens = preprocess({ name: file, text }, {
      includePaths: options.includePaths ?? [],
      systemPaths: options.systemPaths ?? [SYSTEM_INCLUDE],
      defines: options.defines,
      readFile: options.readFile ?? readTextFile,
    });
    const program = parse(tokens);
    const notes = escapeNotes(program, options.escape);
    if (options.optimize) inlineFunctions(program);
    return { ok: true, asm: generate(program, file), ...(notes.length ? { notes } : {}) };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, diagnostics: formatDiagnostic(e.pos, e.message) };
    if (isStackOverflow(e)) {
      // A limit of this compiler (it recurses on the syntax tree), not a bug in it.
      return { ok: false, diagnostics: formatDiagnostic(progress.pos, 'the code here nests too deeply for the compiler (it ran out of stack); split the expression or block') };
    }
    return { ok: false, diagnostics: formatDiagnostic(progress.pos, `internal compiler error: ${String((e as Error)?.message ?? e)}`) };
  }
}

/**
 * The -Wreturn-local-addr warnings, and with -fescape the escape lines. The
 * analysis only advises: should it fail on some tree, the compile goes on.
 */
function escapeNotes(program: Program, escape = false): string[] {
  try {
    const r = analyzeEscapes(program);
    const notes = r.warnings.map((w) => formatDiagnostic(w.pos, w.message, 'warning'));
    if (escape) notes.push(...r.escapes.map((e) => `${e.pos.file.name}:${e.pos.line}:${e.pos.col}: ${e.message}`));
    return notes;
  } catch (e) {
    return escape ? [`cc: warning: escape analysis skipped: ${String((e as Error)?.message ?? e)}`] : [];
  }
}

/** The host's "Maximum call stack size exceeded" (V8's wording for a stack overflow). */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** C source text to an ELF relocatable object. */
export function compileToObject(file: string, text: string, options: CompileOptions = {}): ObjectResult {
  const c = compileToAsm(file, text, options);
  if (!c.ok) return c;
  const o = assembleText(c.asm, file.replace(/\.c$/, '.s'), true);
  return o.ok && c.notes ? { ...o, notes: c.notes } : o;
}

/** Assembly text to an object; `generated` marks our own output (its errors are compiler bugs). */
export function assembleText(asm: string, file: string, generated = false): ObjectResult {
  const r = assemble(asm, file);
  if (r.ok) return { ok: true, object: r.object };
  const text = r.diagnostics.map(formatAsmDiagnostic).join('\n');
  return { ok: false, diagnostics: generated ? `cc: internal compiler error: the assembler rejected generated code:\n${text}` : text };
}

// ---- libc ------------------------------------------------------------------------------

export type Target = 'bare' | 'hako';

export interface Runtime {
  /** The start-up object (crt0), linked first. */
  crt0: Uint8Array;
  /** libc and the target's system layer, as an archive. */
  libc: Uint8Array;
}

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
  const inputs = [{ name: 'crt0.o', data: rt.runtime.crt0 }, ...objects, { name: 'libc.a', data: rt.runtime.libc }];
  const r = target === 'bare' ? link(inputs, { base: 0x00100000, physOffset: 0, entry: '_start' }) : link(inputs, {});
  if (!r.ok) return { ok: false, error: r.errors.map((e) => `ld: error: ${e}`).join('\n') };
  return { ok: true, elf: r.elf };
}

/** Builds a C file for the bare machine: compile, then link with crt0 and libc. */
export function buildBare(file: string, text: string, options: CompileOptions = {}): { ok: true; elf: Uint8Array } | { ok: false; error: string } {
  const obj = compileToObject(file, text, options);
  if (!obj.ok) return { ok: false, error: obj.diagnostics };
  return linkProgram([{ name: file.replace(/\.c$/, '.o'), data: obj.object }], 'bare');
}
