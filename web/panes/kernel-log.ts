// The kernel log in the activity pane: the printk ring read by the worker
// like a debugger reads memory (KernelLogChunk), shown as a scrolling list
// that new records are appended to. It follows the newest line while the
// reader is at the bottom and stays put when they scrolled up.
//
// Invariants: at most MAX_LINES items (the oldest go first); `since` is the
// log position the next poll asks from, and a boot starts it again at 0.

import type { KernelLogChunk } from '../protocol.ts';
import { el } from './dom.ts';

const MAX_LINES = 500;
const LEVEL_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

export class KernelLogPane {
  readonly root: HTMLElement;
  private readonly list = el('ol', { class: 'kernel-log', 'data-testid': 'kernel-log' });
  /** The position in the log to ask from next. */
  since = 0;

  constructor() {
    this.root = el('div', { class: 'kernel-log-pane' }, el('div', { class: 'subhead' }, 'Kernel log'), this.list);
  }

  /** A new machine: forget what was shown. */
  reset(): void {
    this.since = 0;
    this.list.replaceChildren();
  }

  append(chunk: KernelLogChunk | null): void {
    if (!chunk) return;
    this.since = chunk.next;
    if (chunk.lines.length === 0 && !chunk.lost) return;
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 4;
    const items: HTMLElement[] = [];
    if (chunk.lost) items.push(el('li', { class: 'log-lost' }, '… (older lines overwritten before they were read)'));
    for (const line of chunk.lines) {
      const m = /^<(\d)>(.*)$/.exec(line);
      const level = m ? Number(m[1]) : 6;
      items.push(el('li', { class: `log-${LEVEL_NAMES[level] ?? 'info'}`, 'data-level': String(level) }, m ? m[2] : line));
    }
    this.list.append(...items);
    while (this.list.childElementCount > MAX_LINES) this.list.firstElementChild!.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
