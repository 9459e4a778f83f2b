// What the lessons pane remembers in this browser (localStorage
// `hako-lessons`): the language, the lesson open last, whether the pane is
// shown, and per lesson the checks passed (by their position among the
// lesson's checks, which is the same in both languages). A lesson's
// progress is its checks passed out of its checks.
//
// Invariants: a check once passed stays passed (a later failure — the
// machine moved on — does not take progress away); anything unreadable in
// storage reads as a fresh start, never an error.

import type { Language } from './catalog.ts';

const KEY = 'hako-lessons';

export interface LessonProgress {
  lang: Language;
  /** The lesson open last (a folder name), or null for the list. */
  current: string | null;
  paneOpen: boolean;
  passed: Record<string, number[]>;
}

const FRESH: LessonProgress = { lang: 'en', current: null, paneOpen: true, passed: {} };

export function loadProgress(): LessonProgress {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<LessonProgress>;
    const passed: Record<string, number[]> = {};
    for (const [name, list] of Object.entries(raw.passed ?? {})) {
      if (Array.isArray(list)) passed[name] = list.filter((n) => Number.isInteger(n) && n >= 0);
    }
    return {
      lang: raw.lang === 'ja' ? 'ja' : 'en',
      current: typeof raw.current === 'string' ? raw.current : null,
      paneOpen: raw.paneOpen !== false,
      passed,
    };
  } catch {
    return { ...FRESH, passed: {} };
  }
}

export function saveProgress(p: LessonProgress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // storage full or forbidden: progress lives for this visit only
  }
}

/** Records check number `check` of `lesson` as passed; true when it was not before. */
export function markPassed(p: LessonProgress, lesson: string, check: number): boolean {
  const list = p.passed[lesson] ?? [];
  if (list.includes(check)) return false;
  p.passed[lesson] = [...list, check].sort((a, b) => a - b);
  return true;
}
