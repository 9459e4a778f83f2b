// Every lesson runs against the real system, so a lesson can never drift
// from it: both language files parse and have the same steps in the same
// order (lessons/engine/format.ts's signature), and the English steps run
// headless (boot, type each command, answer each predict card from the
// machine, evaluate each check and link) with every step holding. The
// format's own rules (parse errors, language comparison, expressions) are
// unit-tested first, each with a lesson text that must be refused.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, LessonError, parseExpr, type Value } from '../../lessons/engine/expr.ts';
import { compareLanguages, continuedLines, controlKey, parseLesson } from '../../lessons/engine/format.ts';
import { lessonImages, lessonNames, loadLesson, LESSONS_DIR } from '../../lessons/engine/files.ts';
import { headlessHost } from '../../lessons/engine/host.ts';
import { numberMatches, runLesson, typeBlock, type LessonHost } from '../../lessons/engine/run.ts';
import { HeadlessSession } from '../../lessons/engine/session.ts';

const ev = (source: string, vars: Record<string, Value> = {}): Value =>
  evaluate(parseExpr(source), new Map(Object.entries(vars)), {});

describe('lesson expressions', () => {
  it('computes, compares and matches', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('0x10 == 16 and not (2 < 1)')).toBe(true);
    expect(ev('x ~ "Killed process \\\\d+"', { x: 'Out of memory: Killed process 7 (memhog)' })).toBe(true);
    expect(ev('match(x, "MemTotal:\\\\s+(\\\\d+)")', { x: 'MemTotal:   16384 kB' })).toBe(16384);
    expect(ev('none < 3')).toBe(null);          // a gone process compares false, not true
    expect(ev('"pid " + 4')).toBe('pid 4');
    expect(ev('x == "y\\ny\\n"', { x: 'y\ny\n' })).toBe(true);   // \n is a newline, \d stays for the regex
  });

  it('refuses malformed text and unknown names', () => {
    expect(() => parseExpr('1 +')).toThrow(LessonError);
    expect(() => parseExpr('"open')).toThrow(/unterminated/);
    expect(() => ev('nobody + 1')).toThrow(/unknown name "nobody"/);
    expect(() => ev('frobnicate(1)')).toThrow(/unknown function "frobnicate"/);
  });
});

describe('the lesson format', () => {
  const lesson = [
    '# Title', '', '```machine', 'ram: 8', 'swap: 4', '```', '',
    '```run', 'ps', '```', '', '```let', 'shell = pid("sh")', '```', '', 'Prose with [a link](hako:process?pid={{shell}}).', '',
    '```predict', 'question: Will it fault?', 'choice true: yes', 'choice false: no', 'answer: faults(shell, 0x08048000, "write")', '```', '',
    '```check', 'say: the shell is alive', 'expect: exists(shell)', 'wait: 1', '```', '', '```text', 'not a step', '```',
  ].join('\n');

  it('reads the machine, the steps in order and the links', () => {
    const l = parseLesson(lesson);
    expect(l.title).toBe('Title');
    expect(l.machine).toEqual({ ramMiB: 8, swapMiB: 4 });
    expect(l.steps.map((s) => s.kind)).toEqual(['run', 'let', 'link', 'predict', 'check']);
  });

  it('finds a link whose text wraps onto the next line, and none inside a code fence', () => {
    const l = parseLesson('# T\n\nSee [the kernel\nlog](hako:log) here.\n\n```text\n[not](hako:memory)\n```\n');
    expect(l.steps.map((s) => s.kind === 'link' && s.view)).toEqual(['log']);
  });

  it('refuses blocks a runner could not use', () => {
    const bad = (text: string) => () => parseLesson(`# T\n${text}`);
    expect(bad('```check\nexpect: 1 ==\n```')).toThrow(/line 3/);
    expect(bad('```check\nexpect: true\n```')).toThrow(/say:/);
    expect(bad('```predict\nquestion: q\n```')).toThrow(/needs an answer/);
    expect(bad('```predict\nquestion: q\nanswer after: 1\n```')).toThrow(/run block after/);
    expect(bad('```machine\nram: lots\n```')).toThrow(/whole number/);
    expect(bad('[x](hako:tlb?pid=1)')).toThrow(/unknown debug view "tlb"/);
    expect(bad('[x](hako:frame)')).toThrow(/needs frame=/);
    expect(bad('```run\nls\n')).toThrow(/not closed/);
    expect(() => parseLesson('no title')).toThrow(/Title/);
  });

  it('compares languages by their steps, not their words', () => {
    const en = parseLesson(lesson);
    const words = parseLesson(lesson.replace('Will it fault?', 'フォルトする?').replace('the shell is alive', 'シェルは生きている').replace('a link', 'リンク'));
    expect(compareLanguages(en, words)).toEqual([]);
    const otherCommand = parseLesson(lesson.replace('\nps\n', '\nps -l\n'));
    expect(compareLanguages(en, otherCommand)[0]).toMatch(/step 1: .*"ps".*"ps -l"/);
    const otherMachine = parseLesson(lesson.replace('ram: 8', 'ram: 16'));
    expect(compareLanguages(en, otherMachine)[0]).toMatch(/machine differs/);
  });

  it('reads a key line (^Z) as a key pressed while the command before it runs, and refuses one with no command before it', async () => {
    expect([controlKey('^Z'), controlKey(' ^C '), controlKey('^\\'), controlKey('^z'), controlKey('echo ^Z')]).toEqual(['\x1a', '\x03', '\x1c', null, null]);
    const l = parseLesson('# T\n```run\nsleep 100\n^Z\njobs\n```\n');
    expect(l.steps[0]).toMatchObject({ kind: 'run', commands: ['sleep 100', '^Z', 'jobs'] });
    expect(() => parseLesson('# T\n```run\n^Z\n```\n')).toThrow(/line 3: \^Z presses a key .* needs a command on the line before/);
    expect(() => parseLesson('# T\n```run\ncat\n^D\n^D\n```\n')).toThrow(/line 5/);
    const calls: string[] = [];
    const terminal = {
      type: async (c: string) => { calls.push(`type ${c}`); return `${c}\n`; },
      typeThenPress: async (c: string, k: string) => { calls.push(`press ${c} ${k.charCodeAt(0)}`); return 'Stopped\n'; },
    };
    expect(await typeBlock(['sleep 100', '^Z', 'jobs'], terminal, (c) => c.toUpperCase())).toBe('Stopped\nJOBS\n');
    expect(calls).toEqual(['press SLEEP 100 26', 'type JOBS']);
    await expect(typeBlock(['sleep 100', '^Z'], { type: terminal.type })).rejects.toThrow(/cannot press \^Z/);
  });

  it('knows which lines of a run block a here-document continues, and refuses one left open', async () => {
    expect(continuedLines(['cat > f <<EOF', 'a $x', 'EOF', 'wc -l f'])).toEqual([true, true, false, false]);
    expect(continuedLines(["sort <<-'END' | uniq", '\tb', '\tEND'])).toEqual([true, true, false]);
    expect(continuedLines(['cat <<<word', 'echo x'])).toEqual([false, false]); // a here-string
    expect(() => parseLesson('# T\n```run\ncat <<EOF\nline\n```\n')).toThrow(/line 2: a here-document .* not closed/);
    const calls: string[] = [];
    const terminal = { type: async (c: string, continued?: boolean) => { calls.push(`${c}${continued ? ' >' : ''}`); return continued ? '' : 'out\n'; } };
    expect(await typeBlock(['cat <<EOF', 'x', 'EOF'], terminal)).toBe('out\n');
    expect(calls).toEqual(['cat <<EOF >', 'x >', 'EOF']);
  });

  it('accepts a typed number within the card\'s margin only', () => {
    const card = parseLesson('# T\n```predict\nquestion: q\nanswer: 100\nwithin: 10%\n```\n').steps[0];
    const exact = parseLesson('# T\n```predict\nquestion: q\nanswer: 100\n```\n').steps[0];
    if (card.kind !== 'predict' || exact.kind !== 'predict') throw new Error('not a predict card');
    expect([numberMatches(card, 100, 91), numberMatches(card, 100, 110), numberMatches(card, 100, 89)]).toEqual([true, true, false]);
    expect([numberMatches(exact, 100, 100), numberMatches(exact, 100, 99)]).toEqual([true, false]);
  });

  it('fails a predict card whose answer matches no choice, and a check that does not hold', async () => {
    const host: LessonHost = {
      type: async () => '', settle: async () => {}, describeLink: () => ({ ok: true, text: '' }),
      functions: () => ({ pid: () => 4, faults: () => null, exists: () => false }),
    };
    const results = await runLesson(parseLesson(lesson), host);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results[3].summary).toMatch(/no answer/);
    expect(results[4].summary).toMatch(/FAILED: exists\(shell\)/);
  });
});

describe('lesson files and npm run lesson', () => {
  it('reports a lesson whose languages differ, and one missing a language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-lessons-'));
    try {
      mkdirSync(join(dir, '01-x'));
      writeFileSync(join(dir, '01-x', 'en.md'), '# X\n\n```run\nls\n```\n');
      writeFileSync(join(dir, '01-x', 'ja.md'), '# X\n\n```run\nls -l\n```\n');
      expect(lessonNames(dir)).toEqual(['01-x']);
      expect(loadLesson('01-x', dir).problems[0]).toMatch(/step 1/);
      mkdirSync(join(dir, '02-y'));
      writeFileSync(join(dir, '02-y', 'en.md'), '# Y\n');
      expect(() => loadLesson('02-y', dir)).toThrow(/02-y\/ja.md is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every lesson, and refuses an unknown one with exit status 2', () => {
    const tsx = join(LESSONS_DIR, '..', 'node_modules', '.bin', 'tsx');
    const cli = join(LESSONS_DIR, '..', 'cli', 'lesson.ts');
    const list = spawnSync(tsx, [cli, '--list'], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(lessonNames());
    const missing = spawnSync(tsx, [cli, 'no-such-lesson'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no lesson "no-such-lesson"/);
  }, 60_000);
});

describe('the headless runner on the real system', () => {
  it('fails a hung command and a false check, and Ctrl-C gives the next step its prompt back; a ^Z line stops a foreground job; a here-document', async () => {
    const lesson = parseLesson([
      '# Hang', '', '```run', 'cat', '```', '', '```check', 'say: init is a zombie', 'expect: state(1) == "zombie"', '```', '',
      '```run', 'echo after', '```', '', '```check', 'say: the shell answers again', 'expect: output == "after\\n"', '```',
      '```run', 'sleep 100', '^Z', 'echo $?', '```', '',
      '```check', 'say: ^Z stopped sleep (SIGTSTP, 20)', 'expect: state(find("sleep", "stopped")) == "stopped"', 'expect: output ~ "Stopped +sleep 100\\n148\\n$"', '```',
      '```run', 'sort <<EOF | head -n 1', 'pear', 'apple', 'EOF', '```', '',
      '```check', 'say: a here-document typed line by line at the "> " prompt', 'expect: output == "apple\\n"', '```',
    ].join('\n'));
    const { kernel, root } = await lessonImages();
    const session = await HeadlessSession.boot(kernel, root, lesson.machine, { commandSeconds: 2 });
    const results = await runLesson(lesson, headlessHost(session));
    expect(results.map((r) => r.ok)).toEqual([false, false, true, true, true, true, true, true]);
    expect(results[0].summary).toMatch(/"cat" did not give the prompt back/);
    expect(results[1].summary).toMatch(/FAILED: state\(1\) == "zombie"/);
  }, 300_000);

  it('pid(NAME) names the newest live process, not a newer zombie of the same name (a link to the shell once landed on an exited subshell)', async () => {
    const lesson = parseLesson([
      '# Zombie', '', '```run', 'sh -c \'sh -c "exit 0" & exec sleep 5\' &', 'sleep 0.2', '```', '',
      '```check', 'say: a newer sh is a zombie', 'expect: state(find("sh", "zombie")) == "zombie"', 'expect: find("sh", "zombie") > pid("sh")', '```', '',
      '```check', 'say: pid("sh") is the interactive shell, alive', 'expect: state(pid("sh")) != "zombie"', 'expect: pid("sh") == ppid(pid("sleep"))', '```',
    ].join('\n'));
    const { kernel, root } = await lessonImages();
    const session = await HeadlessSession.boot(kernel, root, lesson.machine, { commandSeconds: 2 });
    const results = await runLesson(lesson, headlessHost(session));
    expect(results.map((r) => [r.ok, r.summary])).toEqual(results.map((r) => [true, r.summary]));
  }, 300_000);
});

describe('every lesson', () => {
  const names = lessonNames();

  it('exists, with both languages', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  for (const name of names) {
    it(`${name}: en.md and ja.md have the same steps, and every step holds on the running system`, async () => {
      const loaded = loadLesson(name);
      expect(loaded.problems).toEqual([]);
      const lesson = loaded.languages.en;
      expect(lesson.steps.some((s) => s.kind === 'check')).toBe(true);
      const { kernel, root } = await lessonImages();
      const session = await HeadlessSession.boot(kernel, root, lesson.machine);
      const results = await runLesson(lesson, headlessHost(session));
      const failed = results.filter((r) => !r.ok).map((r) => r.summary);
      expect(failed, session.transcript.slice(-3000)).toEqual([]);
    }, 300_000);
  }
});
