// The network pane's frame decoder (web/net-decode.ts): ARP, ICMP echo,
// UDP and TCP frames built here decode to the addresses, ports, flags and
// sequence numbers that Debian's tcpdump reads from the same bytes (a pcap
// file of them); cut-short and random frames decode as far as they go and
// never throw.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, hexDump, tcpFlagNames } from '../../web/net-decode.ts';
import { PcapWriter } from '../../emulator/net/pcap.ts';

const A = [0x02, 0x48, 0x4b, 0, 0, 1];
const B = [0x02, 0x48, 0x4b, 0, 0, 2];

function checksum(bytes: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < bytes.length; i += 2) s += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return ~s & 0xffff;
}

function ipFrame(proto: number, l4: number[]): Uint8Array {
  const f = new Uint8Array(14 + 20 + l4.length);
  f.set(B, 0); f.set(A, 6); f.set([0x08, 0x00], 12);
  const total = 20 + l4.length;
  f.set([0x45, 0, total >> 8, total & 0xff, 0, 7, 0x40, 0, 64, proto, 0, 0, 10, 0, 2, 15, 10, 0, 2, 2], 14);
  const s = checksum(f.subarray(14, 34)); f[24] = s >> 8; f[25] = s & 0xff;
  f.set(l4, 34);
  return f;
}

/** A TCP segment without a checksum (tcpdump -nn does not judge it unless -v). */
function tcp(sport: number, dport: number, seq: number, ack: number, flags: number, payload = 0): Uint8Array {
  const h = [sport >> 8, sport & 0xff, dport >> 8, dport & 0xff,
    seq >>> 24, (seq >>> 16) & 0xff, (seq >>> 8) & 0xff, seq & 0xff, ack >>> 24, (ack >>> 16) & 0xff, (ack >>> 8) & 0xff, ack & 0xff,
    0x50, flags, 0xfa, 0xf0, 0, 0, 0, 0];
  return ipFrame(6, [...h, ...new Array(payload).fill(0x61)]);
}

const ARP = (() => {
  const f = new Uint8Array(42);
  f.fill(0xff, 0, 6); f.set(A, 6); f.set([0x08, 0x06], 12);
  f.set([0, 1, 0x08, 0, 6, 4, 0, 1], 14); f.set(A, 22); f.set([10, 0, 2, 15], 28); f.set([10, 0, 2, 2], 38);
  return f;
})();
const PING = ipFrame(1, [8, 0, 0, 0, 0x12, 0x34, 0, 3, 1, 2, 3, 4]);
const UDP = ipFrame(17, [0x30, 0x39, 0, 53, 0, 12, 0, 0, 1, 2, 3, 4]);
const SYN = tcp(40000, 80, 1000, 0, 0x02);
const SYNACK = tcp(80, 40000, 5000, 1001, 0x12);
const DATA = tcp(40000, 80, 1001, 5001, 0x18, 5);
const FIN = tcp(40000, 80, 1006, 5001, 0x11);

describe('the frame decoder', () => {
  it('decodes ARP, ICMP, UDP and TCP as tcpdump reads the same bytes', () => {
    const frames = [ARP, PING, UDP, SYN, SYNACK, DATA, FIN];
    const d = frames.map(decodeFrame);
    expect(d.map((x) => x.protocol)).toEqual(['ARP', 'ICMP', 'UDP', 'TCP', 'TCP', 'TCP', 'TCP']);
    expect(d[0].info).toBe('who-has 10.0.2.2 tell 10.0.2.15');
    expect(d[0].src).toBe('02:48:4b:00:00:01');
    expect(d[0].dst).toBe('ff:ff:ff:ff:ff:ff');
    expect(d[1].info).toBe('echo request, id 4660, seq 3');
    expect([d[2].source, d[2].destination]).toEqual(['10.0.2.15:12345', '10.0.2.2:53']);
    expect(d[3].tcp).toMatchObject({ srcPort: 40000, dstPort: 80, seq: 1000, flags: 'SYN', window: 0xfaf0, payload: 0 });
    expect(d[4].tcp).toMatchObject({ seq: 5000, ack: 1001, flags: 'SYN,ACK' });
    expect(d[5].tcp).toMatchObject({ flags: 'PSH,ACK', payload: 5 });
    expect(d[6].tcp!.flags).toBe('FIN,ACK');
    expect(d[5].detail.join('\n')).toMatch(/Ethernet II[\s\S]*IPv4: 10\.0\.2\.15 → 10\.0\.2\.2, ttl 64[\s\S]*TCP: port 40000 → 80/);

    // The oracle: tcpdump on a capture of the same frames.
    const chunks: Uint8Array[] = [];
    const w = new PcapWriter((c) => chunks.push(c), 1764000000);
    frames.forEach((f, i) => w.write(f, i * 1000));
    const dir = mkdtempSync(join(tmpdir(), 'hako-decode-'));
    try {
      writeFileSync(join(dir, 'f.pcap'), Buffer.concat(chunks));
      const r = spawnSync('tcpdump', ['-r', join(dir, 'f.pcap'), '-nn', '-S', '-q', '-t'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[1]).toContain('10.0.2.15 > 10.0.2.2: ICMP echo request, id 4660, seq 3');
      expect(lines[2]).toContain('10.0.2.15.12345 > 10.0.2.2.53: UDP, length 4');
      const full = spawnSync('tcpdump', ['-r', join(dir, 'f.pcap'), '-nn', '-S', '-t'], { encoding: 'utf8' }).stdout.trim().split('\n');
      const tcpdumpFlags = { S: 'SYN', 'S.': 'SYN,ACK', 'P.': 'PSH,ACK', 'F.': 'FIN,ACK' } as Record<string, string>;
      for (let i = 3; i < 7; i++) {
        const m = /Flags \[([^\]]+)\], seq (\d+)(?::\d+)?,(?: ack (\d+),)? win (\d+)/.exec(full[i]);
        expect(m, full[i]).not.toBeNull();
        expect(d[i].tcp!.flags).toBe(tcpdumpFlags[m![1]]);
        expect(d[i].tcp!.seq).toBe(Number(m![2]));
        if (m![3]) expect(d[i].tcp!.ack).toBe(Number(m![3]));
        expect(d[i].tcp!.window).toBe(Number(m![4]));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('decodes cut-short and random frames as far as they go, never throwing', () => {
    expect(decodeFrame(new Uint8Array(5)).info).toMatch(/runt/);
    expect(decodeFrame(ARP.subarray(0, 30)).info).toBe('ARP, truncated');
    expect(decodeFrame(SYN.subarray(0, 40)).protocol).toBe('IPv4');
    let seed = 5;
    for (let n = 0; n < 2000; n++) {
      const len = (n * 37) % 120;
      const f = Uint8Array.from({ length: len }, () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 24; });
      if (n % 3 === 0 && len > 14) { f[12] = 0x08; f[13] = n % 2 ? 0x00 : 0x06; f[14] = 0x45; }
      expect(() => decodeFrame(f)).not.toThrow();
    }
    expect(tcpFlagNames(0)).toBe('none');
    expect(hexDump(new Uint8Array([0x41, 0, 0x42]))).toEqual(['0000  41 00 42' + ' '.repeat(39) + '  A.B']);
  });
});
