// The worker's side of the editor: the student's files, which ARE the
// shared folder (/host in the guest), and the Build button's compiler.
//
// Owns the one IndexedDbShare of the page (opened on first use, by a boot or
// by the editor, and kept: its memory copy is what the guest sees, so the
// editor writes through it and never to IndexedDB directly — a file saved
// here is in /host at once), and the toolchain bundle (headers, crt0 and
// libc.a, images/toolchain.json.gz made by web/images-plugin.ts), fetched
// the first time something is built, as is the compiler's code, so the page's start does not pay for either.
//
// Invariants: the editor lists the folder's top level (plain names: no
// '/', '.', '..' or NUL, as the share device itself requires) and opens paths of
// such names below it (kernel/main.c, for the kernel build); every failure
// comes back as text (an errno name and what it means), never a throw.

import { IndexedDbShare } from '../emulator/share/indexeddb.ts';
import { shareErrorOf } from '../emulator/share/backend.ts';
import type { ToolchainBundle } from '../toolchain/cc/compile.ts';
import type { BuildResult, EditorFile, FileResult, KernelBuildResult } from './protocol.ts';
import { fetchImage } from './image-fetch.ts';

/** The student's shared folder (/host in the guest), kept across reloads. */
const SHARE_DB = 'hako-share';
export const TOOLCHAIN_FILE = 'toolchain.json.gz';
/** Where a built program and its source live in the guest. */
const GUEST_DIR = '/host';
/** The folder (in /host) a kernel is built from: a copy of the guest's /usr/src/kernel. */
export const KERNEL_DIR = 'kernel';
/** What a student types to get the sources there. */
export const COPY_KERNEL_COMMAND = 'cp -r /usr/src/kernel /host/';
/** A kernel tree is small: more files than this under /host/kernel is not one. */
const KERNEL_MAX_FILES = 2000;

let share: Promise<IndexedDbShare | null> | null = null;

/** The page's shared folder, or null where IndexedDB is missing (reported once). */
export function sharedFolder(report: (text: string) => void): Promise<IndexedDbShare | null> {
  share ??= typeof indexedDB === 'undefined' ? Promise.resolve(null)
    : IndexedDbShare.open(SHARE_DB, { onError: report }).catch((e: unknown) => {
      report(`the shared folder is not available: ${(e as Error).message}`);
      return null;
    });
  return share;
}

/** A path the editor may open or save: names as badName takes them, joined by '/' (kernel/main.c). */
export function badPath(path: string): string | null {
  if (!path) return `'' is not a file name`;
  for (const part of path.split('/')) {
    const bad = badName(part);
    if (bad) return `'${path}': ${bad}`;
  }
  return null;
}

/** A name the editor may use: one path component, as the share device accepts. */
export function badName(name: string): string | null {
  if (!name || name === '.' || name === '..' || /[/\0]/.test(name)) return `'${name}' is not a file name (no '/', not empty, not . or ..)`;
  if (new TextEncoder().encode(name).length > 255) return `'${name.slice(0, 20)}…' is longer than 255 bytes`;
  return null;
}

const failure = (e: unknown) => { const s = shareErrorOf(e); return s.message === s.code ? s.code : `${s.code}: ${s.message}`; };

export class EditorFiles {
  private bundle: Promise<ToolchainBundle> | null = null;

  constructor(
    private readonly report: (text: string) => void,
    private readonly imagesUrl: () => string | null,
    /** Where the toolchain comes from (tests give one directly); default: fetched from the images. */
    private readonly loadToolchain: () => Promise<ToolchainBundle> = () => this.fetchToolchain(),
  ) {}

  private async folder(): Promise<IndexedDbShare> {
    const f = await sharedFolder(this.report);
    if (!f) throw new Error('the shared folder is not available in this browser (no IndexedDB)');
    return f;
  }

  async list(): Promise<EditorFile[]> {
    const f = await sharedFolder(this.report);
    if (!f) return [];
    return f.list('').flatMap((name) => {
      try {
        const s = f.stat(name);
        return [{ name, size: s.size, mtime: s.mtime, type: s.type, executable: (s.mode & 0o111) !== 0 }];
      } catch { return []; }
    });
  }

  async read(name: string): Promise<Uint8Array | null> {
    if (badPath(name)) return null;
    try {
      const f = await this.folder();
      const size = f.stat(name).size;
      return f.read(name, 0, size);
    } catch { return null; }
  }

  /** Creates or replaces `name` with `data` (mode applied on creation and kept on replace unless given). */
  async write(name: string, data: Uint8Array, mode?: number): Promise<FileResult> {
    const bad = badPath(name);
    if (bad) return { ok: false, error: bad };
    try {
      const f = await this.folder();
      let exists = true;
      try { f.stat(name); } catch { exists = false; }
      if (!exists) f.create(name, mode ?? 0o644);
      else if (mode !== undefined) f.chmod(name, mode);
      f.truncate(name, 0);
      if (data.length) f.write(name, 0, data);
      await f.flush();
      return { ok: true };
    } catch (e) { return { ok: false, error: `${name}: ${failure(e)}` }; }
  }

  async rename(from: string, to: string): Promise<FileResult> {
    const bad = badName(from) ?? badName(to);
    if (bad) return { ok: false, error: bad };
    try {
      const f = await this.folder();
      let taken = true;
      try { f.stat(to); } catch { taken = false; }
      // The editor never overwrites by renaming (rename(2) would): losing a file to a typo is worse.
      if (taken) return { ok: false, error: `${to}: EEXIST: a file of that name exists` };
      f.rename(from, to);
      await f.flush();
      return { ok: true };
    } catch (e) { return { ok: false, error: `${from}: ${failure(e)}` }; }
  }

  async remove(name: string): Promise<FileResult> {
    const bad = badName(name);
    if (bad) return { ok: false, error: bad };
    try {
      const f = await this.folder();
      if (f.stat(name).type === 'dir') f.rmdir(name); else f.unlink(name);
      await f.flush();
      return { ok: true };
    } catch (e) { return { ok: false, error: `${name}: ${failure(e)}` }; }
  }

  /** The headers, crt0 and libc the Build buttons compile with (fetched once). */
  toolchainBundle(): Promise<ToolchainBundle> { return this.toolchain(); }

  private toolchain(): Promise<ToolchainBundle> {
    this.bundle ??= this.loadToolchain();
    this.bundle.catch(() => { this.bundle = null; }); // a failed fetch is tried again next time
    return this.bundle;
  }

  private async fetchToolchain(): Promise<ToolchainBundle> {
    const base = this.imagesUrl();
    if (!base) throw new Error('the toolchain is not known before the first boot');
    return decodeBundle(await fetchImage(new URL(TOOLCHAIN_FILE, base).href, TOOLCHAIN_FILE, () => {}));
  }

  /** Compiles the C file `source` (in the folder) to the executable `output` beside it. */
  async build(source: string, output: string): Promise<BuildResult> {
    const bad = badName(source) ?? badName(output);
    if (bad) return { ok: false, diagnostics: bad, compileMs: 0 };
    const bytes = await this.read(source);
    if (!bytes) return { ok: false, diagnostics: `${source}: no such file in /host`, compileMs: 0 };
    let bundle: ToolchainBundle;
    try { bundle = await this.toolchain(); } catch (e) { return { ok: false, diagnostics: `cc: ${(e as Error).message}`, compileMs: 0 }; }
    // The compiler is its own chunk, loaded at the first build: the worker's start (the page's) does not parse it.
    const { buildProgramInMemory } = await import('../toolchain/cc/compile.ts');
    const started = performance.now();
    const built = buildProgramInMemory(`${GUEST_DIR}/${source}`, new TextDecoder().decode(bytes), bundle);
    const compileMs = performance.now() - started;
    if (!built.ok) return { ok: false, diagnostics: built.error, compileMs };
    const saved = await this.write(output, built.elf, 0o755);
    if (!saved.ok) return { ok: false, diagnostics: saved.error, compileMs };
    return { ok: true, diagnostics: '', compileMs, output: `${GUEST_DIR}/${output}`, bytes: built.elf.length };
  }
}

/** Every file under `dir` of the folder, as 'dir/…' paths with their text (directories walked in sorted order). */
function readFolderTree(f: IndexedDbShare, dir: string, into: [string, string][]): void {
  for (const name of [...f.list(dir)].sort()) {
    const path = `${dir}/${name}`;
    const st = f.stat(path);
    if (st.type === 'dir') readFolderTree(f, path, into);
    else if (st.type === 'file') {
      if (into.length >= KERNEL_MAX_FILES) throw new Error(`more than ${KERNEL_MAX_FILES} files under /host/${KERNEL_DIR}: is it a kernel tree?`);
      into.push([path, new TextDecoder().decode(f.read(path, 0, st.size))]);
    }
  }
}

export interface BuiltKernel { result: KernelBuildResult; elf: Uint8Array | null }

/**
 * Builds a kernel from /host/kernel (the student's copy of /usr/src/kernel)
 * with the toolchain bundle's ABI headers, in this worker, through the same
 * toolchain/kernel-tree-build.ts as `npm run build:os`; the system-call
 * table's files are regenerated from the copy's kernel/syscalls.tbl.
 */
export async function buildKernelFromFolder(editor: EditorFiles): Promise<BuiltKernel> {
  const fail = (diagnostics: string): BuiltKernel => ({ result: { ok: false, diagnostics, files: 0, compileMs: 0 }, elf: null });
  const f = await sharedFolder(() => {});
  if (!f) return fail('the shared folder is not available in this browser (no IndexedDB)');
  let st;
  try { st = f.stat(KERNEL_DIR); } catch { st = null; }
  if (!st || st.type !== 'dir') return fail(`/host/${KERNEL_DIR} does not exist: copy the kernel's sources there first (${COPY_KERNEL_COMMAND})`);
  const tree: [string, string][] = [];
  try { readFolderTree(f, KERNEL_DIR, tree); } catch (e) { return fail(`/host/${KERNEL_DIR}: ${failure(e)}`); }
  let bundle: ToolchainBundle;
  try { bundle = await editor.toolchainBundle(); } catch (e) { return fail(`cc: ${(e as Error).message}`); }
  const { buildKernelTree, treeWithGuestHeaders } = await import('../toolchain/kernel-tree-build.ts');
  const started = performance.now();
  const built = buildKernelTree(treeWithGuestHeaders(tree, bundle.headers, bundle.includeDir), { regenerate: true });
  const compileMs = performance.now() - started;
  const files = built.sources.length;
  if (!built.ok || !built.elf) return { result: { ok: false, diagnostics: built.errors.join('\n'), files, compileMs }, elf: null };
  return { result: { ok: true, diagnostics: '', files, compileMs, bytes: built.elf.length }, elf: built.elf };
}

/** The JSON form of a ToolchainBundle (binary parts in base64), both ways. */
export function encodeBundle(bundle: ToolchainBundle): string {
  const b64 = (bytes: Uint8Array) => { let s = ''; for (const b of bytes) s += String.fromCharCode(b); return btoa(s); };
  return JSON.stringify({ includeDir: bundle.includeDir, headers: bundle.headers, crt0: b64(bundle.runtime.crt0), libc: b64(bundle.runtime.libc) });
}

export function decodeBundle(bytes: Uint8Array): ToolchainBundle {
  const json = JSON.parse(new TextDecoder().decode(bytes)) as { includeDir: string; headers: Record<string, string>; crt0: string; libc: string };
  const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return { includeDir: json.includeDir, headers: json.headers, runtime: { crt0: unb64(json.crt0), libc: unb64(json.libc) } };
}
