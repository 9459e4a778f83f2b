// The network card's driver (kernel/dev/nic.c) on the real kernel, with a
// test cable in Node: a LocalNetwork joining the machine's card and a
// peer the test plays (a CableSocket that records and injects frames).
// The driver finds the card, logs eth0 with its MAC, reports the link
// when the cable is there and sends its loopback test frame, which reaches
// the peer byte for byte; frames the peer sends to eth0's MAC and to
// broadcast are received and counted by the driver, a frame for another
// MAC is not; pulling the cable logs the link going down with the frames
// moved, matching what the peer saw. A pcap capture of the card's tap (what
// --pcap writes) is read by tcpdump. Without a card there is no eth0.
import { describe, it, expect, beforeAll } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { macForIndex, formatMac } from '../../emulator/devices/nic.ts';
import { LocalNetwork, type CableSocket, type Wire } from '../../emulator/net/cable.ts';
import { PcapWriter } from '../../emulator/net/pcap.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelImage } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

let disk: Uint8Array;
beforeAll(() => { disk = userlandDisk(); });

async function bootMachine(withCard: boolean) {
  const mac = macForIndex(5);
  const m = new Machine({
    ramBytes: 32 << 20, bootTime: 1764000000, disks: [new MemoryBlockStore(disk.slice())], nic: withCard ? { mac } : undefined,
  });
  let output = '';
  m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
  m.load(await kernelImage());
  const runUntil = async (done: () => boolean, what: string, budget = 400_000_000) => {
    const limit = m.cpu.instret + budget;
    while (!done()) {
      if (m.cpu.instret >= limit) throw new Error(`no ${what}; the console shows:\n${output.slice(-1500)}`);
      const state = m.run(500_000);
      if (state === 'io-wait') await m.ioSettled();
      if (state === 'off' || state === 'dead') throw new Error(`machine ${state} (${m.deadReason}) waiting for ${what}`);
    }
  };
  /** Let emulated time pass (the machine idles at its prompt: halted time is skipped). */
  const runFor = async (ticks: number) => {
    const until = m.now() + ticks;
    while (m.now() < until) {
      const state = m.run(500_000, until);
      if (state === 'io-wait') await m.ioSettled();
      if (state === 'idle' || state === 'off' || state === 'dead') break;
    }
  };
  return { m, mac, runUntil, runFor, output: () => output };
}

/** The other end of the wire, played by the test. */
function peer(mac: Uint8Array) {
  const got: Uint8Array[] = [];
  let wire: Wire | null = null;
  const socket: CableSocket = {
    mac,
    plug: (w) => { wire = w; },
    receive: (f) => { got.push(f.slice()); },
  };
  const send = (to: Uint8Array, tag: number) => {
    const f = new Uint8Array(64);
    f.set(to, 0);
    f.set(mac, 6);
    f[12] = 0x90; f[13] = 0x00;   // loopback: no stack answers it
    f[20] = tag;
    wire!.transmit(f);
  };
  return { socket, got, send };
}

describe('the network card driver (eth0)', () => {
  it('registers eth0, reports the link, sends its test frame and counts the frames addressed to it', async () => {
    const { m, mac, runUntil, runFor, output } = await bootMachine(true);
    const net = new LocalNetwork();
    const cable = net.cable();
    cable.attach(m.nic!);
    const host = peer(macForIndex(200));
    net.cable().attach(host.socket);
    const chunks: Uint8Array[] = [];
    const pcap = new PcapWriter((b) => chunks.push(b), m.bootTime);
    m.nic!.tap((f) => pcap.write(f.frame, f.tick));
    await runUntil(() => output().endsWith(SHELL_PROMPT), 'the shell prompt');
    const log = output();
    expect(log).toContain(`eth0: network card at 0x540, irq 10, MAC ${formatMac(mac)}`);
    expect(log).toContain(`eth0: link up, MAC ${formatMac(mac)}`);

    // The driver's loopback test frame, as the peer received it.
    const test = host.got.find((f) => f[12] === 0x90 && f[13] === 0x00);
    expect(test, 'the link test frame').toBeDefined();
    expect([...test!.subarray(0, 6)]).toEqual([0xcf, 0, 0, 0, 0, 0]);
    expect([...test!.subarray(6, 12)]).toEqual([...mac]);
    expect(test!.length).toBe(60);
    expect(new TextDecoder().decode(test!.subarray(20, 39))).toBe('Hako eth0 link test');

    host.send(mac, 1);
    host.send(mac, 2);
    host.send(new Uint8Array(6).fill(0xff), 3);
    host.send(macForIndex(6), 4);   // someone else's: the card does not take it
    host.send(mac, 5);
    await runFor(1_000_000);
    const sentByGuest = host.got.length;
    cable.detach();
    await runFor(1_000_000);
    const down = /eth0: link down; (\d+) frames received \((\d+) bytes\), (\d+) sent \((\d+) bytes\)/.exec(output());
    expect(down, output().slice(-800)).not.toBeNull();
    expect(Number(down![1])).toBe(4);
    expect(Number(down![2])).toBe(4 * 64);
    expect(Number(down![3])).toBe(sentByGuest);
    expect(Number(down![4])).toBe(host.got.reduce((s, f) => s + f.length, 0));
    expect(m.nic!.counters.rxPackets).toBe(4);

    const dir = mkdtempSync(join(tmpdir(), 'hako-nic-'));
    try {
      writeFileSync(join(dir, 'eth0.pcap'), Buffer.concat(chunks));
      const r = spawnSync('tcpdump', ['-r', join(dir, 'eth0.pcap'), '-nn', '-e'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(sentByGuest + 4);   // what the guest sent, and the four frames its card took
      expect(lines[0]).toContain(`${formatMac(mac)} > cf:00:00:00:00:00, ethertype Loopback (0x9000), length 60`);
      expect(lines.filter((l) => l.includes(`${formatMac(macForIndex(200))} > `))).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('without a card there is no eth0 and the boot is unchanged', async () => {
    const { runUntil, output } = await bootMachine(false);
    await runUntil(() => output().endsWith(SHELL_PROMPT), 'the shell prompt');
    expect(output()).not.toContain('eth0');
  }, 300_000);
});
