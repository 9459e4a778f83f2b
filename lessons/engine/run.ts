// Running a lesson's steps against a live machine: what `npm run lesson`
// and the lessons test do, and what the page's lessons pane will do one
// step at a time. Pure TypeScript: the terminal and the machine's probes
// come in through LessonHost.
//
// Per step: a run block types its commands (holes `{{EXPR}}` filled first;
// a key line such as `^Z` is pressed while the command before it runs)
// and sets `output` to what they printed; a let names values; a predict card
// is answered from the machine — at once, or, with `answer after`, once the
// next run block has run — and fails when the answer is none or matches no
// choice (the lesson no longer fits the system); a check holds when every
// expect does, retried while its `wait` lasts; a link must point at
// something that exists (the process, its address space, the frame).
// The page, which goes one click at a time, uses the same pieces: newVars,
// fill, answerPredict (+ numberMatches for a typed number),
// evaluateCheck and linkParams.
// Invariants: every step yields one StepResult; a lesson passes only when
// every result is ok; a mistake in the lesson (unknown name or function) is
// a failed step, not an exception.

import { evaluate, LessonError, parseExpr, show, truthy, type Functions, type Value } from './expr.ts';
import { controlKey, HOLE, type Lesson, type Step } from './format.ts';

/** The terminal a run block is typed into (a LessonHost, or the page's typist). */
export interface LessonTerminal {
  /** Types one command; resolves with what it printed. */
  type(command: string): Promise<string>;
  /**
   * Types one command, lets it run a moment (KEY_AFTER_SECONDS), presses
   * `key` (a control byte, e.g. "\x1a" for ^Z) and resolves with what was
   * printed up to the prompt. A terminal without it cannot run a block with
   * a key line.
   */
  typeThenPress?(command: string, key: string): Promise<string>;
}

/** Emulated seconds a command runs before a key line's key is pressed: long enough to start and settle. */
export const KEY_AFTER_SECONDS = 0.2;

export interface LessonHost extends LessonTerminal {
  /** Lets emulated time pass. */
  settle(seconds: number): Promise<void>;
  /** The machine's probes (lessons/engine/probes.ts) at this moment. */
  functions(): Functions;
  /** A line describing what a link opens (e.g. the frame behind the address), or an error message; null when fine and nothing to add. */
  describeLink(view: string, params: Record<string, Value>): { ok: boolean; text: string };
}

export interface StepResult {
  step: Step;
  ok: boolean;
  /** One line for the runner's report. */
  summary: string;
  /** For a predict card: the answer the machine gave. */
  answer?: Value;
}

const CHECK_RETRY_SECONDS = 0.1;
/** Settling after each command lets the kernel's debug tables catch up (kdebugd refreshes every 50 ms). */
const AFTER_RUN_SECONDS = 0.06;

/** `{{EXPR}}` holes of a command or link parameter filled with their values (none is a LessonError). */
export function fill(text: string, vars: Map<string, Value>, fns: Functions): string {
  return text.replace(HOLE, (_, source: string) => {
    const v = evaluate(parseExpr(source.trim()), vars, fns);
    if (v === null) throw new LessonError(`{{${source}}} is none`);
    return String(v);
  });
}

/**
 * Types a run block's lines and returns everything they printed: a command
 * line is typed and its prompt awaited, unless the next line is a key
 * (`^Z`): then the key is pressed while it runs. `prepare` fills a command's
 * holes just before it is typed (so it sees what the lines before it did).
 */
export async function typeBlock(lines: string[], terminal: LessonTerminal, prepare: (line: string) => string = (l) => l): Promise<string> {
  let output = '';
  for (let i = 0; i < lines.length; i++) {
    if (controlKey(lines[i]) !== null) continue; // pressed with the command before it
    const key = i + 1 < lines.length ? controlKey(lines[i + 1]) : null;
    if (key === null) output += await terminal.type(prepare(lines[i]));
    else if (terminal.typeThenPress) output += await terminal.typeThenPress(prepare(lines[i]), key);
    else throw new LessonError(`this terminal cannot press ${lines[i + 1].trim()}`);
  }
  return output;
}

/** A lesson's variables: `let` values and `output`, the text of the last run block. */
export type LessonVars = Map<string, Value>;

export function newVars(): LessonVars { return new Map<string, Value>([['output', '']]); }

type Predict = Extract<Step, { kind: 'predict' }>;
type Check = Extract<Step, { kind: 'check' }>;

/** What the machine answers to a predict card now, and which choice that is (the page shows both). */
export function answerPredict(step: Predict, vars: LessonVars, fns: Functions): { answer: Value; choice: number; ok: boolean; why: string } {
  const answer = evaluate(step.answer.expr, vars, fns);
  if (answer === null) return { answer, choice: -1, ok: false, why: `no answer: ${step.answer.source} is none` };
  if (step.choices.length) {
    const choice = step.choices.findIndex((c) => evaluate(c.expr, vars, fns) === answer);
    return choice >= 0 ? { answer, choice, ok: true, why: step.choices[choice].text }
      : { answer, choice, ok: false, why: `matches no choice (${step.choices.map((c) => c.source).join(', ')})` };
  }
  return typeof answer === 'number' ? { answer, choice: -1, ok: true, why: '' } : { answer, choice: -1, ok: false, why: 'is not a number' };
}

/** Whether a student's number is right: equal, or within the card's `within:` percentage of the machine's answer. */
export function numberMatches(step: Predict, answer: number, guess: number): boolean {
  if (step.withinPercent === null) return guess === answer;
  return Math.abs(guess - answer) <= Math.abs(answer) * step.withinPercent / 100;
}

/** Evaluates a check's lets (into vars) and expects once; returns the sources of the expects that do not hold. */
export function evaluateCheck(step: Check, vars: LessonVars, fns: Functions): string[] {
  for (const b of step.bindings) vars.set(b.name, evaluate(b.expr, vars, fns));
  return step.expects.filter((e) => !truthy(evaluate(e.expr, vars, fns))).map((e) => e.source);
}

/** A link's parameters with holes filled and evaluated. */
export function linkParams(step: Extract<Step, { kind: 'link' }>, vars: LessonVars, fns: Functions): Record<string, Value> {
  const params: Record<string, Value> = {};
  for (const [k, v] of Object.entries(step.params)) params[k] = evaluate(parseExpr(fill(v, vars, fns)), vars, fns);
  return params;
}

export async function runLesson(lesson: Lesson, host: LessonHost, onStep: (r: StepResult) => void = () => {}): Promise<StepResult[]> {
  const vars = newVars();
  const results: StepResult[] = [];
  const pending: Predict[] = [];
  const report = (r: StepResult): void => { results.push(r); onStep(r); };

  const answerCard = (step: Predict): void => {
    const a = answerPredict(step, vars, host.functions());
    const shown = a.answer === null ? '' : `${show(a.answer)}${a.why ? ' ' : ''}`;
    report({ step, ok: a.ok, answer: a.answer, summary: `predict  ${step.question} → ${shown}${a.ok && a.why ? `(${a.why})` : a.why}` });
  };

  for (const step of lesson.steps) {
    try {
      switch (step.kind) {
        case 'run': {
          const output = await typeBlock(step.commands, host, (command) => fill(command, vars, host.functions()));
          await host.settle(AFTER_RUN_SECONDS);
          vars.set('output', output);
          report({ step, ok: true, summary: `run      ${step.commands.join(' ⏎ ')}` });
          for (const card of pending.splice(0)) answerCard(card);
          break;
        }
        case 'let': {
          const fns = host.functions();
          for (const b of step.bindings) vars.set(b.name, evaluate(b.expr, vars, fns));
          report({ step, ok: true, summary: `let      ${step.bindings.map((b) => `${b.name} = ${show(vars.get(b.name)!)}`).join(', ')}` });
          break;
        }
        case 'predict':
          if (step.after) pending.push(step);
          else answerCard(step);
          break;
        case 'check': {
          let failed = evaluateCheck(step, vars, host.functions());
          for (let waited = 0; failed.length > 0 && waited < step.waitSeconds; waited += CHECK_RETRY_SECONDS) {
            await host.settle(CHECK_RETRY_SECONDS);
            failed = evaluateCheck(step, vars, host.functions());
          }
          report({
            step, ok: failed.length === 0,
            summary: failed.length === 0 ? `check    ${step.say}` : `check    ${step.say} — FAILED: ${failed.join('; ')}${valuesOf(step, vars)}`,
          });
          break;
        }
        case 'link': {
          const params = linkParams(step, vars, host.functions());
          const described = host.describeLink(step.view, params);
          const where = Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'number' && k !== 'pid' ? `0x${v.toString(16)}` : show(v)}`).join(' ');
          report({ step, ok: described.ok, summary: `link     ${step.view}${where ? ` ${where}` : ''}: ${described.text}` });
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof LessonError)) throw e;
      report({ step, ok: false, summary: `${step.kind.padEnd(8)} line ${step.line}: ${e.message}` });
    }
  }
  return results;
}

/** The lesson variables a failed check mentions, for the failure line. */
function valuesOf(step: Check, vars: LessonVars): string {
  const shown = [...vars.entries()].filter(([name]) => name !== 'output' && step.expects.some((e) => new RegExp(`\\b${name}\\b`).test(e.source)));
  const out = step.expects.some((e) => /\boutput\b/.test(e.source)) ? [['output', (vars.get('output') as string).slice(-300)] as const] : [];
  const all = [...shown, ...out];
  return all.length ? ` [${all.map(([k, v]) => `${k} = ${show(v)}`).join(', ')}]` : '';
}
