// The TLB view: the emulator's real soft-TLB entries (emulator/mmu.ts) for
// the current address space, with the hit/miss counters and the flushes the
// MMU counts where they happen (CR3 writes, invlpg, whole clears). Renders
// the `tlb` part of a snapshot; shows what the hardware cached, not what
// the page tables say (a stale entry before an invlpg is visible here).

import type { Snapshot } from '../protocol.ts';
import { el, formatCount, hex, setText } from './dom.ts';

/** Entries listed at most (the pane says how many more there are). */
export const TLB_ROWS = 256;

export class TlbPane {
  readonly root = el('details', { class: 'tlb', 'data-testid': 'tlb' });
  private readonly summary = el('div', { class: 'tlb-counters', 'data-testid': 'tlb-counters' });
  private readonly table = el('table', { class: 'tlb-entries', 'data-testid': 'tlb-entries' });
  private lastKey = '';

  constructor() {
    this.root.append(el('summary', {}, 'TLB (soft, current address space)'), this.summary, this.table);
  }

  /** Whether the snapshot should carry the entries (only while the section is open: listing them costs the worker). */
  wanted(): boolean { return this.root.open; }

  render(s: Snapshot): void {
    const c = s.counters;
    setText(this.summary, `hits ${formatCount(c.tlbHits)} · misses ${formatCount(c.tlbMisses)} · flushes: CR3 ${formatCount(c.tlbCr3Flushes)}, invlpg ${formatCount(c.tlbInvlpgs)}, whole ${formatCount(c.tlbFullFlushes)}`);
    const tlb = s.tlb;
    if (!tlb) return;
    const key = `${s.machine.ticks}:${tlb.total}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const head = el('tr', {}, el('th', {}, 'virtual page'), el('th', {}, 'frame'), el('th', {}, 'kernel'), el('th', {}, 'user'), el('th', {}, 'G'));
    const rows = tlb.entries.map((e) => el('tr', { 'data-linear': String(e.linear) },
      el('td', {}, hex(e.linear)), el('td', {}, hex(e.frame)),
      el('td', {}, `${e.kernelRead ? 'r' : '-'}${e.kernelWrite ? 'w' : '-'}`),
      el('td', {}, `${e.userRead ? 'r' : '-'}${e.userWrite ? 'w' : '-'}`),
      el('td', {}, e.global ? 'G' : '')));
    const more = tlb.total > tlb.entries.length ? [el('tr', {}, el('td', { colspan: '5' }, `… ${tlb.total - tlb.entries.length} more`))] : [];
    this.table.replaceChildren(el('caption', {}, `${tlb.total} entries (a write bit only once the page is dirty)`), head, ...rows, ...more);
  }
}
