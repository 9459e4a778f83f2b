// The lessons bundled into the page: every lessons/NN-name/{en,ja}.md
// imported as a raw string at build time (Vite's import.meta.glob), parsed
// on first use with the lesson engine's parser (lessons/engine/format.ts),
// so the page teaches exactly what `npm run lesson` tests. This module is
// its own chunk: main.ts imports it after the boot request has gone out,
// or before it only when a lesson is to be opened (its machine decides the
// boot). No Node module anywhere in its path.
//
// Invariants: names are the folder names in order (their number prefix);
// a lesson is listed only with both languages; a file that does not parse
// is listed with its error rather than breaking the page.

import { LessonError } from '../../lessons/engine/expr.ts';
import { parseLesson, type Lesson, type MachineConfig } from '../../lessons/engine/format.ts';
import { matchLessonName } from '../../lessons/engine/names.ts';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

const files = import.meta.glob('../../lessons/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Folder name → language → Markdown. */
const sources = new Map<string, Partial<Record<Language, string>>>();
for (const [path, text] of Object.entries(files)) {
  const m = /\/lessons\/([^/]+)\/(en|ja)\.md$/.exec(path);
  if (!m) continue;
  const entry = sources.get(m[1]) ?? {};
  entry[m[2] as Language] = text;
  sources.set(m[1], entry);
}

/** Lesson folder names with both languages, in course order. */
export const LESSON_NAMES: readonly string[] = [...sources.entries()]
  .filter(([, langs]) => langs.en !== undefined && langs.ja !== undefined)
  .map(([name]) => name)
  .sort();

export interface LoadedLesson { name: string; lang: Language; markdown: string; lesson: Lesson | null; error: string | null }

const parsed = new Map<string, LoadedLesson>();

/** One language of a lesson, parsed (cached); null for an unknown name. */
export function loadLesson(name: string, lang: Language): LoadedLesson | null {
  const markdown = sources.get(name)?.[lang];
  if (markdown === undefined || !LESSON_NAMES.includes(name)) return null;
  const key = `${name}/${lang}`;
  let loaded = parsed.get(key);
  if (!loaded) {
    try {
      loaded = { name, lang, markdown, lesson: parseLesson(markdown), error: null };
    } catch (e) {
      loaded = { name, lang, markdown, lesson: null, error: `${key}.md: ${e instanceof LessonError ? e.message : String(e)}` };
    }
    parsed.set(key, loaded);
  }
  return loaded;
}

/** A name from a link (`swap`, `06-swap`) → the folder name, as the headless runner resolves it. */
export function resolveLesson(name: string): string | null {
  return matchLessonName(name, LESSON_NAMES);
}

/** The title without parsing the whole file (the list shows every lesson's). */
export function lessonTitle(name: string, lang: Language): string {
  const text = sources.get(name)?.[lang] ?? '';
  return /^# (.+)$/m.exec(text)?.[1].trim() ?? name;
}

/** The machine a lesson boots (the English file's; both languages must agree, which the lessons test checks). */
export function lessonMachine(name: string): MachineConfig | null {
  return loadLesson(name, 'en')?.lesson?.machine ?? null;
}

/** `#lesson=NAME[&lang=ja]` → the lesson and language it asks for. */
export function lessonFromHash(hash: string): { name: string | null; asked: string | null; lang: Language | null } {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const asked = q.get('lesson');
  const lang = q.get('lang');
  return { name: asked ? resolveLesson(asked) : null, asked, lang: lang === 'en' || lang === 'ja' ? lang : null };
}

/** What the page opens first: the lesson a `#lesson=` link names (null when it names none), else the one open last. */
export function initialLesson(hash: string, openLast: string | null): string | null {
  const fromHash = lessonFromHash(hash);
  if (fromHash.asked) return fromHash.name;
  return openLast && LESSON_NAMES.includes(openLast) ? openLast : null;
}
