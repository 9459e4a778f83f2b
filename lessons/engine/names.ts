// Lesson names as a student or a link types them: the folder name
// (`06-swap`) or the folder name without its number (`swap`). Pure
// TypeScript: the headless runner (files.ts) and the page's `#lesson=` link
// resolve names the same way.

/** The lesson `name` stands for among `all` (folder names), or null. */
export function matchLessonName(name: string, all: readonly string[]): string | null {
  return all.find((n) => n === name) ?? all.find((n) => n.replace(/^\d+-/, '') === name) ?? null;
}
