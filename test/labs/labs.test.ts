// Every lab, graded headless as `npm run lab` grades it: the reference
// solution (test/labs/solutions/NAME) passes every check, and the unchanged
// starter compiles, boots and fails at least one — so a lab can neither
// drift from the system nor be passed by doing nothing.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABS_DIR, labNames, loadLab, starterDir } from '../../labs/engine/build.ts';
import { gradeLab } from '../../labs/engine/grade.ts';
import { REPO_ROOT } from '../../toolchain/os-build.ts';

const SOLUTIONS = join(REPO_ROOT, 'test/labs/solutions');
const names = labNames();

describe('labs', () => {
  it('there are at least six, each with a statement in both languages and a reference solution', async () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) {
      const lab = await loadLab(name);
      expect(lab.name).toBe(name);
      for (const lang of ['en', 'ja'] as const) {
        const text = readFileSync(join(LABS_DIR, name, `${lang}.md`), 'utf8');
        expect(text.split('\n')[0], `${name}/${lang}.md's title`).toContain(lab.title[lang]);
      }
      expect(existsSync(join(SOLUTIONS, name)), `${name} has a reference solution`).toBe(true);
      for (const p of lab.programs) expect(existsSync(join(starterDir(name), p.source)), `${name}'s starter has ${p.source}`).toBe(true);
    }
  });

  for (const name of names) {
    it(`${name}: the reference solution passes every check; the starter builds and fails`, async () => {
      const lab = await loadLab(name);
      const solved = await gradeLab(lab, join(SOLUTIONS, name), join(SOLUTIONS, name));
      expect(solved.buildErrors).toBeNull();
      expect(solved.results.filter((r) => !r.ok)).toEqual([]);
      expect(solved.results.length).toBe(lab.checks.length);

      const starter = await gradeLab(lab, starterDir(name), starterDir(name), undefined, { stopAtFirstFailure: true });
      expect(starter.buildErrors).toBeNull();
      expect(starter.results.filter((r) => !r.ok).length).toBeGreaterThan(0);
    }, 240_000);
  }
});
