// `npm run lab`: grades a lab — builds the student's programs (and, for a
// kernel lab, the kernel of this checkout), boots the OS headless and runs
// the lab's checks, one line per check.
//
//   npm run lab -- NAME [DIR]     grade the programs in DIR (default: the lab's starter/)
//   npm run lab -- --list
//
// A kernel lab grades kernel/ as it stands in this checkout (your edits);
// `--kernel DIR` lays DIR/kernel/** over a copy of it instead.
// Exit 0 when every check holds, 1 when one fails, 2 for a usage error or
// a program or kernel that does not build (its diagnostics are printed).

import { labNames, loadLab, resolveLab, starterDir } from '../labs/engine/build.ts';
import { gradeLab } from '../labs/engine/grade.ts';

const USAGE = 'usage: npm run lab -- NAME [DIR] [--kernel DIR]\n       npm run lab -- --list';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(`${USAGE}\n`); return 0; }
  if (argv.includes('--list')) {
    for (const name of labNames()) {
      const lab = await loadLab(name);
      process.stdout.write(`${name.padEnd(16)} ${lab.title.en} / ${lab.title.ja}\n`);
    }
    return 0;
  }
  const words: string[] = [];
  let kernel: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kernel') {
      kernel = argv[++i] ?? null;
      if (kernel === null) { process.stderr.write(`lab: --kernel takes a folder\n${USAGE}\n`); return 2; }
    } else if (argv[i].startsWith('-')) { process.stderr.write(`lab: unknown option ${argv[i]}\n${USAGE}\n`); return 2; }
    else words.push(argv[i]);
  }
  if (words.length < 1 || words.length > 2) { process.stderr.write(`${USAGE}\n`); return 2; }
  const name = resolveLab(words[0]);
  if (!name) { process.stderr.write(`lab: no lab "${words[0]}" (npm run lab -- --list)\n`); return 2; }
  const lab = await loadLab(name);
  const dir = words[1] ?? starterDir(name);
  process.stdout.write(`${name}: ${lab.title.en}\ngrading ${dir}${lab.kernel ? ` with the kernel of ${kernel ?? 'this checkout'}` : ''}\n`);
  const grading = await gradeLab(lab, dir, kernel, (r) => {
    process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}\n`);
    if (r.detail) process.stdout.write(`     ${r.detail.split('\n').join('\n     ')}\n`);
  });
  if (grading.buildErrors !== null) {
    process.stdout.write(`${grading.buildErrors}\nBUILD FAILED ${name}\n`);
    return 2;
  }
  const failed = grading.results.filter((r) => !r.ok).length;
  process.stdout.write(`${failed === 0 ? 'PASS' : 'FAIL'} ${name}: ${grading.results.length} checks, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => { process.stderr.write(`lab: ${(e as Error).stack ?? e}\n`); process.exit(3); },
);
