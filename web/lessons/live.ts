// One lesson being worked through in the page: the student's side of what
// lessons/engine/run.ts does headless, step by step and in any order the
// student clicks. Holds the lesson's variables (`let` values, `output` of
// the last run block) and each step's state; every expression is evaluated
// in the worker against the live machine (LessonEvalRequest: the engine's
// expressions over the engine's probes), never here.
//
// Semantics, as the headless runner's:
// - run: holes filled, each line typed (visibly) and the prompt awaited;
//   `output` = what the lines printed; then a little emulated time for the
//   kernel's tables to catch up; then pending `answer after` cards are
//   answered and the checks up to the next run block are evaluated.
// - let: evaluated when the student first acts on a later step, and again
//   after a run block before it has run (its values are "now").
// - predict: the student answers first; `answer:` is then computed from the
//   machine, `answer after:` once the next run block has run.
// - check: every expect true, retried while its `wait` lasts.
// Invariants: a lesson mistake (unknown name, a hole that is none) shows
// on its step and never throws out of a click; a step's state is indexed
// by its position, which is the same in both languages.

import { truthy } from '../../lessons/engine/expr.ts';
import type { Lesson, Step } from '../../lessons/engine/format.ts';
import { typeBlock } from '../../lessons/engine/run.ts';
import type { LessonEvalRequest, LessonEvalResult, LessonValue } from '../protocol.ts';

/** Seconds of emulated time after a run block and between a check's retries (run.ts's values). */
const AFTER_RUN_SECONDS = 0.06;
const CHECK_RETRY_SECONDS = 0.1;

export interface LiveHost {
  evaluate(request: LessonEvalRequest): Promise<LessonEvalResult>;
  /** Types a command into the terminal; resolves with its output. */
  type(command: string): Promise<string>;
  /** Types a command, presses a control key while it runs (a run block's `^Z` line); resolves with the output. */
  typeThenPress?(command: string, key: string): Promise<string>;
  settle(seconds: number): Promise<unknown>;
}

export type StepState =
  | { kind: 'run'; status: 'ready' | 'running' | 'done' | 'failed'; message: string; runs: number }
  | { kind: 'predict'; status: 'open' | 'waiting' | 'answered' | 'failed'; student: LessonValue; answer: LessonValue; correct: boolean | null;
      /** The student's choice and the choice the machine's answer is (positions; -1: none). */
      choice: number; machineChoice: number; message: string }
  | { kind: 'check'; status: 'pending' | 'checking' | 'pass' | 'fail'; failed: string[]; message: string }
  | { kind: 'other' };

export class LiveLesson {
  readonly states: StepState[];
  private vars: Record<string, LessonValue> = { output: '' };
  /** Let steps whose values are current (evaluated after the last run block before them ran). */
  private freshLets = new Set<number>();
  /** Run steps that have run at least once. */
  private ran = new Set<number>();

  constructor(
    public lesson: Lesson,
    private readonly host: LiveHost,
    private readonly changed: (index: number) => void,
    private readonly checkPassed: (index: number, ordinal: number) => void,
  ) {
    this.states = lesson.steps.map((s): StepState => {
      switch (s.kind) {
        case 'run': return { kind: 'run', status: 'ready', message: '', runs: 0 };
        case 'predict': return { kind: 'predict', status: 'open', student: null, answer: null, correct: null, choice: -1, machineChoice: -1, message: '' };
        case 'check': return { kind: 'check', status: 'pending', failed: [], message: '' };
        default: return { kind: 'other' };
      }
    });
  }

  get steps(): Step[] { return this.lesson.steps; }

  /** The same lesson in another language: the same steps (compareLanguages holds), other words; the state stays. */
  useWords(lesson: Lesson): void {
    if (lesson.steps.length === this.lesson.steps.length) this.lesson = lesson;
  }

  /** The position of check `index` among the lesson's checks (what progress records). */
  checkOrdinal(index: number): number {
    return this.steps.slice(0, index).filter((s) => s.kind === 'check').length;
  }

  private set(index: number, state: StepState): void {
    this.states[index] = state;
    this.changed(index);
  }

  /** Evaluates the lets before `index` that are not current, in order; an error names the first that failed. */
  private async catchUpLets(index: number): Promise<string | null> {
    for (let i = 0; i < index; i++) {
      const s = this.steps[i];
      if (s.kind !== 'let' || this.freshLets.has(i)) continue;
      const r = await this.host.evaluate({ vars: this.vars, bindings: s.bindings.map((b) => ({ name: b.name, source: b.source })), templates: [], exprs: [] });
      if (r.error) return r.error;
      this.vars = r.vars;
      this.freshLets.add(i);
    }
    return null;
  }

  async run(index: number): Promise<void> {
    const step = this.steps[index];
    const state = this.states[index];
    if (step.kind !== 'run' || state.kind !== 'run' || state.status === 'running') return;
    this.set(index, { ...state, status: 'running', message: '' });
    try {
      const lets = await this.catchUpLets(index);
      if (lets) throw new Error(lets);
      const holes = await this.host.evaluate({ vars: this.vars, bindings: [], templates: step.commands, exprs: [] });
      if (holes.error) throw new Error(holes.error);
      const output = await typeBlock(holes.filled, this.host);
      await this.host.settle(AFTER_RUN_SECONDS);
      this.vars = { ...this.vars, output };
      this.ran.add(index);
      // lets after this block now describe an older machine
      for (const i of [...this.freshLets]) if (i > index) this.freshLets.delete(i);
      this.set(index, { kind: 'run', status: 'done', message: '', runs: state.runs + 1 });
    } catch (e) {
      this.set(index, { kind: 'run', status: 'failed', message: (e as Error).message, runs: state.runs });
      return;
    }
    // what this block reveals: `answer after` cards before it, then the checks up to the next run block
    for (let i = 0; i < index; i++) {
      const s = this.states[i];
      if (s.kind === 'predict' && s.status === 'waiting') await this.reveal(i);
    }
    for (let i = index + 1; i < this.steps.length && this.steps[i].kind !== 'run'; i++) {
      if (this.steps[i].kind === 'check') await this.check(i);
    }
  }

  /** The student's pick or number before they press Answer: kept (without a redraw), so a redraw of the card keeps it too. */
  draft(index: number, student: { choice: number } | { number: number | null }): void {
    const state = this.states[index];
    if (state.kind !== 'predict' || (state.status !== 'open' && state.status !== 'failed')) return;
    if ('choice' in student) state.choice = student.choice;
    else state.student = student.number;
  }

  /** The student's answer to a predict card: a choice's position, or a number. */
  async answer(index: number, student: { choice: number } | { number: number }): Promise<void> {
    const step = this.steps[index];
    const state = this.states[index];
    if (step.kind !== 'predict' || state.kind !== 'predict') return;
    const choice = 'choice' in student ? student.choice : -1;
    const given: LessonValue = 'number' in student ? student.number : null;
    this.set(index, { ...state, student: given, choice, status: 'waiting', message: '' });
    // `answer after` waits for the next run block, unless it has already run
    const nextRun = this.steps.findIndex((s, i) => i > index && s.kind === 'run');
    if (step.after && !(nextRun >= 0 && this.ran.has(nextRun))) return;
    await this.reveal(index);
  }

  private async reveal(index: number): Promise<void> {
    const step = this.steps[index];
    const state = this.states[index];
    if (step.kind !== 'predict' || state.kind !== 'predict') return;
    const lets = await this.catchUpLets(index);
    const r = lets ? null : await this.host.evaluate({ vars: this.vars, bindings: [], templates: [], exprs: [step.answer.source, ...step.choices.map((c) => c.source)] });
    const error = lets ?? r?.error ?? null;
    if (error || !r) { this.set(index, { ...state, status: 'failed', message: error ?? 'no answer' }); return; }
    const [answer, ...choiceValues] = r.values;
    if (answer === null) { this.set(index, { ...state, status: 'failed', answer, message: `${step.answer.source} is none: the machine has no answer (were the steps before run?)` }); return; }
    let correct: boolean;
    const machineChoice = choiceValues.findIndex((v) => v === answer);
    if (step.choices.length) {
      if (machineChoice < 0) { this.set(index, { ...state, status: 'failed', answer, message: `the machine's answer (${String(answer)}) matches no choice` }); return; }
      correct = state.choice === machineChoice;
    } else {
      const given = Number(state.student);
      const margin = step.withinPercent === null ? 0 : Math.abs(Number(answer)) * step.withinPercent / 100;
      correct = typeof answer === 'number' && Math.abs(given - answer) <= margin;
    }
    this.set(index, { ...state, status: 'answered', answer, correct, machineChoice, message: '' });
  }

  async check(index: number): Promise<void> {
    const step = this.steps[index];
    const state = this.states[index];
    if (step.kind !== 'check' || state.kind !== 'check' || state.status === 'checking') return;
    this.set(index, { ...state, status: 'checking', message: '' });
    const lets = await this.catchUpLets(index);
    if (lets) { this.set(index, { kind: 'check', status: 'fail', failed: [], message: lets }); return; }
    const request = (): LessonEvalRequest => ({
      vars: this.vars, bindings: step.bindings.map((b) => ({ name: b.name, source: b.source })), templates: [], exprs: step.expects.map((e) => e.source),
    });
    let waited = 0;
    for (;;) {
      const r = await this.host.evaluate(request());
      if (r.error) { this.set(index, { kind: 'check', status: 'fail', failed: [], message: r.error }); return; }
      this.vars = r.vars;
      const failed = step.expects.filter((_, k) => !truthy(r.values[k])).map((e) => e.source);
      if (failed.length === 0) {
        this.set(index, { kind: 'check', status: 'pass', failed: [], message: '' });
        this.checkPassed(index, this.checkOrdinal(index));
        return;
      }
      if (waited >= step.waitSeconds) { this.set(index, { kind: 'check', status: 'fail', failed, message: '' }); return; }
      await this.host.settle(CHECK_RETRY_SECONDS);
      waited += CHECK_RETRY_SECONDS;
    }
  }

  /** A link's parameters filled and evaluated (as run.ts does: holes, then each value as an expression). */
  async linkParams(index: number): Promise<{ params: Record<string, LessonValue>; error: string | null }> {
    const step = this.steps[index];
    if (step.kind !== 'link') return { params: {}, error: 'not a link' };
    const lets = await this.catchUpLets(index);
    if (lets) return { params: {}, error: lets };
    const keys = Object.keys(step.params);
    const filled = await this.host.evaluate({ vars: this.vars, bindings: [], templates: keys.map((k) => step.params[k]), exprs: [] });
    if (filled.error) return { params: {}, error: filled.error };
    const values = await this.host.evaluate({ vars: this.vars, bindings: [], templates: [], exprs: filled.filled });
    if (values.error) return { params: {}, error: values.error };
    return { params: Object.fromEntries(keys.map((k, i) => [k, values.values[i]])), error: null };
  }
}

