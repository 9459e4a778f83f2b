// The page's settings (RAM, swap, speed, boot image, keep my disk, login
// prompt, the network the card joins, how the machine starts), kept in
// localStorage so they survive a reload. A URL parameter (?image=demo,
// ?ram=64, ?pane=closed, ?login=1, ?net=NAME, ?start=boot, ?cpu=wasm) overrides a stored value for that visit only, which
// is how tests and benchmarks pick a machine without touching what a
// student chose.

import type { ImageChoice } from './protocol.ts';

export interface Settings {
  ramMiB: number;
  swapMiB: number;
  speed: 'full' | 'throttled';
  image: ImageChoice;
  keepDisk: boolean;
  /** Boot to getty's login prompt instead of a root shell (the kernel command line's `login`). */
  login: boolean;
  paneOpen: boolean;
  /** The network the card is plugged into ('' : no card); tabs naming the same one share it. */
  net: string;
  /** 'fast': restore the machine at its first prompt from the boot snapshot where it fits (web/boot-snapshot.ts);
   * 'boot': power on and boot, to watch it. */
  start: 'fast' | 'boot';
  /** Run hot loops through the WebAssembly tier (emulator/cpu/wasm-tier.ts); ?cpu=wasm / ?cpu=js for a visit. */
  wasm: boolean;
}

const KEY = 'hako-settings';
export const RAM_CHOICES = [16, 32, 64, 128];
export const SWAP_CHOICES = [0, 16, 64];
export const DEFAULTS: Settings = { ramMiB: 32, swapMiB: 16, speed: 'full', image: 'auto', keepDisk: false, login: false, paneOpen: true, net: '', start: 'boot', wasm: false };

function valid(s: Partial<Settings>): Settings {
  const out = { ...DEFAULTS };
  if (typeof s.ramMiB === 'number' && RAM_CHOICES.includes(s.ramMiB)) out.ramMiB = s.ramMiB;
  if (typeof s.swapMiB === 'number' && SWAP_CHOICES.includes(s.swapMiB)) out.swapMiB = s.swapMiB;
  if (s.speed === 'full' || s.speed === 'throttled') out.speed = s.speed;
  if (s.image === 'auto' || s.image === 'kernel' || s.image === 'demo') out.image = s.image;
  if (typeof s.keepDisk === 'boolean') out.keepDisk = s.keepDisk;
  if (typeof s.login === 'boolean') out.login = s.login;
  if (typeof s.wasm === 'boolean') out.wasm = s.wasm;
  if (typeof s.paneOpen === 'boolean') out.paneOpen = s.paneOpen;
  if (s.start === 'fast' || s.start === 'boot') out.start = s.start;
  if (typeof s.net === 'string' && (s.net === '' || /^[A-Za-z0-9_.-]{1,40}$/.test(s.net))) out.net = s.net;
  return out;
}

export function loadSettings(): Settings {
  try {
    return valid(JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>);
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(s: Settings): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

/** The stored settings with this visit's URL overrides applied (not saved). */
export function effectiveSettings(stored: Settings, search: string): Settings {
  const q = new URLSearchParams(search);
  const over: Partial<Settings> = { ...stored };
  const image = q.get('image');
  if (image) over.image = image as ImageChoice;
  if (q.get('ram')) over.ramMiB = Number(q.get('ram'));
  if (q.get('swap')) over.swapMiB = Number(q.get('swap'));
  if (q.get('speed')) over.speed = q.get('speed') as Settings['speed'];
  if (q.get('pane')) over.paneOpen = q.get('pane') !== 'closed';
  if (q.get('login')) over.login = q.get('login') === '1';
  if (q.get('start')) over.start = q.get('start') as Settings['start'];
  if (q.get('cpu')) over.wasm = q.get('cpu') === 'wasm';
  if (q.get('net') !== null) over.net = q.get('net')!;
  return valid(over);
}
