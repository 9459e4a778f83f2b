// The compiler pipeline with no host dependency: C source to assembly,
// objects and a linked executable, every input given as text or bytes and
// every header read through a caller's `readFile`. The Node driver
// (driver.ts) wraps it with the file system and the libc cache; the page's
// editor (web/compile-worker.ts) runs it in a worker with headers and a
// prebuilt libc fetched as one asset.
//
// Invariants: nothing here imports a Node module (test/toolchain/
// browser-compile.test.ts walks the imports to prove it); nothing throws
// for bad input: a failure is `file:line:col: error: …` text (an internal
// error becomes "internal compiler error" at the last position the compiler
// was working on, never a stack trace).

import { assemble, formatDiagnostic as formatAsmDiagnostic } from '../as/assemble.ts';
import { link } from '../ld/link.ts';
import { generate } from './codegen.ts';
import type { Program } from './ast.ts';
import { CompileError, formatDiagnostic, progress } from './diag.ts';
import { analyzeEscapes } from './escape.ts';
import { inlineFunctions } from './inline.ts';
import { parse } from './parse.ts';
import { preprocess } from './preprocess.ts';

export interface PipelineOptions {
  includePaths?: string[];
  defines?: Record<string, string>;
  systemPaths: string[];
  readFile: (path: string) => string | undefined;
  /** -O: inline small static inline functions (inline.ts). */
  optimize?: boolean;
  /** -fescape: report each local whose address escapes its function (escape.ts). */
  escape?: boolean;
}

/** `notes`: warnings and -fescape lines, formatted, for stderr (the compile still succeeded). */
export type CompileResult = { ok: true; asm: string; notes?: string[] } | { ok: false; diagnostics: string };
export type ObjectResult = { ok: true; object: Uint8Array; notes?: string[] } | { ok: false; diagnostics: string };
export type LinkResult = { ok: true; elf: Uint8Array } | { ok: false; error: string };

export type Target = 'bare' | 'hako';

export interface Runtime {
  /** The start-up object (crt0), linked first. */
  crt0: Uint8Array;
  /** libc and the target's system layer, as an archive. */
  libc: Uint8Array;
}

/** C source text to assembly text. */
export function compileSource(file: string, text: string, options: PipelineOptions): CompileResult {
  progress.pos = undefined;
  try {
    const tokens = preprocess({ name: file, text }, {
      includePaths: options.includePaths ?? [],
      systemPaths: options.systemPaths,
      defines: options.defines,
      readFile: options.readFile,
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

/** Assembly text to an object; `generated` marks our own output (its errors are compiler bugs). */
export function assembleText(asm: string, file: string, generated = false): ObjectResult {
  const r = assemble(asm, file);
  if (r.ok) return { ok: true, object: r.object };
  const text = r.diagnostics.map(formatAsmDiagnostic).join('\n');
  return { ok: false, diagnostics: generated ? `cc: internal compiler error: the assembler rejected generated code:\n${text}` : text };
}

/** C source text to an ELF relocatable object. */
export function compileSourceToObject(file: string, text: string, options: PipelineOptions): ObjectResult {
  const c = compileSource(file, text, options);
  if (!c.ok) return c;
  const o = assembleText(c.asm, file.replace(/\.c$/, '.s'), true);
  return o.ok && c.notes ? { ...o, notes: c.notes } : o;
}

/** Links objects with a runtime's crt0 and libc into an executable for the target. */
export function linkWithRuntime(objects: { name: string; data: Uint8Array }[], runtime: Runtime, target: Target): LinkResult {
  const inputs = [{ name: 'crt0.o', data: runtime.crt0 }, ...objects, { name: 'libc.a', data: runtime.libc }];
  const r = target === 'bare' ? link(inputs, { base: 0x00100000, physOffset: 0, entry: '_start' }) : link(inputs, {});
  if (!r.ok) return { ok: false, error: r.errors.map((e) => `ld: error: ${e}`).join('\n') };
  return { ok: true, elf: r.elf };
}

/** Headers by absolute path (e.g. '/usr/include/stdio.h') plus the OS runtime: all a program build needs. */
export interface ToolchainBundle {
  includeDir: string;
  headers: Record<string, string>;
  runtime: Runtime;
}

/**
 * One C file to an OS executable, entirely in memory: what the page's Build
 * button does. Errors are the compiler's or the linker's diagnostic text.
 */
export function buildProgramInMemory(file: string, text: string, bundle: ToolchainBundle): LinkResult {
  const readFile = (path: string) => (path === file ? text : bundle.headers[path]);
  const obj = compileSourceToObject(file, text, { systemPaths: [bundle.includeDir], readFile });
  if (!obj.ok) return { ok: false, error: obj.diagnostics };
  return linkWithRuntime([{ name: file.replace(/\.c$/, '.o'), data: obj.object }], bundle.runtime, 'hako');
}
