// The lessons pane: the list of lessons with each one's progress, and the
// open lesson beside the terminal — its prose rendered from Markdown
// (markdown.ts, as DOM nodes, never HTML strings), its run blocks as buttons
// that type into the terminal, its predict cards and checks answered from
// the live machine (live.ts), its `hako:` links opening the debug pane on
// what they name. English or Japanese, remembered with the progress
// (progress.ts). `#lesson=NAME` (NAME as `npm run lesson` takes it, with an
// optional `&lang=ja`) opens a lesson directly.
//
// The page (main.ts) owns the machine: the pane says which lesson is open
// (whose machine the next boot uses) and is told when a boot finished;
// every boot starts the open lesson's steps afresh (progress stays).

import type { Remote } from 'comlink';
import type { MachineConfig, Step } from '../../lessons/engine/format.ts';
import type { LessonValue, MachineWorkerApi } from '../protocol.ts';
import { el } from '../panes/dom.ts';
import { LESSON_NAMES, lessonFromHash, lessonTitle, loadLesson, type Language, type LoadedLesson } from './catalog.ts';
import { parseMarkdown, type Block, type Inline } from './markdown.ts';
import { LiveLesson, type StepState } from './live.ts';
import { loadProgress, markPassed, saveProgress, type LessonProgress } from './progress.ts';
import type { ConsoleTypist } from './typist.ts';
import { words } from './text.ts';

export interface LessonsHost {
  api: Remote<MachineWorkerApi>;
  typist: ConsoleTypist;
  /** The machine running now (null while booting or after a failed boot). */
  running(): { image: string | null; ramMiB: number; swapMiB: number } | null;
  /** Open lesson changed: its machine (null: none open); `boot` reboots with it now. */
  setLessonMachine(machine: MachineConfig | null, boot: boolean): void;
  /** Open the debug pane on what a link names. */
  focusDebug(view: string, params: Record<string, LessonValue>): void;
  /** The pane was shown or hidden (the terminal refits). */
  layoutChanged(): void;
}

export class LessonsPane {
  private progress: LessonProgress = loadProgress();
  private current: LoadedLesson | null = null;
  private live: LiveLesson | null = null;
  private readonly body = el('div', { class: 'lessons-body' });
  private readonly langButtons: Record<Language, HTMLButtonElement>;
  /** Step index → its widget's refresh. */
  private refreshers = new Map<number, () => void>();
  private progressLine: HTMLElement | null = null;
  private machineBar: HTMLElement | null = null;

  constructor(private readonly root: HTMLElement, private readonly host: LessonsHost) {
    const lang = (l: Language, text: string) => {
      const b = el('button', { type: 'button', 'data-testid': `lesson-lang-${l}`, lang: l }, text);
      b.addEventListener('click', () => this.setLanguage(l));
      return b;
    };
    this.langButtons = { en: lang('en', 'English'), ja: lang('ja', '日本語') };
    const hide = el('button', { type: 'button', 'data-testid': 'lessons-hide', class: 'lessons-hide' }, '×');
    hide.addEventListener('click', () => this.setOpen(false));
    root.replaceChildren(el('div', { class: 'lessons-head' }, el('h2', { 'data-testid': 'lessons-heading' }), this.langButtons.en, this.langButtons.ja, hide), this.body);
    root.dataset.ready = '1';
    window.addEventListener('hashchange', () => this.openFromHash());
    this.applyOpen();
  }

  /** First render: the lesson the page booted for (or the list) — or the one the hash names now, if it changed while the page loaded. */
  start(bootedFor: string | null): void {
    const fromHash = lessonFromHash(location.hash);
    if (fromHash.lang) this.progress.lang = fromHash.lang;
    if (fromHash.asked && !fromHash.name) {
      this.render();
      this.body.prepend(el('p', { class: 'lesson-error', role: 'alert' }, `No lesson "${fromHash.asked}".`));
      return;
    }
    if (fromHash.name && fromHash.name !== bootedFor) this.open(fromHash.name, true);
    else this.open(bootedFor, false);
  }

  /** A boot finished: the open lesson's steps start again on the new machine. */
  machineBooted(): void {
    if (!this.current) return;
    const scrolled = this.body.scrollTop;
    this.open(this.current.name, false);
    this.body.scrollTop = scrolled;
  }

  get openLesson(): string | null { return this.current?.name ?? null; }

  isOpen(): boolean { return this.progress.paneOpen; }

  setOpen(open: boolean): void {
    this.progress.paneOpen = open;
    saveProgress(this.progress);
    this.applyOpen();
  }

  private applyOpen(): void {
    document.body.classList.toggle('lessons-closed', !this.progress.paneOpen);
    this.host.layoutChanged();
  }

  private openFromHash(): void {
    const { name, asked, lang } = lessonFromHash(location.hash);
    if (!asked) return;
    if (lang) this.progress.lang = lang;
    if (!this.progress.paneOpen) this.setOpen(true);
    if (!name) return;
    if (name === this.current?.name && lang === null) {
      // already open: keep its steps; boot its machine only if that is not what runs
      const machine = this.current.lesson?.machine ?? null;
      if (machine && !this.machineFits(machine)) this.host.setLessonMachine(machine, true);
      return;
    }
    this.open(name, true);
  }

  /** Opens a lesson (null: the list); `boot` reboots when the running machine is not the lesson's. */
  open(name: string | null, boot: boolean): void {
    this.current = name ? loadLesson(name, this.progress.lang) : null;
    this.progress.current = this.current?.name ?? null;
    saveProgress(this.progress);
    const machine = this.current?.lesson?.machine ?? null;
    this.host.setLessonMachine(machine, boot && machine !== null && !this.machineFits(machine));
    this.live = this.current?.lesson
      ? new LiveLesson(this.current.lesson, {
        evaluate: (r) => this.host.api.evaluateLesson(r),
        type: (c) => this.host.typist.type(c),
        typeThenPress: (c, k) => this.host.typist.typeThenPress(c, k),
        settle: (s) => this.host.api.settle(s),
      }, (i) => this.refreshers.get(i)?.(), (_, ordinal) => this.passed(ordinal))
      : null;
    this.render();
  }

  private machineFits(m: MachineConfig): boolean {
    const r = this.host.running();
    return r !== null && r.image === 'kernel' && r.ramMiB === m.ramMiB && r.swapMiB === m.swapMiB;
  }

  private setLanguage(lang: Language): void {
    if (lang === this.progress.lang) return;
    this.progress.lang = lang;
    saveProgress(this.progress);
    if (!this.current) { this.render(); return; }
    // the same steps in the other words: the live state (indexed by step) carries over
    this.current = loadLesson(this.current.name, lang);
    if (this.live && this.current?.lesson) this.live.useWords(this.current.lesson);
    this.render();
  }

  private passed(ordinal: number): void {
    if (!this.current) return;
    if (markPassed(this.progress, this.current.name, ordinal)) saveProgress(this.progress);
    this.renderProgress();
  }

  private checksOf(name: string): number {
    return loadLesson(name, 'en')?.lesson?.steps.filter((s) => s.kind === 'check').length ?? 0;
  }

  // ---- rendering --------------------------------------------------------------------------

  private render(): void {
    const w = words(this.progress.lang);
    for (const l of ['en', 'ja'] as const) this.langButtons[l].setAttribute('aria-pressed', String(l === this.progress.lang));
    this.root.querySelector('h2')!.textContent = w.lessons;
    this.root.lang = this.progress.lang;
    this.refreshers.clear();
    this.progressLine = null;
    this.machineBar = null;
    if (!this.current) { this.renderList(); return; }
    const c = this.current;
    const back = el('a', { href: '#', class: 'lesson-back', 'data-testid': 'lesson-back' }, w.all);
    back.addEventListener('click', (e) => { e.preventDefault(); history.replaceState(null, '', location.pathname + location.search); this.open(null, false); });
    if (!c.lesson) {
      this.body.replaceChildren(back, el('p', { class: 'lesson-error', role: 'alert' }, c.error ?? 'this lesson does not load'));
      return;
    }
    this.progressLine = el('div', { class: 'lesson-progress', 'data-testid': 'lesson-progress' });
    this.machineBar = el('div', { class: 'lesson-machine', 'data-testid': 'lesson-machine' });
    const article = el('article', { class: 'lesson', 'data-testid': 'lesson', 'data-lesson': c.name },
      el('h1', { 'data-testid': 'lesson-title' }, c.lesson.title), this.machineBar, this.progressLine);
    this.renderBlocks(article, parseMarkdown(c.markdown));
    this.body.replaceChildren(back, article);
    this.body.scrollTop = 0;
    this.renderProgress();
    this.renderMachineBar();
  }

  private renderList(): void {
    const w = words(this.progress.lang);
    const anyProgress = Object.values(this.progress.passed).some((l) => l.length > 0);
    const list = el('ol', { class: 'lesson-list', 'data-testid': 'lesson-list' });
    LESSON_NAMES.forEach((name, i) => {
      const total = this.checksOf(name);
      const done = this.progress.passed[name]?.length ?? 0;
      const link = el('a', { href: `#lesson=${name.replace(/^\d+-/, '')}`, 'data-testid': 'lesson-item', 'data-lesson': name },
        el('span', { class: 'lesson-number' }, String(i + 1)), ' ', lessonTitle(name, this.progress.lang));
      const item = el('li', {}, link, el('span', { class: 'lesson-count', 'data-testid': 'lesson-count', 'data-passed': String(done), 'data-total': String(total) },
        `${done}/${total}`));
      if (done > 0 && done >= total) item.classList.add('complete');
      if (!anyProgress && i === 0) item.append(el('span', { class: 'start-here', 'data-testid': 'lesson-start-here' }, `← ${w.startHere}`));
      list.append(item);
    });
    this.body.replaceChildren(list);
  }

  private renderProgress(): void {
    if (!this.progressLine || !this.current) return;
    const total = this.checksOf(this.current.name);
    const done = this.progress.passed[this.current.name]?.length ?? 0;
    this.progressLine.dataset.passed = String(done);
    this.progressLine.dataset.total = String(total);
    this.progressLine.replaceChildren(el('progress', { max: String(total), value: String(done) }), ' ', words(this.progress.lang).checks(done, total));
  }

  private renderMachineBar(): void {
    const bar = this.machineBar;
    const lesson = this.current?.lesson;
    if (!bar || !lesson) return;
    const w = words(this.progress.lang);
    const fits = this.machineFits(lesson.machine);
    const button = el('button', { type: 'button', 'data-testid': 'lesson-boot', title: w.freshTitle }, fits ? w.fresh : w.bootIt);
    button.addEventListener('click', () => this.host.setLessonMachine(lesson.machine, true));
    bar.dataset.fits = String(fits);
    bar.replaceChildren(w.machine(lesson.machine.ramMiB, lesson.machine.swapMiB), ' ', ...(fits ? [] : [el('strong', {}, w.notThisMachine), ' ']), button);
  }

  /** The machine bar again (the page calls it when a boot starts or ends). */
  machineChanged(): void { this.renderMachineBar(); }

  private renderBlocks(into: HTMLElement, blocks: Block[]): void {
    const steps = this.current!.lesson!.steps;
    const links = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.kind === 'link').map(({ i }) => i);
    let first = true;
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading':
          if (b.level === 1 && first) { first = false; break; } // the title, shown above
          into.append(el(b.level <= 2 ? 'h2' : 'h3', {}, ...this.inlines(b.children, links)));
          break;
        case 'paragraph': into.append(el('p', {}, ...this.inlines(b.children, links))); break;
        case 'list': into.append(el('ul', {}, ...b.items.map((item) => el('li', {}, ...this.inlines(item, links))))); break;
        case 'fence': {
          const index = steps.findIndex((s) => s.kind !== 'link' && s.line === b.line);
          if (index >= 0) { const w = this.stepWidget(index); if (w) into.append(w); } else if (b.lang !== 'machine') into.append(el('pre', { class: 'lesson-pre' }, b.text));
          break;
        }
      }
    }
  }

  private inlines(list: Inline[], links: number[]): (Node | string)[] {
    return list.map((n): Node | string => {
      switch (n.kind) {
        case 'text': return n.text;
        case 'code': return el('code', {}, n.text);
        case 'strong': return el('strong', {}, ...this.inlines(n.children, links));
        case 'em': return el('em', {}, ...this.inlines(n.children, links));
        case 'link': {
          if (n.hako !== null && links[n.hako] !== undefined) return this.hakoLink(links[n.hako], this.inlines(n.children, links));
          if (/^https?:\/\//.test(n.href)) return el('a', { href: n.href, target: '_blank', rel: 'noopener noreferrer' }, ...this.inlines(n.children, links));
          return el('span', {}, ...this.inlines(n.children, links));
        }
      }
    });
  }

  private hakoLink(index: number, children: (Node | string)[]): HTMLElement {
    const step = this.current!.lesson!.steps[index] as Extract<Step, { kind: 'link' }>;
    const a = el('a', { href: '#', class: 'hako-link', 'data-testid': 'lesson-link', 'data-view': step.view, title: words(this.progress.lang).opens }, ...children);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      void this.live?.linkParams(index).then(({ params, error }) => {
        a.classList.toggle('link-error', error !== null);
        a.title = error ?? words(this.progress.lang).opens;
        if (!error) this.host.focusDebug(step.view, params);
      });
    });
    return a;
  }

  private stepWidget(index: number): HTMLElement | null {
    const step = this.current!.lesson!.steps[index];
    const live = this.live!;
    const box = el('div', { 'data-step': String(index) });
    const refresh = (): void => {
      const state = live.states[index];
      box.dataset.status = 'status' in state ? state.status : '';
      box.replaceChildren(...this.stepContent(step, state, index));
    };
    if (step.kind !== 'run' && step.kind !== 'predict' && step.kind !== 'check') return null; // a let is not shown
    box.className = `lesson-${step.kind}`;
    box.setAttribute('data-testid', `lesson-${step.kind}`);
    this.refreshers.set(index, refresh);
    refresh();
    return box;
  }

  private stepContent(step: Step, state: StepState, index: number): (Node | string)[] {
    const w = words(this.progress.lang);
    const live = this.live!;
    if (step.kind === 'run' && state.kind === 'run') {
      const button = el('button', { type: 'button', 'data-testid': 'lesson-run-button' },
        state.status === 'running' ? w.running : state.runs > 0 ? w.ranAgain : w.run);
      button.disabled = state.status === 'running';
      button.addEventListener('click', () => void live.run(index));
      return [el('pre', { class: 'lesson-commands' }, step.commands.join('\n')), button,
        ...(state.status === 'failed' ? [el('div', { class: 'step-error', role: 'alert' }, state.message)] : [])];
    }
    if (step.kind === 'predict' && state.kind === 'predict') {
      const out: (Node | string)[] = [el('div', { class: 'predict-question' }, el('strong', {}, `${w.predict}: `), step.question)];
      const locked = state.status !== 'open' && state.status !== 'failed';
      const button = el('button', { type: 'button', 'data-testid': 'lesson-predict-answer' }, w.answer);
      let read: () => { choice: number } | { number: number } | null;
      if (step.choices.length) {
        const name = `predict-${index}`;
        const inputs = step.choices.map((c, k) => {
          const input = el('input', { type: 'radio', name, value: String(k), 'data-testid': 'lesson-choice' });
          input.checked = state.choice === k;
          input.disabled = locked;
          input.addEventListener('change', () => { if (input.checked) live.draft(index, { choice: k }); });
          const label = el('label', { class: 'predict-choice' }, input, ' ', c.text);
          if (state.status === 'answered' && state.machineChoice === k) label.classList.add('machine-choice');
          return label;
        });
        out.push(...inputs);
        read = () => { const now = live.states[index]; return now.kind === 'predict' && now.choice >= 0 ? { choice: now.choice } : null; };
      } else {
        const input = el('input', { type: 'number', 'data-testid': 'lesson-predict-input', placeholder: w.yourNumber });
        if (state.student !== null) input.value = String(state.student);
        input.disabled = locked;
        const value = (): number | null => (input.value.trim() === '' || Number.isNaN(Number(input.value)) ? null : Number(input.value));
        input.addEventListener('input', () => live.draft(index, { number: value() }));
        input.addEventListener('keydown', (e) => { if (e.key === 'Enter') button.click(); });
        out.push(input);
        read = () => { const n = value(); return n === null ? null : { number: n }; };
      }
      button.disabled = locked;
      button.addEventListener('click', () => { const a = read(); if (a) void live.answer(index, a); });
      out.push(button);
      const result = el('div', { class: 'predict-result', 'data-testid': 'lesson-predict-result' });
      if (state.status === 'waiting') result.textContent = w.waiting;
      else if (state.status === 'failed') { result.textContent = state.message; result.classList.add('step-error'); }
      else if (state.status === 'answered') {
        result.dataset.answer = String(state.answer);
        result.dataset.correct = String(state.correct);
        const said = step.choices.length ? step.choices[state.machineChoice]?.text ?? String(state.answer) : String(state.answer);
        result.append(el('span', {}, `${w.machineSays} `), el('strong', { 'data-testid': 'lesson-predict-answer-value' }, said), ' ',
          ...(step.choices.length ? [] : [w.youSaid(String(state.student)), ' ']), state.correct ? `✓ ${w.right}` : `✗ ${w.wrong}`);
      }
      out.push(result);
      return out;
    }
    if (step.kind === 'check' && state.kind === 'check') {
      const before = this.current && (this.progress.passed[this.current.name] ?? []).includes(live.checkOrdinal(index));
      const mark = state.status === 'pass' ? '✓' : state.status === 'fail' ? '✗' : before ? '✓' : '○';
      const button = el('button', { type: 'button', 'data-testid': 'lesson-check-button' }, state.status === 'checking' ? w.checking : w.check);
      button.disabled = state.status === 'checking';
      button.addEventListener('click', () => void live.check(index));
      const label = state.status === 'pass' ? w.passed : state.status === 'fail' ? w.failed : before ? w.passedBefore : '';
      const out: (Node | string)[] = [el('span', { class: 'check-mark' }, mark), ' ', el('span', { class: 'check-say' }, step.say), ' ',
        el('span', { class: 'check-label', 'data-testid': 'lesson-check-label', 'data-before': String(Boolean(before)) }, label), ' ', button];
      if (state.status === 'fail' && (state.failed.length || state.message)) {
        out.push(el('div', { class: 'check-detail' }, state.message || `${w.notHolding} ${state.failed.join('; ')}`));
      }
      return out;
    }
    return [];
  }
}
