// The physical-memory pane: a canvas with one cell per 4 KiB frame,
// coloured by owner (kernel image, page tables, each process's private
// pages, pages several processes share, page cache and kernel allocations
// from the kernel's frame descriptors, free/unknown — the rest found by
// walking the address spaces),
// a legend with counts, and a tooltip saying who maps the frame under the
// mouse (asked of the worker when the frame changes). A toggle colours
// instead every frame charged to a control group by its group (struct
// page's memcg), the rest as before.

import { FRAME_OWNER_NAMES, FRAME_PROCESS, type FrameInfo, type FrameMap } from '../protocol.ts';
import { el, hex, setText } from './dom.ts';

const FRAME_COLOURS = ['#2b3340', '#e0a030', '#d0d0d0', '#b070e0', '#4090e0', '#5e81ac', '#8f6a3a'];

/** A process's colour: hues spread by the golden angle, so neighbouring pids differ. */
function processColour(pid: number): string {
  const [r, g, b] = hslToRgb((pid * 137.508) % 360, 0.65, 0.55);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** '#rrggbb' as an ImageData word (RGBA bytes in memory order, little-endian). */
function packRgba(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
/** Colour keys at or above this are control groups: CGROUP_KEY + id. */
export const CGROUP_KEY = 256;

/** Each frame's colour key: its owner, or with byCgroup CGROUP_KEY + the group it is charged to (the root's frames keep their owner). */
export function frameKeys(map: FrameMap, byCgroup: boolean): Uint16Array {
  const keys = new Uint16Array(map.frames);
  for (let f = 0; f < map.frames; f++) {
    const group = byCgroup ? map.cgroups[f] ?? 0 : 0;
    keys[f] = group ? CGROUP_KEY + group : map.owners[f];
  }
  return keys;
}

/** A group's legend name: its path when a process in it names it, else its id. */
export function cgroupLabel(map: FrameMap, id: number): string {
  const known = map.cgroupPaths.find((g) => g.id === id);
  return known ? `cgroup ${known.path}` : `cgroup #${id}`;
}

const CELL = 4;
/** The outline around a focused frame reaches this far beyond its cell (styles.css .frame-marker: 4 + 2 × 5 px). */
const MARKER_PAD = 5;

export class FrameMapPane {
  readonly root: HTMLElement;
  private readonly canvas = el('canvas', { 'data-testid': 'frame-map-canvas', role: 'img', 'aria-label': 'Physical memory map: not read yet' });
  private readonly legend = el('ul', { class: 'legend', 'data-testid': 'frame-legend' });
  private readonly tip = el('div', { class: 'frame-tip', 'data-testid': 'frame-tip' });
  private map: FrameMap | null = null;
  private lastKey = '';
  private hovered = -1;
  private width = 0;
  /** A frame a lesson link asked for: outlined, described in the tip. */
  private focused: number | null = null;
  /** Scroll the outlined frame into view once it is placed (the panes above may have grown meanwhile). */
  private scrollToFocus = false;
  private readonly marker = el('div', { class: 'frame-marker', 'data-testid': 'frame-focus', hidden: '' });
  private readonly byCgroup = el('input', { type: 'checkbox', 'data-testid': 'frame-by-cgroup' });

  constructor(private readonly describe: (frame: number) => Promise<FrameInfo>) {
    const toggle = el('label', { class: 'frame-toggle' }, this.byCgroup, ' colour frames by cgroup');
    this.root = el('div', { class: 'frame-pane', 'data-testid': 'frame-map' }, toggle, this.canvas, this.marker, this.legend, this.tip);
    this.byCgroup.addEventListener('change', () => { if (this.map) { this.lastKey = ''; this.render(this.map); } });
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => {
      this.hovered = -1;
      setText(this.tip, '');
      if (this.focused !== null) { this.hovered = this.focused; void this.describe(this.focused).then((info) => this.showInfo(info)); } // back to what the lesson pointed at
    });
    new ResizeObserver((entries) => {
      this.width = entries[entries.length - 1].contentRect.width;
      if (this.map && this.columns() !== this.canvas.width) this.render(this.map);
    }).observe(this.root);
  }

  /** Frames per row: the pane's width in cells (kept from a ResizeObserver, so rendering never forces a layout). */
  private columns(): number {
    return Math.max(16, Math.floor((this.width || 320) / CELL));
  }

  /** Outlines a frame and says who owns and maps it. */
  focus(frame: number | null): void {
    this.focused = frame;
    this.scrollToFocus = true;
    this.placeMarker();
    if (frame === null) return;
    this.hovered = frame;
    void this.describe(frame).then((info) => this.showInfo(info));
  }

  private placeMarker(): void {
    const f = this.focused;
    if (f === null || !this.map || f < 0 || f >= this.map.frames) { this.marker.hidden = true; return; }
    const columns = this.canvas.width || this.columns();
    this.marker.hidden = false;
    this.marker.dataset.frame = String(f);
    this.marker.style.left = `${(f % columns) * CELL - MARKER_PAD}px`;
    this.marker.style.top = `${Math.floor(f / columns) * CELL - MARKER_PAD}px`;
    if (this.scrollToFocus) { this.scrollToFocus = false; this.marker.scrollIntoView({ block: 'center' }); }
  }

  render(map: FrameMap): void {
    const columns = this.columns();
    const byCgroup = this.byCgroup.checked;
    const keys = frameKeys(map, byCgroup);
    const key = columns + ':' + map.walked.join(',') + ':' + JSON.stringify(map.processes) + ':' + JSON.stringify(map.cgroupPaths) + ':' + hashOwners(keys);
    this.map = map;
    this.placeMarker();
    if (key === this.lastKey) return;
    this.lastKey = key;
    // One canvas pixel per frame, scaled up by CSS (image-rendering: pixelated): one putImageData per redraw.
    const rows = Math.max(1, Math.ceil(map.frames / columns));
    if (this.canvas.width !== columns || this.canvas.height !== rows) {
      this.canvas.width = columns;
      this.canvas.height = rows;
      this.canvas.style.width = `${columns * CELL}px`;
      this.canvas.style.height = `${rows * CELL}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const counts = new Map<number, number>();
    const palette = new Map<number, number>();
    const pixels = ctx.createImageData(columns, rows);
    const words = new Uint32Array(pixels.data.buffer);
    for (let f = 0; f < map.frames; f++) {
      const owner = keys[f];
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
      let rgba = palette.get(owner);
      if (rgba === undefined) { rgba = packRgba(this.colourOf(map, owner)); palette.set(owner, rgba); }
      words[f] = rgba;
    }
    ctx.putImageData(pixels, 0, 0);
    this.placeMarker();
    // The picture in words for screen readers: frames by owner, largest first.
    const shares = [...counts].sort((a, b) => b[1] - a[1]).map(([owner, n]) => `${n} ${this.ownerName(owner)}`);
    this.canvas.setAttribute('aria-label', `Physical memory map of ${map.frames} frames: ${shares.join(', ')}`);
    const item = (owner: number, name: string, extra: Record<string, string> = {}) =>
      el('li', { 'data-owner': String(owner), 'data-count': String(counts.get(owner) ?? 0), ...extra },
        el('span', { class: 'swatch', style: `background:${this.colourOf(map, owner)}` }), `${name}: ${counts.get(owner) ?? 0}`);
    this.legend.replaceChildren(
      ...FRAME_OWNER_NAMES.map((name, owner) => item(owner, name)),
      ...map.processes.map((p, i) => item(FRAME_PROCESS + i, `pid ${p.pid} ${p.command}`, { 'data-pid': String(p.pid) })),
      ...[...counts.keys()].filter((k) => k >= CGROUP_KEY).sort((a, b) => a - b)
        .map((k) => item(k, cgroupLabel(map, k - CGROUP_KEY), { 'data-cgroup': String(k - CGROUP_KEY) })));
  }

  private colourOf(map: FrameMap, owner: number): string {
    if (owner >= CGROUP_KEY) return processColour(97 + 3 * (owner - CGROUP_KEY));   // hues apart from the pids'
    if (owner < FRAME_PROCESS) return FRAME_COLOURS[owner] ?? FRAME_COLOURS[0];
    const p = map.processes[owner - FRAME_PROCESS];
    return p ? processColour(p.pid) : FRAME_COLOURS[4];
  }

  private ownerName(owner: number): string {
    if (owner < FRAME_PROCESS) return FRAME_OWNER_NAMES[owner] ?? 'unknown';
    const p = this.map?.processes[owner - FRAME_PROCESS];
    return p ? `private to pid ${p.pid} (${p.command})` : 'user pages';
  }

  private hover(e: MouseEvent): void {
    if (!this.map) return;
    const rect = this.canvas.getBoundingClientRect();
    const scale = this.canvas.width / rect.width;
    const col = Math.floor((e.clientX - rect.left) * scale);
    const row = Math.floor((e.clientY - rect.top) * (this.canvas.height / rect.height));
    const frame = row * this.columns() + col;
    if (frame === this.hovered || frame < 0 || frame >= this.map.frames) return;
    this.hovered = frame;
    void this.describe(frame).then((info) => this.showInfo(info));
  }

  private showInfo(info: FrameInfo): void {
    if (info.frame !== this.hovered) return;
    const group = this.map?.cgroups[info.frame] ?? 0;
    const charged = group ? [`charged to ${cgroupLabel(this.map!, group)}`] : [];
    const lines = [`frame ${info.frame} (${hex(info.frame * 4096)}): ${this.ownerName(info.owner)}`, ...charged, ...info.mappedBy];
    setText(this.tip, lines.join('\n'));
  }
}

function hashOwners(owners: Uint16Array): number {
  let h = 2166136261;
  for (let i = 0; i < owners.length; i++) h = Math.imul(h ^ owners[i], 16777619);
  return h >>> 0;
}
