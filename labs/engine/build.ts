// Node side of the grader: finding labs on disk, compiling a student's
// programs with our toolchain (cc + libc, as the userland is built), and
// the kernel and root-disk images a grading boots. A kernel lab builds the
// kernel from a tree: the checkout itself (the student's edits in place),
// or a copy of its kernel/ with a solution's files laid over it (the test's
// reference solutions), its generated system-call files regenerated.

import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileToObject, linkProgram } from '../../toolchain/cc/driver.ts';
import { generate } from '../../toolchain/gen-syscalls.ts';
import { buildKernel } from '../../toolchain/kernel-build.ts';
import { buildDiskImage, REPO_ROOT, type GuestFile } from '../../toolchain/os-build.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import type { Lab } from './lab.ts';

export const LABS_DIR = join(REPO_ROOT, 'labs');
const ROOT_BYTES = 32 << 20;
const IMAGE_TIME = 1764000000;

/** Lab names: the numbered folders of labs/ (NN-name) that hold a grade.ts, in order. */
export function labNames(dir = LABS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d+-/.test(e.name) && existsSync(join(dir, e.name, 'grade.ts')))
    .map((e) => e.name)
    .sort();
}

/** A lab name as typed: the folder name, or without its number (`mycat` for `01-mycat`). */
export function resolveLab(name: string, dir = LABS_DIR): string | null {
  const names = labNames(dir);
  return names.find((n) => n === name) ?? names.find((n) => n.replace(/^\d+-/, '') === name) ?? null;
}

export async function loadLab(name: string, dir = LABS_DIR): Promise<Lab> {
  const mod = (await import(join(dir, name, 'grade.ts'))) as { default: Lab };
  return mod.default;
}

/** The starter folder a student copies (and edits) for a lab. */
export function starterDir(name: string, dir = LABS_DIR): string { return join(dir, name, 'starter'); }

export type Built<T> = { ok: true; value: T } | { ok: false; errors: string };

/** Compiles each of the lab's programs from `dir` into a file for the root disk; a C error is its file:line:col diagnostic. */
export function buildPrograms(lab: Lab, dir: string): Built<GuestFile[]> {
  const files: GuestFile[] = [];
  for (const p of lab.programs) {
    const path = join(dir, p.source);
    if (!existsSync(path)) return { ok: false, errors: `${path}: no such file (the lab's program is ${p.source})` };
    const obj = compileToObject(path, readFileSync(path, 'utf8'), { includePaths: [dir] });
    if (!obj.ok) return { ok: false, errors: obj.diagnostics };
    const linked = linkProgram([{ name: p.source.replace(/\.c$/, '.o'), data: obj.object }], 'hako');
    if (!linked.ok) return { ok: false, errors: linked.error };
    files.push({ guestPath: p.guestPath, data: linked.elf, mode: 0o755 });
  }
  return { ok: true, value: files };
}

let standardKernel: Promise<Built<Uint8Array>> | null = null;
let userland: GuestFile[] | null = null;

async function kernelOf(root: string): Promise<Built<Uint8Array>> {
  const k = await buildKernel(root);
  return k.ok && k.elf ? { ok: true, value: k.elf } : { ok: false, errors: k.errors.join('\n') };
}

/** Copies `from` over `to`; a file named NAME.append is added to the end of NAME instead (a row for a table). */
function layOver(from: string, to: string): void {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    if (e.isDirectory()) {
      mkdirSync(join(to, e.name), { recursive: true });
      layOver(src, join(to, e.name));
    } else if (e.name.endsWith('.append')) {
      appendFileSync(join(to, e.name.slice(0, -'.append'.length)), readFileSync(src));
    } else {
      cpSync(src, join(to, e.name));
    }
  }
}

/**
 * The kernel a lab boots. Not a kernel lab: this checkout's, built once.
 * A kernel lab: `overlay` null means the checkout as it stands (the
 * student's edits); otherwise a copy of kernel/ with overlay/kernel/** laid
 * over it (NAME.append files appended to NAME) and the system-call table's
 * files regenerated.
 */
export async function labKernel(lab: Lab, overlay: string | null): Promise<Built<Uint8Array>> {
  if (lab.kernel && overlay === null) return kernelOf(REPO_ROOT);
  if (!lab.kernel || overlay === null || !existsSync(join(overlay, 'kernel'))) {
    standardKernel ??= kernelOf(REPO_ROOT);
    return standardKernel;
  }
  const tree = mkdtempSync(join(tmpdir(), 'hako-lab-kernel-'));
  try {
    cpSync(join(REPO_ROOT, 'kernel'), join(tree, 'kernel'), { recursive: true });
    layOver(join(overlay, 'kernel'), join(tree, 'kernel'));
    mkdirSync(join(tree, 'userland/lib/sys/hako'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'userland/include'), join(tree, 'userland/include'));
    for (const g of generate(tree)) {
      mkdirSync(dirname(g.path), { recursive: true });
      writeFileSync(g.path, g.text);
    }
    return await kernelOf(tree);
  } catch (e) {
    return { ok: false, errors: (e as Error).message };
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

/** The root disk: the whole userland, the lab's files, and the student's programs. */
export function labRootImage(lab: Lab, programs: GuestFile[]): Uint8Array {
  if (!userland) {
    const u = buildUserland(REPO_ROOT);
    if (!u.ok) throw new Error(`userland build failed:\n${u.errors.join('\n')}`);
    userland = u.files;
  }
  return buildDiskImage({ extraFiles: [...userland, ...(lab.files ?? []), ...programs], time: IMAGE_TIME, sizeBytes: ROOT_BYTES });
}
