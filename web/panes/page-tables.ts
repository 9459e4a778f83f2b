// The page-table pane: pick an address space (the current CR3 or one seen
// earlier) and see its mappings as a tree, page-directory entry → page-table
// entries, with virtual range, frame, P/RW/US/A/D flags and the kernel's area there (kind and name, from kdebug_vmas);
// not-present entries with nonzero bits (a swapped-out page) show their raw
// value. A directory entry's node is rebuilt only when it changed, its
// leaves are built only once unfolded, and which entries are unfolded
// survives rebuilds.

import type { PageDirectoryView, PageTableEntryView, PageTableView, ProcessInfo, Snapshot } from '../protocol.ts';
import { el, hex, setText } from './dom.ts';

export class PageTablePane {
  readonly root: HTMLElement;
  private readonly select = el('select', { 'data-testid': 'cr3-select' });
  private readonly tree = el('div', { class: 'pt-tree' });
  private readonly summary = el('div', { class: 'pt-summary' });
  private readonly open = new Set<number>();
  private readonly closed = new Set<number>();
  private readonly nodes = new Map<number, { key: string; node: HTMLElement; reveal: () => void }>();
  private readonly focusNote = el('div', { class: 'pt-focus', 'data-testid': 'page-table-focus' });
  /** A lesson link's address to show in the chosen space; scrolled to once, marked on every render. */
  private focusAddress: number | null = null;
  private focusScrolled = false;
  private lastOptions = '';
  private processes: ProcessInfo[] = [];
  private seen: number[] = [];

  constructor(private readonly onChoose: () => void) {
    this.select.addEventListener('change', () => { this.focusAddress = null; setText(this.focusNote, ''); this.onChoose(); });
    this.root = el('div', { class: 'pt-pane', 'data-testid': 'page-tables' },
      el('label', {}, 'Address space ', this.select), this.summary, this.focusNote, this.tree);
  }

  /** The CR3 to walk, or null for the CPU's current one. */
  chosen(): number | null {
    return this.select.value === 'current' ? null : Number(this.select.value);
  }

  /** The processes with an address space (from the kernel's table), offered first. */
  setProcesses(list: ProcessInfo[]): void {
    this.processes = list.filter((p) => p.cr3 !== 0);
    this.rebuildChoices();
  }

  /** Shows an address space (a process's page directory; null: that process has none) and, optionally, one address in it. */
  focus(cr3: number | null, address: number | null): void {
    this.focusAddress = null;
    if (cr3 === null) { setText(this.focusNote, 'that process has no address space (gone, or a kernel thread)'); return; }
    if (![...this.select.options].some((o) => o.value === String(cr3))) this.select.append(el('option', { value: String(cr3) }, `cr3 ${hex(cr3)}`));
    this.select.value = String(cr3);
    this.focusAddress = address;
    this.focusScrolled = false;
    setText(this.focusNote, address === null ? '' : `looking for ${hex(address)}…`);
  }

  updateChoices(s: Snapshot): void {
    this.seen = s.cr3Seen;
    this.rebuildChoices();
  }

  private rebuildChoices(): void {
    const named = this.processes.map((p) => ({ value: String((p.cr3 & 0xfffff000) >>> 0), label: `pid ${p.pid} ${p.command} (cr3 ${hex(p.cr3)})` }));
    const others = this.seen.filter((c) => !named.some((n) => n.value === String(c))).map((c) => ({ value: String(c), label: `cr3 ${hex(c)} (seen)` }));
    const choices = [{ value: 'current', label: 'current CR3' }, ...named, ...others];
    const key = JSON.stringify(choices);
    if (key === this.lastOptions) return;
    this.lastOptions = key;
    const keep = this.select.value || 'current';
    this.select.replaceChildren(...choices.map((c) => el('option', { value: c.value }, c.label)));
    this.select.value = choices.some((c) => c.value === keep) ? keep : 'current';
  }

  render(view: PageTableView): void {
    if (!view.paging) setText(this.summary, `paging is off (cr3 ${hex(view.cr3)}): addresses are physical`);
    else setText(this.summary, `page directory at ${hex(view.cr3)}: ${view.directories.length} entries in use`);
    // One node per directory entry, rebuilt only when that entry or its leaves changed (A and D bits move all the time).
    const next: HTMLElement[] = [];
    const live = new Set<number>();
    for (const d of view.directories) {
      const key = JSON.stringify(d);
      let entry = this.nodes.get(d.index);
      if (!entry || entry.key !== key) {
        entry = { key, ...this.directoryNode(d) };
        this.nodes.set(d.index, entry);
      }
      next.push(entry.node);
      live.add(d.index);
    }
    for (const index of [...this.nodes.keys()]) if (!live.has(index)) this.nodes.delete(index);
    const children = this.tree.children;
    if (children.length !== next.length || next.some((n, i) => children[i] !== n)) this.tree.replaceChildren(...next);
    if (this.focusAddress !== null && view.cr3 === this.chosen()) this.markFocus(view, this.focusAddress);
  }

  /** Unfolds the directory entry of `address`, marks the row that maps it and says what it found. */
  private markFocus(view: PageTableView, address: number): void {
    for (const row of this.tree.querySelectorAll('.focused')) row.classList.remove('focused');
    const index = address >>> 22;
    const dir = view.directories.find((d) => d.index === index);
    const entry = this.nodes.get(index);
    let target: HTMLElement | null = null;
    let text: string;
    if (!dir || !entry) text = `${hex(address)}: its page-directory entry (${index}) is empty: not mapped`;
    else if (dir.large) {
      target = entry.node.querySelector('summary');
      text = `${hex(address)}: a 4 MiB page (PDE ${index})`;
    } else {
      entry.reveal();
      const leaf = dir.leaves.find((l) => address >= l.start && address < l.start + l.size);
      target = leaf ? entry.node.querySelector<HTMLElement>(`tr[data-virt="${hex(leaf.start)}"]`) : entry.node.querySelector('summary');
      text = !leaf ? `${hex(address)}: no entry in the page table of PDE ${index}: not mapped`
        : leaf.present ? `${hex(address)} → frame ${hex(leaf.frame + (address - leaf.start) - (address & 0xfff))} (${leaf.flags.US ? 'user' : 'supervisor only'}, ${leaf.flags.RW ? 'writable' : 'read-only'})`
          : `${hex(address)}: not present${leaf.swapSlot !== null ? `, in swap slot ${leaf.swapSlot}` : ''} (raw ${hex(leaf.entry)})`;
    }
    setText(this.focusNote, text);
    target?.classList.add('focused');
    if (target && !this.focusScrolled) { this.focusScrolled = true; target.scrollIntoView({ block: 'center' }); }
  }

  private directoryNode(d: PageDirectoryView): { node: HTMLElement; reveal: () => void } {
    const end = d.start + (1 << 22) - 1;
    const flags = d.present
      ? `${d.large ? '4 MiB page → ' + hex(d.entry & 0xffc00000) : 'table ' + hex(d.table)} ${d.writable ? 'RW' : 'RO'} ${d.user ? 'US' : 'S'}${d.accessed ? ' A' : ''}`
      : `not present, raw ${hex(d.entry)}`;
    const details = el('details', { 'data-pde': String(d.index) }, el('summary', {}, `PDE ${d.index}: ${hex(d.start)}–${hex(end)}  ${flags}`));
    // The leaves are built when first unfolded: a kernel's direct map has thousands of them.
    let filled = false;
    const fill = () => {
      if (filled || d.leaves.length === 0) return;
      filled = true;
      const table = el('table', { class: 'pte-table' },
        el('tr', {}, ...['virtual', 'frame', 'P', 'RW', 'US', 'A', 'D', 'region'].map((h) => el('th', {}, h))));
      for (const leaf of d.leaves) table.append(leafRow(leaf));
      details.append(table);
      if (d.truncated) details.append(el('div', { class: 'note' }, 'more entries not shown'));
    };
    // User entries start unfolded (they are what a student looks for); the student's choice then sticks.
    details.open = this.open.has(d.index) || (d.user && !this.closed.has(d.index));
    if (details.open) fill();
    details.addEventListener('toggle', () => {
      if (details.open) { fill(); this.open.add(d.index); this.closed.delete(d.index); } else { this.open.delete(d.index); this.closed.add(d.index); }
    });
    return { node: details, reveal: () => { details.open = true; fill(); } };
  }
}

/** The kernel's word for what is there: its area's kind and name ("text /bin/sh", "heap [heap]"). */
function regionText(leaf: PageTableEntryView): string {
  return leaf.areaName && leaf.areaName !== `[${leaf.region}]` ? `${leaf.region} ${leaf.areaName}` : leaf.region;
}

function leafRow(leaf: PageTableEntryView): HTMLElement {
  const end = leaf.start + leaf.size - 1;
  const flag = (on: boolean) => el('td', { class: on ? 'on' : 'off' }, on ? '1' : '0');
  const row = el('tr', { 'data-virt': hex(leaf.start), 'data-us': leaf.flags.US ? '1' : '0', 'data-present': leaf.present ? '1' : '0' },
    el('td', {}, `${hex(leaf.start)}–${hex(end)}`));
  if (!leaf.present) {
    row.classList.add('not-present');
    if (leaf.swapSlot !== null) {
      row.classList.add('swapped');
      row.dataset.swapSlot = String(leaf.swapSlot);
      row.append(el('td', { colspan: '6' }, `swap slot ${leaf.swapSlot}`), el('td', {}, regionText(leaf)));
    } else {
      row.append(el('td', { colspan: '6' }, `not present — raw ${hex(leaf.entry)} (kernel marker)`), el('td', {}, regionText(leaf)));
    }
    return row;
  }
  row.append(el('td', {}, hex(leaf.frame)), flag(leaf.flags.P), flag(leaf.flags.RW), flag(leaf.flags.US),
    flag(leaf.flags.A), flag(leaf.flags.D), el('td', { class: `region region-${leaf.region}` }, regionText(leaf)));
  return row;
}
