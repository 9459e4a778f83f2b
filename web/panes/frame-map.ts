// The physical-memory pane: a canvas with one cell per 4 KiB frame,
// coloured by owner (kernel image, page tables, user pages, free/unknown —
// found by walking the address spaces; the kernel's own frame descriptors
// will say more later), a legend with counts, and a tooltip saying who maps
// the frame under the mouse (asked of the worker when the frame changes).

import { FRAME_OWNER_NAMES, type FrameInfo, type FrameMap } from '../protocol.ts';
import { el, hex, setText } from './dom.ts';

export const FRAME_COLOURS = ['#2b3340', '#e0a030', '#b070e0', '#40c070', '#4090e0'];
const CELL = 4;

export class FrameMapPane {
  readonly root: HTMLElement;
  private readonly canvas = el('canvas', { 'data-testid': 'frame-map-canvas' });
  private readonly legend = el('ul', { class: 'legend', 'data-testid': 'frame-legend' });
  private readonly tip = el('div', { class: 'frame-tip', 'data-testid': 'frame-tip' });
  private map: FrameMap | null = null;
  private lastKey = '';
  private hovered = -1;

  constructor(private readonly describe: (frame: number) => Promise<FrameInfo>) {
    this.root = el('div', { class: 'frame-pane', 'data-testid': 'frame-map' }, this.canvas, this.legend, this.tip);
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => { this.hovered = -1; setText(this.tip, ''); });
  }

  private columns(): number {
    return Math.max(16, Math.floor((this.root.clientWidth || 320) / CELL));
  }

  render(map: FrameMap): void {
    const columns = this.columns();
    const key = columns + ':' + map.walked.join(',') + ':' + hashOwners(map.owners);
    this.map = map;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const rows = Math.ceil(map.frames / columns);
    if (this.canvas.width !== columns * CELL || this.canvas.height !== rows * CELL) {
      this.canvas.width = columns * CELL;
      this.canvas.height = rows * CELL;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const counts = new Array<number>(FRAME_OWNER_NAMES.length).fill(0);
    for (let owner = 0; owner < FRAME_COLOURS.length; owner++) {
      ctx.fillStyle = FRAME_COLOURS[owner];
      for (let f = 0; f < map.frames; f++) {
        if (map.owners[f] !== owner) continue;
        counts[owner]++;
        ctx.fillRect((f % columns) * CELL, Math.floor(f / columns) * CELL, CELL - 1, CELL - 1);
      }
    }
    this.legend.replaceChildren(...FRAME_OWNER_NAMES.map((name, owner) =>
      el('li', { 'data-owner': String(owner), 'data-count': String(counts[owner]) },
        el('span', { class: 'swatch', style: `background:${FRAME_COLOURS[owner]}` }), `${name}: ${counts[owner]}`)));
  }

  private hover(e: MouseEvent): void {
    if (!this.map) return;
    const rect = this.canvas.getBoundingClientRect();
    const scale = this.canvas.width / rect.width;
    const col = Math.floor(((e.clientX - rect.left) * scale) / CELL);
    const row = Math.floor(((e.clientY - rect.top) * scale) / CELL);
    const frame = row * this.columns() + col;
    if (frame === this.hovered || frame < 0 || frame >= this.map.frames) return;
    this.hovered = frame;
    void this.describe(frame).then((info) => {
      if (info.frame !== this.hovered) return;
      const lines = [`frame ${info.frame} (${hex(info.frame * 4096)}): ${FRAME_OWNER_NAMES[info.owner]}`, ...info.mappedBy];
      setText(this.tip, lines.join('\n'));
    });
  }
}

function hashOwners(owners: Uint8Array): number {
  let h = 2166136261;
  for (let i = 0; i < owners.length; i++) h = Math.imul(h ^ owners[i], 16777619);
  return h >>> 0;
}
