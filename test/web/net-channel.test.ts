// The page's cable and capture: BroadcastChannelCable (Node has the same
// BroadcastChannel as browsers) joins every cable of one network name and
// no other, never echoes a frame to its sender, and drops carrier on
// detach; randomMac gives locally administered MACs; FrameCapture numbers
// the card's frames, answers "after N" in batches and reports overwritten
// ones as lost.
import { describe, it, expect } from 'vitest';
import { BroadcastChannelCable, randomMac } from '../../web/net-channel.ts';
import { FrameCapture, CAPTURE_BATCH, CAPTURE_LIMIT } from '../../web/net-capture.ts';
import type { CableSocket, Wire } from '../../emulator/net/cable.ts';
import { TICKS_PER_SECOND } from '../../emulator/devices/device.ts';

function card(tag: number) {
  const got: number[] = [];
  let wire: Wire | null = null;
  const socket: CableSocket = { mac: new Uint8Array(6), plug: (w) => { wire = w; }, receive: (f) => { got.push(f[0]); } };
  return { socket, got, up: () => wire !== null, send: () => wire?.transmit(new Uint8Array([tag, 1, 2])) };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('BroadcastChannelCable', () => {
  it('carries frames between the cards of one network only, never back to the sender', async () => {
    const [a, b, c] = [card(1), card(2), card(3)];
    const ca = new BroadcastChannelCable('lan-a');
    const cb = new BroadcastChannelCable('lan-a');
    const cc = new BroadcastChannelCable('lan-b');
    try {
      ca.attach(a.socket); cb.attach(b.socket); cc.attach(c.socket);
      expect(a.up() && b.up() && c.up()).toBe(true);
      a.send(); b.send(); c.send();
      await settle();
      expect(a.got).toEqual([2]);
      expect(b.got).toEqual([1]);
      expect(c.got).toEqual([]);
      cb.detach();
      expect(b.up()).toBe(false);
      a.send();
      await settle();
      expect(b.got).toEqual([1]);
    } finally {
      ca.detach(); cb.detach(); cc.detach();
    }
    expect(() => new BroadcastChannelCable('no/slashes')).toThrow(/network name/);
  });

  it('gives random, locally administered MACs', () => {
    const m = randomMac();
    expect(m.length).toBe(6);
    expect(m[0]).toBe(0x02);
    expect(new Set(Array.from({ length: 20 }, () => randomMac().join(':'))).size).toBeGreaterThan(15);
  });
});

describe('FrameCapture', () => {
  it('numbers frames, answers after N in batches and counts what was overwritten', () => {
    const cap = new FrameCapture();
    const push = (n: number) => { for (let i = 0; i < n; i++) cap.add({ direction: i % 2 ? 'rx' : 'tx', tick: TICKS_PER_SECOND / 2, frame: new Uint8Array([i & 0xff]) }); };
    expect(cap.after(0)).toEqual({ frames: [], next: 0, lost: 0 });
    push(3);
    const first = cap.after(0);
    expect(first.frames.map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(first.frames[0]).toMatchObject({ direction: 'tx', time: 0.5 });
    expect(first.next).toBe(3);
    expect(cap.after(3)).toEqual({ frames: [], next: 3, lost: 0 });
    push(CAPTURE_LIMIT + 10);   // 13 overwritten
    const later = cap.after(3);
    expect(later.lost).toBe(13 - 3);
    expect(later.frames[0].seq).toBe(14);
    expect(later.frames).toHaveLength(CAPTURE_BATCH);
    expect(later.next).toBe(13 + CAPTURE_BATCH);
  });
});
