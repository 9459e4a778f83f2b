// The lesson format (lessons/README.md describes it for authors): Markdown
// whose fenced blocks of a few kinds are the steps, read into a Lesson.
// Pure TypeScript (no Node, no DOM): the page and its worker import it as
// the headless runner does.
//
//   ```machine   ram: MiB / swap: MiB             the machine the lesson boots
//   ```run       one shell command a line          typed into the terminal
//                (a line `^Z`, `^C`, `^D`…: that control key, pressed while
//                the command above it runs; a here-document's lines are
//                typed at the shell's "> " prompt)
//   ```let       NAME = EXPR a line                values taken from the machine
//   ```predict   question / choice EXPR: text / answer[ after]: EXPR / within: N%
//   ```check     say: text / let NAME = EXPR / expect: EXPR / wait: seconds
//   [text](hako:VIEW?key=value&…)                  a link opening a debug view
//
// Every other fence (```text, ```c …) is prose. Invariants: a parsed lesson
// has had every expression parsed (a typo fails at load, not mid-run); the
// language-neutral part of each step (`signature`) is what must be equal
// between the English and Japanese files of a lesson — the words (title,
// question, choice texts, say, link text) may differ, nothing else.

import { LessonError, parseExpr, type Expr } from './expr.ts';

export interface MachineConfig { ramMiB: number; swapMiB: number }

export interface LetBinding { name: string; source: string; expr: Expr }

export type Step =
  | { kind: 'run'; line: number; commands: string[] }
  | { kind: 'let'; line: number; bindings: LetBinding[] }
  | {
    kind: 'predict'; line: number; question: string; choices: { source: string; expr: Expr; text: string }[];
    answer: { source: string; expr: Expr }; after: boolean; withinPercent: number | null;
  }
  | { kind: 'check'; line: number; say: string; bindings: LetBinding[]; expects: { source: string; expr: Expr }[]; waitSeconds: number }
  | { kind: 'link'; line: number; text: string; view: LinkView; params: Record<string, string> };

/** The debug views a link may open, with the parameters each needs. */
export const LINK_VIEWS = {
  process: ['pid'],
  pagetables: ['pid'],     // optional addr: the page table entry of that address
  frame: ['frame'],
  framemap: [],
  memory: [],
  log: [],
  goroutines: ['pid'],     // the G/M/P pane on that process's runtime
} as const satisfies Record<string, readonly string[]>;
export type LinkView = keyof typeof LINK_VIEWS;
const LINK_OPTIONAL: Record<string, string[]> = { pagetables: ['addr'] };

export interface Lesson {
  /** The first `# ` heading. */
  title: string;
  machine: MachineConfig;
  steps: Step[];
}

export const DEFAULT_MACHINE: MachineConfig = { ramMiB: 32, swapMiB: 0 };

const LINK = /\[([^\]]+)\]\(hako:([a-z]+)(?:\?((?:\{\{[^}]*\}\}|[^)\s{])*))?\)/g;

function fail(line: number, message: string): never {
  throw new LessonError(`line ${line}: ${message}`);
}

function parseExprAt(source: string, line: number): Expr {
  try {
    return parseExpr(source);
  } catch (e) {
    return fail(line, (e as Error).message);
  }
}

function binding(text: string, line: number): LetBinding {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(text);
  if (!m) fail(line, `expected NAME = EXPR, got: ${text}`);
  return { name: m[1], source: m[2], expr: parseExprAt(m[2], line) };
}

function parseLinks(text: string, line: number, steps: Step[]): void {
  for (const m of text.matchAll(LINK)) {
    const view = m[2];
    if (!(view in LINK_VIEWS)) fail(line, `unknown debug view "${view}" (known: ${Object.keys(LINK_VIEWS).join(', ')})`);
    const params: Record<string, string> = {};
    for (const pair of (m[3] ?? '').split('&').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) fail(line, `link parameter without a value: ${pair}`);
      params[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const needs: readonly string[] = LINK_VIEWS[view as LinkView];
    for (const key of needs) if (!(key in params)) fail(line, `a ${view} link needs ${key}=`);
    for (const key of Object.keys(params)) {
      if (!needs.includes(key) && !(LINK_OPTIONAL[view] ?? []).includes(key)) fail(line, `a ${view} link takes no ${key}=`);
    }
    steps.push({ kind: 'link', line, text: m[1], view: view as LinkView, params });
  }
}

/** key: value lines of a block; `let` lines and repeated keys kept in order. */
function fields(body: string[], first: number): { key: string; value: string; line: number }[] {
  return body.map((text, i) => {
    const line = first + i;
    const letLine = /^let\s+(.*)$/.exec(text);
    if (letLine) return { key: 'let', value: letLine[1], line };
    const m = /^([a-z]+(?: [^:]+?)?):\s*(.*)$/.exec(text);
    if (!m) fail(line, `expected "key: value", got: ${text}`);
    return { key: m[1], value: m[2], line };
  });
}

function parseBlock(kind: string, body: string[], line: number, lesson: Lesson): Step | null {
  const first = line + 1;
  const lines = body.map((t) => t.trimEnd());
  switch (kind) {
    case 'machine': {
      for (const f of fields(lines.filter((t) => t.trim()), first)) {
        const n = Number(f.value);
        if (!Number.isInteger(n) || n < 0) fail(f.line, `${f.key}: expected a whole number of MiB`);
        if (f.key === 'ram') lesson.machine.ramMiB = n;
        else if (f.key === 'swap') lesson.machine.swapMiB = n;
        else fail(f.line, `unknown machine setting "${f.key}" (ram, swap)`);
      }
      return null;
    }
    case 'run': {
      const numbered = lines.map((t, i) => ({ t, at: first + i })).filter(({ t }) => t.trim());
      if (numbered.length === 0) fail(line, 'an empty run block');
      numbered.forEach(({ t, at }, i) => {
        if (controlKey(t) !== null && (i === 0 || controlKey(numbered[i - 1].t) !== null)) {
          fail(at, `${t.trim()} presses a key while a command runs: it needs a command on the line before`);
        }
      });
      const continued = continuedLines(numbered.map(({ t }) => t));
      if (continued[continued.length - 1]) fail(line, 'a here-document in this run block is not closed (its delimiter line is missing)');
      return { kind: 'run', line, commands: numbered.map(({ t }) => t) };
    }
    case 'let':
      return { kind: 'let', line, bindings: lines.map((t, i) => ({ t, i })).filter(({ t }) => t.trim()).map(({ t, i }) => binding(t.trim(), first + i)) };
    case 'predict': {
      let question = '';
      const choices: { source: string; expr: Expr; text: string }[] = [];
      let answer: { source: string; expr: Expr } | null = null;
      let after = false;
      let withinPercent: number | null = null;
      for (const f of fields(lines.filter((t) => t.trim()), first)) {
        const choice = /^choice (.+)$/.exec(f.key);
        if (f.key === 'question') question = f.value;
        else if (choice) choices.push({ source: choice[1].trim(), expr: parseExprAt(choice[1].trim(), f.line), text: f.value });
        else if (f.key === 'answer' || f.key === 'answer after') {
          answer = { source: f.value, expr: parseExprAt(f.value, f.line) };
          after = f.key === 'answer after';
        } else if (f.key === 'within') {
          const m = /^(\d+(?:\.\d+)?)%$/.exec(f.value);
          if (!m) fail(f.line, 'within: expected a percentage like 10%');
          withinPercent = Number(m[1]);
        } else fail(f.line, `unknown predict field "${f.key}" (question, choice EXPR, answer, answer after, within)`);
      }
      if (!question) fail(line, 'a predict card needs a question');
      if (!answer) fail(line, 'a predict card needs an answer (answer: EXPR, or answer after: EXPR)');
      if (choices.length === 1) fail(line, 'a predict card has no choices or at least two');
      if (withinPercent !== null && choices.length) fail(line, 'within: is for number answers, not choices');
      return { kind: 'predict', line, question, choices, answer, after, withinPercent };
    }
    case 'check': {
      let say = '';
      let waitSeconds = 0;
      const bindings: LetBinding[] = [];
      const expects: { source: string; expr: Expr }[] = [];
      for (const f of fields(lines.filter((t) => t.trim()), first)) {
        if (f.key === 'say') say = f.value;
        else if (f.key === 'let') bindings.push(binding(f.value, f.line));
        else if (f.key === 'expect') expects.push({ source: f.value, expr: parseExprAt(f.value, f.line) });
        else if (f.key === 'wait') {
          waitSeconds = Number(f.value);
          if (!(waitSeconds > 0 && waitSeconds <= 60)) fail(f.line, 'wait: expected seconds between 0 and 60');
        } else fail(f.line, `unknown check field "${f.key}" (say, let, expect, wait)`);
      }
      if (expects.length === 0) fail(line, 'a check needs at least one expect:');
      if (!say) fail(line, 'a check needs say: (what the student sees)');
      return { kind: 'check', line, say, bindings, expects, waitSeconds };
    }
    default:
      return null; // an ordinary code fence: prose
  }
}

export function parseLesson(markdown: string): Lesson {
  const lesson: Lesson = { title: '', machine: { ...DEFAULT_MACHINE }, steps: [] };
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  // prose is read a paragraph at a time, so a link's text may wrap onto the next line
  let paragraph: string[] = [];
  let paragraphLine = 0;
  const endParagraph = (): void => {
    if (paragraph.length) parseLinks(paragraph.join(' '), paragraphLine, lesson.steps);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const fence = /^```\s*([A-Za-z]*)\s*$/.exec(text);
    if (fence || text.trim() === '') endParagraph();
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      if (i >= lines.length) fail(start + 1, 'a fenced block is not closed');
      const step = parseBlock(fence[1], body, start + 1, lesson);
      if (step) lesson.steps.push(step);
      continue;
    }
    const heading = /^# (.+)$/.exec(text);
    if (heading && !lesson.title) lesson.title = heading[1].trim();
    if (text.trim() === '') continue;
    if (paragraph.length === 0) paragraphLine = i + 1;
    paragraph.push(text.trim());
  }
  endParagraph();
  if (!lesson.title) throw new LessonError('a lesson needs a "# Title" line');
  // an `answer after` is revealed by the next run block: there must be one
  lesson.steps.forEach((s, k) => {
    if (s.kind === 'predict' && s.after && !lesson.steps.slice(k + 1).some((n) => n.kind === 'run')) {
      fail(s.line, 'answer after: needs a run block after the card');
    }
  });
  return lesson;
}

/** The language-neutral content of a step: equal in every language of a lesson. */
export function signature(step: Step): string {
  switch (step.kind) {
    case 'run': return `run ${JSON.stringify(step.commands)}`;
    case 'let': return `let ${JSON.stringify(step.bindings.map((b) => [b.name, b.source]))}`;
    case 'predict':
      return `predict ${JSON.stringify([step.choices.map((c) => c.source), step.answer.source, step.after, step.withinPercent])}`;
    case 'check':
      return `check ${JSON.stringify([step.bindings.map((b) => [b.name, b.source]), step.expects.map((e) => e.source), step.waitSeconds])}`;
    case 'link': return `link ${step.view} ${JSON.stringify(Object.entries(step.params).sort())}`;
  }
}

/** Differences between two languages of one lesson ([] when their steps and machines agree). */
export function compareLanguages(a: Lesson, b: Lesson, names: [string, string] = ['en', 'ja']): string[] {
  const problems: string[] = [];
  if (a.machine.ramMiB !== b.machine.ramMiB || a.machine.swapMiB !== b.machine.swapMiB) {
    problems.push(`machine differs: ${JSON.stringify(a.machine)} in ${names[0]}, ${JSON.stringify(b.machine)} in ${names[1]}`);
  }
  const n = Math.max(a.steps.length, b.steps.length);
  for (let i = 0; i < n; i++) {
    const x = a.steps[i], y = b.steps[i];
    const sx = x ? signature(x) : '(nothing)', sy = y ? signature(y) : '(nothing)';
    if (sx !== sy) {
      problems.push(`step ${i + 1}: ${names[0]} line ${x?.line ?? '-'} has ${sx}; ${names[1]} line ${y?.line ?? '-'} has ${sy}`);
      break; // after the first difference the rest are shifted: one message says enough
    }
  }
  return problems;
}

/**
 * A run-block line that is a control key in caret notation (`^Z`, `^C`,
 * `^D`, `^\`), as the terminal echoes it: the byte it sends (Ctrl-Z is
 * 0x1a), or null for an ordinary command line. The key is pressed while the
 * command on the line before it runs (run.ts's typeBlock).
 */
export function controlKey(line: string): string | null {
  const m = /^\^([A-Z\\])$/.exec(line.trim());
  return m ? String.fromCharCode(m[1].charCodeAt(0) - 64) : null;
}

/**
 * For each line of a run block: whether the shell will ask for more after
 * it (its continuation prompt "> ") because a here-document is open — the
 * line with `<<WORD` (or `<<-WORD`, `<<'WORD'`) and every body line up to
 * the one that is just WORD. Such lines are typed at the continuation prompt.
 */
export function continuedLines(lines: string[]): boolean[] {
  const pending: { word: string; tabs: boolean }[] = [];
  return lines.map((text) => {
    if (pending.length) {
      const { word, tabs } = pending[0];
      if ((tabs ? text.replace(/^\t+/, '') : text) === word) pending.shift();
      return pending.length > 0;
    }
    for (const m of text.matchAll(/<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
      if (text[m.index! + 2] === '<' || text[m.index! - 1] === '<') continue; // <<< is a here-string
      pending.push({ word: m[3], tabs: m[1] === '-' });
    }
    return pending.length > 0;
  });
}

/** `{{EXPR}}` holes in a command or link parameter. */
export const HOLE = /\{\{([^}]+)\}\}/g;
