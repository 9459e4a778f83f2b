// `npm run os`: boot Hako in the current terminal.
//
//   npm run os -- [--ram MiB] [--swap MiB] [--swap-file F] [--disk F]
//                 [--share DIR] [--net NAME] [--ip A/N] [--pcap F] [--net-loss FRACTION]
//                 [--add HOST:GUEST]... [--kernel F] [--cmdline TEXT] [--login] [--wasm]
//
// stdin goes to the console (raw, key by key, when it is a terminal; as it
// comes when piped), console output goes to stdout, and the process exits
// with the code the guest powers off with. When stdout is a terminal its
// size goes to the console-size register, at boot and on every resize (the
// kernel's tty then sends SIGWINCH); piped, the guest sees 80×24. This file is host plumbing only:
// it picks block stores, copies files into the image before boot (like
// mounting a disk on another machine) and paces the machine to real time;
// everything the guest does happens inside the emulated machine.

import { existsSync, readFileSync, writeFileSync, copyFileSync, statSync, readdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NodeShareBackend } from '../emulator/share/node.ts';
import { Machine } from '../emulator/machine.ts';
import { macForIndex } from '../emulator/devices/nic.ts';
import { UnixSocketCable, networkAddress } from '../emulator/net/unix-hub.ts';
import { PcapWriter } from '../emulator/net/pcap.ts';
import { Runner } from '../emulator/runner.ts';
import { MemoryBlockStore } from '../emulator/blockstore/memory.ts';
import { FileBlockStore } from '../emulator/blockstore/file.ts';
import { BLOCK_SIZE, type BlockStore } from '../emulator/blockstore/interface.ts';
import { addFiles } from '../toolchain/mkfs/index.ts';
import { REPO_ROOT, runOsBuild } from '../toolchain/os-build.ts';
import { kernelCmdline, parseArgs, USAGE, withDefaultAddress, type OsOptions } from './args.ts';
import { rootImageProblem } from './disk-image.ts';

function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newest;
}

/** Build the images when they are missing or older than their sources. */
async function ensureImages(kernelPath: string, diskPath: string): Promise<void> {
  const sources = newestSource(['kernel', 'userland', 'toolchain'].map((d) => join(REPO_ROOT, d)));
  const stale = (p: string): boolean => !existsSync(p) || statSync(p).mtimeMs < sources;
  if (!stale(kernelPath) && !stale(diskPath)) return;
  process.stderr.write('os: building the OS images (npm run build:os)…\n');
  const toStderr = (text: string): void => { process.stderr.write(text); };
  const code = await runOsBuild([], { out: toStderr, err: toStderr });
  if (code !== 0) throw new Error('the OS build failed');
}

function withAdds(image: Uint8Array, adds: OsOptions['adds']): Uint8Array {
  if (adds.length === 0) return image;
  const files = adds.map(({ host, guest }) => {
    if (!existsSync(host)) throw new Error(`--add: ${host}: no such file`);
    const st = statSync(host);
    if (!st.isFile()) throw new Error(`--add: ${host}: not a regular file`);
    return { guestPath: guest, data: new Uint8Array(readFileSync(host)), mode: st.mode & 0o777 };
  });
  return addFiles(image, files);
}

async function rootDisk(o: OsOptions, pristine: string): Promise<BlockStore> {
  if (!o.disk) return new MemoryBlockStore(withAdds(new Uint8Array(readFileSync(pristine)), o.adds));
  // A missing or empty file is a disk not made yet: it starts as a copy of the image.
  if (!existsSync(o.disk) || statSync(o.disk).size === 0) copyFileSync(pristine, o.disk);
  if (o.adds.length) writeFileSync(o.disk, withAdds(new Uint8Array(readFileSync(o.disk)), o.adds));
  return FileBlockStore.open(o.disk);
}

async function swapDisk(o: OsOptions): Promise<BlockStore | undefined> {
  const blocks = (o.swapMiB << 20) / BLOCK_SIZE;
  if (blocks === 0) return undefined;
  if (o.swapFile) return FileBlockStore.open(o.swapFile, { create: true, blocks });
  return new MemoryBlockStore(blocks);
}

export async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (typeof o === 'string') {
    const help = o === USAGE;
    (help ? process.stdout : process.stderr).write(`${o}\n`);
    return help ? 0 : 2;
  }
  if (o.disk && existsSync(o.disk)) {
    if (!statSync(o.disk).isFile()) throw new Error(`--disk ${o.disk}: not a regular file`);
    const problem = statSync(o.disk).size === 0 ? undefined : rootImageProblem(o.disk);
    if (problem) throw new Error(`--disk ${o.disk}: ${problem}`);
  }
  const kernelPath = resolve(o.kernel ?? join(REPO_ROOT, 'build/kernel.elf'));
  const diskPath = join(REPO_ROOT, 'build/disk.img');
  if (!o.kernel) await ensureImages(kernelPath, diskPath);
  if (!existsSync(kernelPath)) throw new Error(`${kernelPath}: no kernel image`);

  if (o.disk2 && (!existsSync(o.disk2) || !statSync(o.disk2).isFile())) throw new Error(`--disk2 ${o.disk2}: not a regular file`);
  // Slots: 0 root, 1 swap (may be empty), 2 the second disk (docs/architecture.md).
  const disks: (BlockStore | undefined)[] = [await rootDisk(o, diskPath), await swapDisk(o)];
  if (o.disk2) disks.push(await FileBlockStore.open(o.disk2));
  const share = o.share ? new NodeShareBackend(resolve(o.share)) : undefined;   // throws for a non-directory
  if (o.net) networkAddress(o.net);   // throws for a bad name, before anything starts
  // The card's MAC comes from this process's id: distinct among the machines running on this host.
  const nic = o.net || o.pcap ? { mac: macForIndex(process.pid & 0xffffff) } : undefined;
  const addressed = nic ? withDefaultAddress(o, nic.mac) : o;
  if (o.net) process.stderr.write(`os: eth0 on network ${o.net}${addressed.ip ? `, address ${addressed.ip}` : ''}\n`);
  const machine = new Machine({ ramBytes: o.ramMiB << 20, disks, cmdline: kernelCmdline(addressed), share, nic, wasm: o.wasm });
  const pcapFd = o.pcap ? openSync(o.pcap, 'w') : null;
  if (pcapFd !== null && machine.nic) {
    const pcap = new PcapWriter((bytes) => { writeSync(pcapFd, bytes); }, machine.bootTime);
    machine.nic.tap((f) => pcap.write(f.frame, f.tick));
  }
  const cable = o.net ? new UnixSocketCable(o.net, { loss: o.netLoss }) : null;
  if (cable && machine.nic) cable.attach(machine.nic);
  machine.on('console', (bytes) => { process.stdout.write(bytes); });
  machine.on('disk-error', (msg) => { process.stderr.write(`os: host disk error: ${msg}\n`); });
  machine.load(new Uint8Array(readFileSync(kernelPath)));
  const stdout = process.stdout;
  const sendSize = (): void => { if (stdout.isTTY) machine.consoleSize.setSize(stdout.columns, stdout.rows); };
  sendSize();
  if (stdout.isTTY) stdout.on('resize', sendSize);

  const runner = new Runner(machine, { realTime: true });
  const stdin = process.stdin;
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  stdin.on('data', (chunk: Buffer) => {
    if (raw && chunk.includes(0x1d)) { runner.stop(); return; } // Ctrl-]
    machine.sendInput(new Uint8Array(chunk));
  });
  stdin.on('end', () => { machine.sendInput(new Uint8Array([4])); }); // end of piped input: Ctrl-D
  stdin.resume();
  try {
    const result = await runner.run();
    await machine.flushDisks();
    if (result.state === 'dead') {
      process.stderr.write(`\nos: the machine stopped: ${result.deadReason}\n`);
      return 2;
    }
    return result.exitCode ?? 0;
  } finally {
    if (raw) stdin.setRawMode(false);
    stdin.pause();
    stdout.off('resize', sendSize);
    for (const d of disks) await (d as { close?: () => Promise<void> } | undefined)?.close?.();
    cable?.detach();
    if (pcapFd !== null) closeSync(pcapFd);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => { process.stderr.write(`os: ${(e as Error).message}\n`); process.exit(2); },
);
