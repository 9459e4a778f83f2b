// The memory view and the backtrace (under the CPU pane): bytes at a
// virtual address, read through the current page tables (hex and ASCII, 16
// a row, `..` for an unmapped byte), and, while paused, the call stack by
// frame pointers with symbol names. Both come in the snapshot, so they are
// fresh the moment the machine stops.

import type { Snapshot } from '../protocol.ts';
import { el, hex, setText } from './dom.ts';

export const MEMORY_VIEW_BYTES = 128;

export class MemoryViewPane {
  readonly root = el('div', { class: 'memory-view-pane' });
  private readonly input = el('input', { type: 'text', placeholder: 'address (esp, 0x…)', size: '16', 'data-testid': 'memory-address', 'aria-label': 'memory view address' });
  private readonly dump = el('pre', { class: 'memory-view', 'data-testid': 'memory-view' });
  private readonly error = el('span', { class: 'error' });
  private readonly stack = el('ol', { class: 'backtrace', 'data-testid': 'backtrace' });
  private address: number | 'esp' = 'esp';
  private lastKey = '';

  constructor(private readonly refresh: () => void) {
    this.input.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.choose(); });
    this.root.append(el('div', { class: 'subhead' }, 'Backtrace'), this.stack,
      el('div', { class: 'subhead' }, 'Memory'), el('div', {}, this.input, ' ', this.error), this.dump);
  }

  private choose(): void {
    const t = this.input.value.trim();
    if (t === '' || t === 'esp') { this.address = 'esp'; setText(this.error, ''); this.refresh(); return; }
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) { setText(this.error, 'an address: decimal, 0x…, or esp'); return; }
    this.address = Number(t) >>> 0;
    setText(this.error, '');
    this.refresh();
  }

  /** What the next snapshot should read (esp follows the stack pointer of the last snapshot). */
  request(last: Snapshot | null): { address: number; length: number } | undefined {
    const a = this.address === 'esp' ? last?.registers.esp : this.address;
    return a === undefined ? undefined : { address: a >>> 0, length: MEMORY_VIEW_BYTES };
  }

  render(s: Snapshot): void {
    const frames = s.backtrace ?? [];
    const key = frames.map((f) => f.eip).join(',') + '|' + (s.memoryView ? `${s.memoryView.address}:${s.memoryView.bytes.join(',')}` : '');
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.stack.replaceChildren(...frames.map((f) => el('li', { 'data-eip': hex(f.eip) }, `${hex(f.eip)} ${f.symbol ? `<${f.symbol}>` : ''}`)));
    const v = s.memoryView;
    if (!v) { setText(this.dump, ''); return; }
    const rows: string[] = [];
    for (let i = 0; i < v.bytes.length; i += 16) {
      const row = v.bytes.slice(i, i + 16);
      const hexes = row.map((b) => (b === null ? '..' : b.toString(16).padStart(2, '0'))).join(' ');
      const ascii = row.map((b) => (b === null ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
      rows.push(`${hex((v.address + i) >>> 0)}  ${hexes.padEnd(47)}  ${ascii}`);
    }
    setText(this.dump, rows.join('\n'));
  }
}
