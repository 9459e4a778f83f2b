// A cable for machines on one host (`npm run os -- --net NAME`): every
// machine naming the same network meets at a Unix-domain socket; the first
// to arrive listens there and is the hub, the others connect to it. The hub
// repeats each frame to every other member (and its own card), like an
// Ethernet hub; each card keeps what is addressed to it.
//
// The meeting point is Linux's abstract socket namespace (`\0hako-net-NAME`:
// no file, freed by the kernel when its owner exits, so nothing goes stale),
// or a socket file under os.tmpdir() on other systems. When the hub leaves,
// its members see the connection close: their carrier drops, and after a
// short random wait each tries again — one of them wins the listen and is
// the new hub, the rest connect to it (the guests log the link going down
// and up). A frame sent while there is no hub is lost, as on a wire.
//
// Stream format between members and hub: each frame is a 4-byte big-endian
// length and the frame's bytes. A length over MAX_RECORD ends the connection.
// Nothing here throws into the machine: socket errors only change who is
// hub (the `log` callback hears about them).

import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { unlinkSync } from 'node:fs';
import { tmpdir, platform } from 'node:os';
import { join } from 'node:path';
import { FrameLoss, type CableSocket, type NetworkCable, type Wire } from './cable.ts';

const MAX_RECORD = 65536;
const REJOIN_MIN_MS = 20;
const REJOIN_SPREAD_MS = 80;

/** Where the machines of network `name` meet. */
export function networkAddress(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(name)) throw new Error(`--net: a network name is 1-40 letters, digits, '.', '_' or '-', not "${name}"`);
  return platform() === 'linux' ? `\0hako-net-${name}` : join(tmpdir(), `hako-net-${name}.sock`);
}

/** Splits a byte stream into length-prefixed records. */
class RecordReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(private readonly onRecord: (r: Uint8Array) => void, private readonly onBad: () => void) {}
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (length > MAX_RECORD) { this.onBad(); return; }
      if (this.buffer.length < 4 + length) return;
      this.onRecord(new Uint8Array(this.buffer.subarray(4, 4 + length)));
      this.buffer = this.buffer.subarray(4 + length);
    }
  }
}

function record(frame: Uint8Array): Buffer {
  const b = Buffer.alloc(4 + frame.length);
  b.writeUInt32BE(frame.length, 0);
  b.set(frame, 4);
  return b;
}

export interface UnixHubOptions {
  /** Fraction of this machine's frames the wire loses (seeded, deterministic for the same traffic). */
  loss?: number;
  seed?: number;
  /** Hears about joining, becoming hub, losing the hub. */
  log?: (message: string) => void;
}

export class UnixSocketCable implements NetworkCable {
  readonly address: string;
  private card: CableSocket | null = null;
  private server: Server | null = null;
  private upstream: Socket | null = null;
  private readonly peers = new Set<Socket>();
  private readonly loss: FrameLoss;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private unlinkOnClose = false;

  constructor(readonly name: string, private readonly o: UnixHubOptions = {}) {
    this.address = networkAddress(name);
    this.loss = new FrameLoss(o.loss ?? 0, o.seed ?? 1);
  }

  /** 'hub', 'member', or 'joining' (between hubs, or not attached). */
  get role(): 'hub' | 'member' | 'joining' {
    return this.server ? 'hub' : this.upstream ? 'member' : 'joining';
  }

  attach(card: CableSocket): void {
    if (this.card) throw new Error('this cable is already attached to a card');
    this.card = card;
    this.join();
  }

  detach(): void {
    const card = this.card;
    this.card = null;
    if (this.rejoinTimer) { clearTimeout(this.rejoinTimer); this.rejoinTimer = null; }
    this.upstream?.destroy();
    this.upstream = null;
    for (const p of this.peers) p.destroy();
    this.peers.clear();
    if (this.server) {
      this.server.close();
      this.server = null;
      if (this.unlinkOnClose) { try { unlinkSync(this.address); } catch { /* already gone */ } }
    }
    card?.plug(null);
  }

  private readonly wire: Wire = {
    transmit: (frame) => {
      if (this.loss.drop()) return;
      const r = record(frame);
      if (this.upstream) this.upstream.write(r);
      for (const p of this.peers) p.write(r);
    },
  };

  private join(): void {
    if (!this.card) return;
    const sock = createConnection(this.address);
    sock.once('connect', () => {
      if (!this.card) { sock.destroy(); return; }
      this.upstream = sock;
      this.o.log?.(`joined network ${this.name}`);
      const reader = new RecordReader((f) => this.card?.receive(f), () => sock.destroy());
      sock.on('data', (chunk: Buffer) => reader.push(chunk));
      sock.on('close', () => {
        if (this.upstream !== sock) return;
        this.upstream = null;
        this.card?.plug(null);
        this.o.log?.(`the hub of network ${this.name} left; joining again`);
        this.rejoinLater();
      });
      this.card.plug(this.wire);
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      sock.destroy();
      if (this.upstream === sock || !this.card) return;   // a member's later error: 'close' handles it
      if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') this.becomeHub(e.code === 'ECONNREFUSED');
      else this.rejoinLater();
    });
  }

  private becomeHub(staleFile: boolean): void {
    if (!this.card) return;
    const abstract = this.address.startsWith('\0');
    if (staleFile && !abstract) { try { unlinkSync(this.address); } catch { /* someone else did */ } }
    const server = createServer((peer) => this.addPeer(peer));
    server.on('error', () => {
      if (this.server === server) return;   // a listening hub's later errors are its peers' business
      server.close();
      this.rejoinLater();                   // EADDRINUSE: another member won
    });
    server.listen(this.address, () => {
      if (!this.card) { server.close(); return; }
      this.server = server;
      this.unlinkOnClose = !abstract;
      this.o.log?.(`network ${this.name}: this machine is the hub`);
      this.card.plug(this.wire);
    });
  }

  private addPeer(peer: Socket): void {
    this.peers.add(peer);
    const reader = new RecordReader((f) => {
      this.card?.receive(f);
      const r = record(f);
      for (const p of this.peers) if (p !== peer) p.write(r);
    }, () => peer.destroy());
    peer.on('data', (chunk: Buffer) => reader.push(chunk));
    peer.on('error', () => peer.destroy());
    peer.on('close', () => this.peers.delete(peer));
  }

  private rejoinLater(): void {
    if (!this.card || this.rejoinTimer) return;
    this.rejoinTimer = setTimeout(() => { this.rejoinTimer = null; this.join(); }, REJOIN_MIN_MS + Math.random() * REJOIN_SPREAD_MS);
  }
}
