// The time-travel bar of the CPU section: "◀ Step back" (Ctrl+F11), "◀ Previous
// event" (Ctrl+F10), and a line saying where the machine is and how far back
// it can go (the recorder's bounds). A click on the scheduler timeline
// rewinds too (DebugPane wires the timeline to rewindTo). Failures (before
// the oldest snapshot, no trace events, the machine off) are shown in the
// bar's own line, not thrown.

import type { TimeTravelResult, TimeTravelStatus } from '../protocol.ts';
import { el, formatCount, setText } from './dom.ts';

export interface TimeTravelControls {
  stepBack(): Promise<TimeTravelResult>;
  previousEvent(): Promise<TimeTravelResult>;
  /** After a rewind: refresh every view. */
  done(): void;
}

export class TimeTravelBar {
  readonly root: HTMLElement;
  private readonly line = el('span', { class: 'note', 'data-testid': 'time-travel-status' });
  private readonly error = el('span', { class: 'error', 'data-testid': 'time-travel-error' });
  private busy = false;

  constructor(private readonly controls: TimeTravelControls) {
    const button = (label: string, id: string, title: string, action: () => Promise<TimeTravelResult>) => {
      const b = el('button', { 'data-testid': id, title, 'aria-label': title }, label);
      b.addEventListener('click', () => this.run(action));
      return b;
    };
    this.root = el('div', { class: 'controls time-travel' },
      button('◀ Step back', 'step-back', 'go back one instruction (Ctrl+F11)', () => this.controls.stepBack()),
      button('◀ Previous event', 'previous-event', 'go back to the previous trace event (Ctrl+F10)', () => this.controls.previousEvent()),
      this.line, this.error);
    document.addEventListener('keydown', (e) => {
      if (!e.ctrlKey || (e.target as HTMLElement | null)?.closest?.('.xterm')) return;
      const act = e.key === 'F11' ? () => this.controls.stepBack() : e.key === 'F10' ? () => this.controls.previousEvent() : null;
      if (!act) return;
      e.preventDefault();
      e.stopImmediatePropagation(); // the plain F10/F11 of the CPU pane must not step forward as well
      this.run(act);
    }, { capture: true });
  }

  /** A rewind asked elsewhere (the timeline): same bookkeeping as the buttons. */
  run(action: () => Promise<TimeTravelResult>): void {
    if (this.busy) return;
    this.busy = true;
    setText(this.error, '');
    void action().then((r) => {
      if (!r.ok) setText(this.error, r.error);
    }, (e: Error) => setText(this.error, e.message)).finally(() => {
      this.busy = false;
      this.controls.done();
    });
  }

  render(s: TimeTravelStatus): void {
    setText(this.line, s.available
      ? `instruction ${s.instret} (${formatCount(s.instret)}); back to ${s.oldestInstret} (${s.oldestUs} µs) · ${s.snapshots} snapshots, ${(s.bytes / 1048576).toFixed(1)} MiB (cap ${(s.capBytes / 1048576).toFixed(0)} MiB + RAM copy)`
      : s.reason);
    this.root.dataset.instret = String(s.instret);
    this.root.dataset.oldest = String(s.oldestInstret);
  }
}
