// The host's cables: the Unix-socket hub that `npm run os -- --net NAME`
// uses (the first machine listens, the others connect; frames reach every
// other member; when the hub leaves, a member takes over and the rest
// follow) and the pcap writer (`--pcap FILE`), whose file Debian's tcpdump
// reads without complaint and decodes as the frames written.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnixSocketCable, networkAddress } from '../../emulator/net/unix-hub.ts';
import type { CableSocket, Wire } from '../../emulator/net/cable.ts';
import { macForIndex } from '../../emulator/devices/nic.ts';
import { PcapWriter, pcapHeader } from '../../emulator/net/pcap.ts';
import { TICKS_PER_SECOND } from '../../emulator/devices/device.ts';

function member(index: number) {
  const got: number[] = [];
  let wire: Wire | null = null;
  const card: CableSocket = { mac: macForIndex(index), plug: (w) => { wire = w; }, receive: (f) => { got.push(f[14]); } };
  return { card, got, up: () => wire !== null, send: (tag: number) => { const f = new Uint8Array(60).fill(0xff, 0, 6); f[14] = tag; wire?.transmit(f); } };
}

async function until(cond: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the Unix-socket hub (--net NAME)', () => {
  it('joins machines naming the same network and survives the hub leaving', async () => {
    const name = `t${process.pid}-${Date.now() % 100000}`;
    const [a, b, c] = [member(1), member(2), member(3)];
    const ca = new UnixSocketCable(name);
    const cb = new UnixSocketCable(name);
    const cc = new UnixSocketCable(name);
    try {
      ca.attach(a.card);
      await until(() => a.up(), 'the first machine to become hub');
      expect(ca.role).toBe('hub');
      cb.attach(b.card);
      cc.attach(c.card);
      await until(() => b.up() && c.up(), 'the others to join');
      expect([cb.role, cc.role]).toEqual(['member', 'member']);

      a.send(1);   // hub → members
      b.send(2);   // member → hub and the other member
      await until(() => a.got.includes(2) && b.got.includes(1) && c.got.includes(1) && c.got.includes(2), 'the frames');
      expect(a.got).not.toContain(1);   // nobody hears itself
      expect(b.got).not.toContain(2);

      ca.detach();   // the hub leaves
      expect(a.up()).toBe(false);
      await until(() => (cb.role === 'hub' || cc.role === 'hub') && b.up() && c.up(), 'a new hub');
      expect([cb.role, cc.role].sort()).toEqual(['hub', 'member']);
      await until(() => { c.send(3); return b.got.includes(3); }, 'a frame over the new hub');
    } finally {
      ca.detach(); cb.detach(); cc.detach();
    }
  }, 20_000);

  it('refuses a network name that could be a path', () => {
    expect(() => networkAddress('../x')).toThrow(/network name/);
    expect(() => networkAddress('')).toThrow(/network name/);
  });
});

describe('pcap (--pcap FILE)', () => {
  it('writes a file tcpdump reads: an ARP request and an ICMP echo with emulated-time stamps', () => {
    const chunks: Uint8Array[] = [];
    const pcap = new PcapWriter((b) => chunks.push(b), 1764000000);
    const mac = macForIndex(1);
    const arp = new Uint8Array(42);
    arp.fill(0xff, 0, 6); arp.set(mac, 6); arp.set([0x08, 0x06], 12);
    arp.set([0, 1, 0x08, 0, 6, 4, 0, 1], 14); arp.set(mac, 22); arp.set([10, 0, 2, 15], 28); arp.set([10, 0, 2, 2], 38);
    const icmp = new Uint8Array(14 + 20 + 8 + 8);
    icmp.set(macForIndex(2), 0); icmp.set(mac, 6); icmp.set([0x08, 0x00], 12);
    const ip = [0x45, 0, 0, 36, 0, 1, 0x40, 0, 64, 1, 0, 0, 10, 0, 2, 15, 10, 0, 2, 2];
    icmp.set(ip, 14);
    const sum = (bytes: Uint8Array) => { let s = 0; for (let i = 0; i < bytes.length; i += 2) s += (bytes[i] << 8) | (bytes[i + 1] ?? 0); while (s >> 16) s = (s & 0xffff) + (s >> 16); return ~s & 0xffff; };
    const ipSum = sum(icmp.subarray(14, 34)); icmp[24] = ipSum >> 8; icmp[25] = ipSum & 0xff;
    icmp.set([8, 0, 0, 0, 0x12, 0x34, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8], 34);
    const icmpSum = sum(icmp.subarray(34)); icmp[36] = icmpSum >> 8; icmp[37] = icmpSum & 0xff;
    pcap.write(arp, TICKS_PER_SECOND * 2 + 123_400);   // 2.001234 s after boot
    pcap.write(icmp, TICKS_PER_SECOND * 3);
    expect(pcap.frames).toBe(2);
    expect([...chunks[0]]).toEqual([...pcapHeader()]);

    const dir = mkdtempSync(join(tmpdir(), 'hako-pcap-'));
    try {
      const file = join(dir, 'capture.pcap');
      writeFileSync(file, Buffer.concat(chunks));
      const r = spawnSync('tcpdump', ['-r', file, '-nn', '-e', '-tt'], { encoding: 'utf8' });
      expect(r.error, 'tcpdump (Debian package tcpdump) must be installed').toBeUndefined();
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/truncated|bogus|invalid/i);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^1764000002\.001234 02:48:4b:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP \(0x0806\), length 42: Request who-has 10\.0\.2\.2 tell 10\.0\.2\.15/);
      expect(lines[1]).toMatch(/^1764000003\.000000 02:48:4b:00:00:01 > 02:48:4b:00:00:02, ethertype IPv4 \(0x0800\), length 50: 10\.0\.2\.15 > 10\.0\.2\.2: ICMP echo request, id 4660, seq 1, length 16/);
      const verbose = spawnSync('tcpdump', ['-r', file, '-nn', '-v'], { encoding: 'utf8' });
      expect(verbose.stdout).not.toMatch(/bad cksum|wrong/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
