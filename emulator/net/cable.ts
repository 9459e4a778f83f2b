// The cable: how a network card reaches other machines. This is the host's
// business, like the wire and the switch outside a real computer: the card
// (emulator/devices/nic.ts) only sees a carrier and frames.
//
// A `NetworkCable` attaches to a card's `CableSocket`: it plugs a `Wire`
// into it (carrier up) and hands it the frames that arrive; detach pulls
// it out (carrier down). No cable, no carrier. Every network here is a hub:
// a frame goes to every other attached card, and each card keeps only the
// frames addressed to it (its MAC, broadcast, multicast).
//
// Implementations: `LocalNetwork` (machines in one process: the tests),
// emulator/net/unix-hub.ts (machines on one host: `npm run os -- --net
// NAME`), web/net-channel.ts (tabs of one origin: BroadcastChannel).
// `FrameLoss` drops a fraction of frames with a seeded generator, the same
// frames in every run with the same traffic: the tests' lossy wire.

/** What a card's transmitter drives. */
export interface Wire {
  transmit(frame: Uint8Array): void;
}

/** A card's connector, as a cable sees it. */
export interface CableSocket {
  readonly mac: Uint8Array;
  /** A wire (carrier up) or none (carrier down). */
  plug(wire: Wire | null): void;
  /** A frame from the wire (copied by the card). */
  receive(frame: Uint8Array): void;
}

export interface NetworkCable {
  attach(card: CableSocket): void;
  detach(): void;
}

/**
 * Drops `fraction` (0..1) of the frames it is asked about, chosen by a
 * seeded generator (mulberry32): the same sequence of questions gets the
 * same answers in every run.
 */
export class FrameLoss {
  private state: number;
  dropped = 0;
  passed = 0;

  constructor(readonly fraction: number, seed = 1) {
    if (!(fraction >= 0 && fraction <= 1)) throw new Error(`a loss fraction is between 0 and 1, not ${fraction}`);
    this.state = seed >>> 0;
  }

  /** True when this frame is to be lost. */
  drop(): boolean {
    if (this.fraction === 0) { this.passed++; return false; }
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    const lost = r < this.fraction;
    if (lost) this.dropped++;
    else this.passed++;
    return lost;
  }
}

export interface LocalNetworkOptions {
  /** Fraction of frames the wire loses (deterministic with `seed`). */
  loss?: number;
  seed?: number;
}

/** A hub in this process: every cable made by cable() joins it. */
export class LocalNetwork {
  private readonly cards = new Set<CableSocket>();
  readonly loss: FrameLoss;

  constructor(o: LocalNetworkOptions = {}) {
    this.loss = new FrameLoss(o.loss ?? 0, o.seed ?? 1);
  }

  cable(): NetworkCable {
    let attached: CableSocket | null = null;
    return {
      attach: (card) => {
        if (attached) throw new Error('this cable is already attached to a card');
        attached = card;
        this.cards.add(card);
        card.plug({ transmit: (frame) => this.carry(card, frame) });
      },
      detach: () => {
        if (!attached) return;
        this.cards.delete(attached);
        attached.plug(null);
        attached = null;
      },
    };
  }

  private carry(from: CableSocket, frame: Uint8Array): void {
    if (this.loss.drop()) return;
    for (const card of this.cards) if (card !== from) card.receive(frame);
  }
}
