// `npm run lesson`: runs a lesson headless and says whether it still fits
// the system.
//
//   npm run lesson -- NAME [--lang en|ja] [--transcript]
//   npm run lesson -- --list
//
// Boots the OS (kernel and root disk built from this checkout), then walks
// the lesson's steps (lessons/engine/run.ts): types each command, answers
// each predict card from the machine, evaluates each check and link, one
// line per step. Exit 0 only when both language files parse with the same
// steps and every step holds; 1 when a step fails; 2 for a usage error or a
// lesson that does not load. --transcript prints the console afterwards.

import { LessonError } from '../lessons/engine/expr.ts';
import { LANGUAGES, lessonImages, lessonNames, loadLesson, resolveName, type Language } from '../lessons/engine/files.ts';
import { headlessHost } from '../lessons/engine/host.ts';
import { runLesson } from '../lessons/engine/run.ts';
import { HeadlessSession } from '../lessons/engine/session.ts';

const USAGE = 'usage: npm run lesson -- NAME [--lang en|ja] [--transcript]\n       npm run lesson -- --list';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(`${USAGE}\n`); return 0; }
  if (argv.includes('--list')) {
    for (const name of lessonNames()) {
      const lesson = loadLesson(name);
      process.stdout.write(`${name.padEnd(24)} ${lesson.languages.en.title} / ${lesson.languages.ja.title}\n`);
    }
    return 0;
  }
  let lang: Language = 'en';
  let transcript = false;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') {
      const v = argv[++i];
      if (!LANGUAGES.includes(v as Language)) { process.stderr.write(`lesson: --lang takes ${LANGUAGES.join(' or ')}\n`); return 2; }
      lang = v as Language;
    } else if (a === '--transcript') transcript = true;
    else if (a.startsWith('-')) { process.stderr.write(`lesson: unknown option ${a}\n${USAGE}\n`); return 2; }
    else names.push(a);
  }
  if (names.length !== 1) { process.stderr.write(`${USAGE}\n`); return 2; }
  const name = resolveName(names[0]);
  if (!name) { process.stderr.write(`lesson: no lesson "${names[0]}" (npm run lesson -- --list)\n`); return 2; }

  const loaded = loadLesson(name);
  if (loaded.problems.length) {
    process.stderr.write(`lesson: ${name}: en.md and ja.md differ:\n  ${loaded.problems.join('\n  ')}\n`);
    return 2;
  }
  const lesson = loaded.languages[lang];
  process.stdout.write(`${name}: ${lesson.title} (${lesson.machine.ramMiB} MiB RAM, ${lesson.machine.swapMiB} MiB swap)\n`);
  const { kernel, root } = await lessonImages();
  const started = performance.now();
  const session = await HeadlessSession.boot(kernel, root, lesson.machine);
  const results = await runLesson(lesson, headlessHost(session), (r) => {
    process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.summary}\n`);
  });
  if (transcript) process.stdout.write(`\n--- console ---\n${session.transcript}\n`);
  const failed = results.filter((r) => !r.ok).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const emulated = session.machine.seconds().toFixed(1);
  process.stdout.write(`${failed === 0 ? 'PASS' : 'FAIL'} ${name}: ${results.length} steps, ${failed} failed (${seconds} s host; ${emulated} s, ${(session.machine.cpu.instret / 1e6).toFixed(0)}M instructions emulated)\n`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`lesson: ${(e as Error).message}\n`);
    process.exit(e instanceof LessonError ? 2 : 3);
  },
);
