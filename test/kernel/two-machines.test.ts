// Two Hako machines talking over the emulated cable (issue 12), on one wire
// that loses 5% of the frames (seeded, so every run loses the same ones):
// each boots with its address from the kernel command line (ip=10.0.0.1/24,
// ip=10.0.0.2/24); the first pings the second (ARP resolves the peer, whose
// MAC /proc/net/arp then shows), then sends it 256 KiB over TCP with nc,
// which the second compares byte for byte with its own copy of the file;
// the losses are recovered by retransmission (RetransSegs in /proc/net/snmp).
// The first card's frames, written as a pcap capture, are read by Debian's
// tcpdump without errors and show the three-way handshake.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMac } from '../../emulator/devices/nic.ts';
import { PcapWriter } from '../../emulator/net/pcap.ts';
import { bootLan } from './lan.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

const SIZE = 256 * 1024;

/** Bytes no simple pattern reproduces (a shifted or truncated copy differs). */
function payload(): Uint8Array {
  const b = new Uint8Array(SIZE);
  let s = 12345;
  for (let i = 0; i < SIZE; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; b[i] = s >>> 24; }
  return b;
}

let disk: Uint8Array;
beforeAll(() => { disk = userlandDisk([{ guestPath: '/data.bin', data: payload(), mode: 0o644 }]); });

/** The text a command printed: after the line that echoed it, up to the next prompt. */
function after(out: string, marker: string): string {
  const text = out.replace(/\r\n/g, '\n');
  const start = text.lastIndexOf(marker);
  const rest = text.slice(text.indexOf('\n', start) + 1);
  const end = rest.indexOf(SHELL_PROMPT);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('two machines on one lossy LAN', () => {
  it('ping between them resolves ARP, and 256 KiB cross over TCP byte-exact with 5% of the frames lost; tcpdump reads the capture', async () => {
    const lan = await bootLan(2, { disk, loss: 0.05, seed: 12, cmdline: (i) => `ip=10.0.0.${i + 1}/24` });
    const [a, b] = lan.hosts;
    const pcap: Uint8Array[] = [];
    const writer = new PcapWriter((bytes) => pcap.push(bytes.slice()), 1764000000);
    a.m.nic!.tap((f) => writer.write(f.frame, f.tick));
    const prompts = (h: typeof a) => h.output().split(SHELL_PROMPT).length - 1;
    await lan.runUntil(() => prompts(a) >= 1 && prompts(b) >= 1, 'both prompts');

    a.type('ping -c 3 10.0.0.2; echo ping=$?; cat /proc/net/arp\r');
    await lan.runUntil(() => prompts(a) >= 2, 'ping');
    const ping = after(a.output(), 'ping -c 3');
    expect(ping, ping).toMatch(/^PING 10\.0\.0\.2 \(10\.0\.0\.2\) 56\(84\) bytes of data\.\n/);
    expect(ping).toMatch(/64 bytes from 10\.0\.0\.2: icmp_seq=\d ttl=64 time=/);
    expect(ping).toMatch(/\n3 packets transmitted, [123] received, /);
    expect(ping).toContain('\nping=0\n');
    const peerMac = formatMac(b.m.nic!.mac);
    expect(ping).toMatch(new RegExp(`^10\\.0\\.0\\.2 +0x1 +0x2 +${peerMac} +\\* +eth0$`, 'm'));

    const before = lan.net.loss.dropped;
    b.type('nc -l -p 9000 < /dev/null > /tmp/got; cmp /data.bin /tmp/got && echo same; wc -c < /tmp/got; grep Tcp: /proc/net/snmp\r');
    await lan.runFor(2_000_000);
    a.type('nc 10.0.0.2 9000 < /data.bin; echo sent=$?; grep Tcp: /proc/net/snmp\r');
    await lan.runUntil(() => prompts(b) >= 2 && prompts(a) >= 3, 'the transfer', 6_000_000_000);
    const got = after(b.output(), 'nc -l -p 9000');
    expect(got, got).toContain('same\n');
    expect(got).toMatch(new RegExp(`^ *${SIZE}$`, 'm'));
    expect(after(a.output(), 'nc 10.0.0.2 9000')).toContain('sent=0\n');
    expect(lan.net.loss.dropped - before, 'frames the wire lost during the transfer').toBeGreaterThan(0);
    // RetransSegs of both ends: the lost segments (data from a, ACKs from b) were sent again.
    const retrans = [a, b].map((h) => {
      const snmp = h.output().replace(/\r\n/g, '\n');
      const names = [...snmp.matchAll(/^Tcp: ([A-Za-z ]+)$/gm)].at(-1)![1].split(' ');
      const values = [...snmp.matchAll(/^Tcp: ([\d ]+)$/gm)].at(-1)![1].split(' ').map(Number);
      return values[names.indexOf('RetransSegs')];
    });
    expect(retrans[0] + retrans[1], `RetransSegs ${retrans}`).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmpdir(), 'two-machines-'));
    try {
      writeFileSync(join(dir, 'a.pcap'), Buffer.concat(pcap));
      const r = spawnSync('tcpdump', ['-r', join(dir, 'a.pcap'), '-nn', '-S'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/truncated|bad|error/i);
      const lines = r.stdout.split('\n');
      const syn = lines.findIndex((l) => /10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.9000: Flags \[S\]/.test(l));
      const synAck = lines.findIndex((l) => /10\.0\.0\.2\.9000 > 10\.0\.0\.1\.\d+: Flags \[S\.\]/.test(l));
      const ack = lines.findIndex((l, i) => i > synAck && /10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.9000: Flags \[\.\]/.test(l));
      expect(syn, r.stdout.slice(0, 3000)).toBeGreaterThanOrEqual(0);
      expect(synAck).toBeGreaterThan(syn);
      expect(ack).toBeGreaterThan(synAck);
      expect(lines.some((l) => /ARP, Reply 10\.0\.0\.2 is-at/.test(l))).toBe(true);
      expect(lines.some((l) => /ICMP echo reply/.test(l))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_200_000);
});
