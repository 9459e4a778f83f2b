// The network pane: the frames the machine's network card moved, as a
// capture list (time, source, destination, protocol, TCP flags and
// seq/ack, length), and one frame decoded layer by layer with its bytes.
// The frames come from the card's tap in the worker (the hardware side,
// NetworkFrames in web/protocol.ts); web/net-decode.ts reads them as
// tcpdump would. The kernel is never asked.
//
// Under the frames, the kernel's TCP connections with their states, as
// its kdebug TCP table has them (read from guest memory by
// web/kernel-tables.ts: the rows /proc/net/tcp lists); they are there
// with or without a card, since loopback connections need none.
//
// Invariants: at most MAX_ROWS frame rows (the oldest go first, and with
// them their bytes); `since` is the last frame number shown, 0 after a
// boot. The connections table is replaced whole on each poll.

import type { NetworkFrames, TcpConnections } from '../protocol.ts';
import { decodeFrame, hexDump } from '../net-decode.ts';
import { el, setText } from './dom.ts';

const MAX_ROWS = 300;
export const NETWORK_COLUMNS = ['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Info', 'Length'];
export const CONNECTION_COLUMNS = ['Local', 'Remote', 'State', 'Send-Q', 'Recv-Q', 'Retrans', 'UID'];

export class NetworkPane {
  readonly root: HTMLElement;
  /** The last frame number shown (what the next poll asks after). */
  since = 0;
  private readonly card = el('div', { class: 'net-card', 'data-testid': 'network-card' });
  private readonly body = el('tbody');
  private readonly detail = el('pre', { class: 'net-detail', 'data-testid': 'network-detail' });
  private readonly bytes = new Map<number, Uint8Array>();
  private selected = 0;
  private readonly connBody = el('tbody');
  private readonly connNote = el('div', { class: 'net-conn-note', 'data-testid': 'network-connections-note' });

  constructor() {
    const head = el('tr', {}, ...NETWORK_COLUMNS.map((c) => el('th', {}, c)));
    this.root = el('div', { class: 'net-pane', 'data-testid': 'network' },
      this.card,
      el('div', { class: 'net-frames' }, el('table', { class: 'net', 'data-testid': 'network-frames' }, el('thead', {}, head), this.body)),
      this.detail,
      el('div', { class: 'net-connections' }, el('h3', {}, 'Connections'), this.connNote,
        el('table', { class: 'net', 'data-testid': 'network-connections' },
          el('thead', {}, el('tr', {}, ...CONNECTION_COLUMNS.map((c) => el('th', {}, c)))), this.connBody)));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-seq]');
      if (row) this.select(Number(row.dataset.seq));
    });
    this.reset();
  }

  /** A new machine: forget its frames. */
  reset(): void {
    this.since = 0;
    this.selected = 0;
    this.bytes.clear();
    this.body.replaceChildren();
    setText(this.detail, 'Click a frame to decode it.');
    this.connBody.replaceChildren();
    setText(this.connNote, '');
    setText(this.card, 'No network card: open the page with ?net=NAME to plug one into network NAME (tabs naming the same network share it).');
  }

  render(chunk: NetworkFrames | null): void {
    if (!chunk) return;
    const c = chunk.counters;
    setText(this.card, `eth0 ${chunk.mac} on network “${chunk.network}”: link ${chunk.linkUp ? 'up' : 'down'}; `
      + `received ${c.rxPackets} frames (${c.rxBytes} bytes), sent ${c.txPackets} (${c.txBytes} bytes), dropped ${c.rxDropped} in, ${c.txDropped} out`);
    this.since = chunk.next;
    if (chunk.frames.length === 0 && chunk.lost === 0) return;
    const atBottom = this.body.parentElement!.parentElement!;
    const follow = atBottom.scrollTop + atBottom.clientHeight >= atBottom.scrollHeight - 4;
    const rows: HTMLElement[] = [];
    if (chunk.lost) rows.push(el('tr', { class: 'net-lost' }, el('td', { colspan: String(NETWORK_COLUMNS.length) }, `… ${chunk.lost} frames not shown (overwritten before they were read)`)));
    for (const f of chunk.frames) {
      const d = decodeFrame(f.bytes);
      this.bytes.set(f.seq, f.bytes);
      const info = `${f.direction === 'tx' ? '→ ' : '← '}${d.info}`;
      rows.push(el('tr', { 'data-seq': String(f.seq), class: `net-${f.direction} net-${d.protocol.toLowerCase()}` },
        ...[f.seq, f.time.toFixed(6), d.source, d.destination, d.protocol, info, d.length].map((v) => el('td', {}, String(v)))));
    }
    this.body.append(...rows);
    while (this.body.childElementCount > MAX_ROWS) {
      const first = this.body.firstElementChild as HTMLElement;
      if (first.dataset.seq) this.bytes.delete(Number(first.dataset.seq));
      first.remove();
    }
    if (follow) atBottom.scrollTop = atBottom.scrollHeight;
  }

  /** The kernel's TCP connections (null: the running image publishes none, e.g. the demo). */
  renderConnections(table: TcpConnections | null): void {
    if (!table) { this.connBody.replaceChildren(); setText(this.connNote, 'The running kernel publishes no TCP table.'); return; }
    setText(this.connNote, table.connections.length === 0 ? 'No TCP sockets.'
      : table.truncated ? `The first ${table.connections.length} TCP sockets (the kernel's table holds no more).` : '');
    this.connBody.replaceChildren(...table.connections.map((c) =>
      el('tr', { class: `net-conn net-conn-${c.state.toLowerCase()}` },
        ...[c.local, c.remote, c.state, c.sendQueue, c.recvQueue, c.retransmits, c.uid].map((v) => el('td', {}, String(v))))));
  }

  /** Shows frame `seq` decoded, with its bytes. */
  select(seq: number): void {
    const bytes = this.bytes.get(seq);
    if (!bytes) return;
    this.selected = seq;
    for (const row of this.body.querySelectorAll<HTMLElement>('tr[data-seq]')) row.classList.toggle('selected', Number(row.dataset.seq) === seq);
    const d = decodeFrame(bytes);
    setText(this.detail, [`Frame ${seq}: ${d.length} bytes`, ...d.detail, '', ...hexDump(bytes)].join('\n'));
  }

  get selectedFrame(): number { return this.selected; }
}
