// Two Hako machines on one emulated LAN (test/kernel/lan.ts): both boot to
// their shells with eth0 up and hear each other's frames — each card took
// exactly the frames the other sent, and each driver's link-down line
// counts what its card took. With a wire that loses half the frames
// (seeded), what arrives is exactly what the wire passed, and the same
// seed loses the same frames in a second run.
import { describe, it, expect, beforeAll } from 'vitest';
import { formatMac, type CapturedFrame } from '../../emulator/devices/nic.ts';
import { bootLan } from './lan.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

let disk: Uint8Array;
beforeAll(() => { disk = userlandDisk(); });

async function lanRun(loss: number) {
  const lan = await bootLan(2, { disk, loss, seed: 8 });
  const [a, b] = lan.hosts;
  const taps: CapturedFrame[][] = [[], []];
  lan.hosts.forEach((h, i) => h.m.nic!.tap((f) => taps[i].push(f)));
  await lan.runUntil(() => a.output().endsWith(SHELL_PROMPT) && b.output().endsWith(SHELL_PROMPT), 'both prompts');
  await lan.runFor(100_000);
  for (const h of lan.hosts) h.cable.detach();
  await lan.runFor(100_000);
  return { lan, a, b, taps };
}

describe('two machines on one LAN', () => {
  it('boot with eth0 up and take exactly the frames the other sent', async () => {
    const { a, b, taps, lan } = await lanRun(0);
    for (const h of [a, b]) expect(h.output()).toContain(`eth0: link up, MAC ${formatMac(h.m.nic!.mac)}`);
    const sent = (i: number) => taps[i].filter((f) => f.direction === 'tx');
    const took = (i: number) => taps[i].filter((f) => f.direction === 'rx');
    expect(sent(0).length).toBeGreaterThan(0);
    expect(took(1).map((f) => [...f.frame])).toEqual(sent(0).map((f) => [...f.frame]));
    expect(took(0).map((f) => [...f.frame])).toEqual(sent(1).map((f) => [...f.frame]));
    // Taken at about the time they were sent: within one lockstep step (and the card's 2 µs).
    for (let k = 0; k < sent(0).length; k++) expect(Math.abs(took(1)[k].tick - sent(0)[k].tick)).toBeLessThanOrEqual(1200);
    lan.hosts.forEach((h, i) => {
      const down = /eth0: link down; (\d+) frames received/.exec(h.output());
      expect(down, h.output().slice(-500)).not.toBeNull();
      expect(Number(down![1])).toBe(h.m.nic!.counters.rxPackets);
      expect(h.m.nic!.counters.rxPackets + h.m.nic!.counters.rxDropped).toBe(took(i).length);
    });
  }, 600_000);

  it('over a wire losing half the frames, receive what the wire passed, the same in every run', async () => {
    const first = await lanRun(0.5);
    const second = await lanRun(0.5);
    const { lan, taps } = first;
    const sent = taps[0].filter((f) => f.direction === 'tx').length + taps[1].filter((f) => f.direction === 'tx').length;
    const took = taps[0].filter((f) => f.direction === 'rx').length + taps[1].filter((f) => f.direction === 'rx').length;
    expect(lan.net.loss.passed + lan.net.loss.dropped).toBe(sent);
    expect(took).toBe(lan.net.loss.passed);
    expect(lan.net.loss.dropped).toBeGreaterThan(0);   // seed 8 loses the first frame on the wire (the first machine's link test)
    expect(second.lan.net.loss.dropped).toBe(lan.net.loss.dropped);
    expect(second.taps.map((t) => t.map((f) => `${f.direction}${f.tick}`))).toEqual(taps.map((t) => t.map((f) => `${f.direction}${f.tick}`)));
  }, 600_000);
});
