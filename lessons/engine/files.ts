// Node side of the headless runner (cli/lesson.ts and the lessons test):
// finding lessons on disk, reading both languages, and building the kernel
// and root-disk images in-process with our toolchain (as the kernel tests
// do, so a lesson always runs against the sources it sits beside). The only
// file of lessons/engine that imports Node modules; the page never loads it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKernel } from '../../toolchain/kernel-build.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage, REPO_ROOT } from '../../toolchain/os-build.ts';
import { LessonError } from './expr.ts';
import { compareLanguages, parseLesson, type Lesson } from './format.ts';
import { matchLessonName } from './names.ts';

export const LESSONS_DIR = join(REPO_ROOT, 'lessons');
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The image a lesson boots: the same size and timestamps as the kernel tests' root disk. */
const ROOT_BYTES = 32 << 20;
const IMAGE_TIME = 1764000000;

/** Lesson names: the folders of lessons/ that hold an en.md, in order of their number prefix. */
export function lessonNames(dir = LESSONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'en.md')))
    .map((e) => e.name)
    .sort();
}

/** A lesson name as typed: the folder name, or the folder name without its number (`oom` for `07-oom`). */
export function resolveName(name: string, dir = LESSONS_DIR): string | null {
  return matchLessonName(name, lessonNames(dir));
}

export interface LoadedLesson { name: string; languages: Record<Language, Lesson>; problems: string[] }

/** Both languages parsed and compared; a parse error names the file. */
export function loadLesson(name: string, dir = LESSONS_DIR): LoadedLesson {
  const languages = {} as Record<Language, Lesson>;
  for (const lang of LANGUAGES) {
    const file = join(dir, name, `${lang}.md`);
    if (!existsSync(file)) throw new LessonError(`${name}/${lang}.md is missing`);
    try {
      languages[lang] = parseLesson(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new LessonError(`${name}/${lang}.md: ${(e as Error).message}`);
    }
  }
  return { name, languages, problems: compareLanguages(languages.en, languages.ja) };
}

let images: Promise<{ kernel: Uint8Array; root: Uint8Array }> | null = null;

/** The kernel and root-disk images, built once per process. */
export function lessonImages(): Promise<{ kernel: Uint8Array; root: Uint8Array }> {
  images ??= (async () => {
    const k = await buildKernel(REPO_ROOT);
    if (!k.ok || !k.elf) throw new Error(`kernel build failed:\n${k.errors.join('\n')}`);
    const u = buildUserland(REPO_ROOT);
    if (!u.ok) throw new Error(`userland build failed:\n${u.errors.join('\n')}`);
    return { kernel: k.elf, root: buildDiskImage({ extraFiles: u.files, time: IMAGE_TIME, sizeBytes: ROOT_BYTES }) };
  })();
  return images;
}
