// The page's cable: tabs of the same origin that name the same network
// (`?net=NAME`) share it over a BroadcastChannel — a classroom LAN with no
// server. A BroadcastChannel delivers to every other channel of that name
// (in any tab or worker of the origin) and never back to the sender, which
// is exactly a hub; each card keeps what is addressed to it. Frames are
// posted as Uint8Arrays (structured clone). The machine's worker owns it
// (emulator/net/cable.ts has the interface and the hub semantics).

import { FrameLoss, type CableSocket, type NetworkCable } from '../emulator/net/cable.ts';
import { macForIndex } from '../emulator/devices/nic.ts';

export const NET_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;

/** A MAC for this tab: random, locally administered (02:48:4b:…), so tabs differ. */
export function randomMac(): Uint8Array {
  const r = new Uint32Array(1);
  crypto.getRandomValues(r);
  return macForIndex(r[0] & 0xffffff);
}

export class BroadcastChannelCable implements NetworkCable {
  private channel: BroadcastChannel | null = null;
  private card: CableSocket | null = null;
  private readonly loss: FrameLoss;

  constructor(readonly name: string, options: { loss?: number; seed?: number } = {}) {
    if (!NET_NAME_PATTERN.test(name)) throw new Error(`a network name is 1-40 letters, digits, '.', '_' or '-', not "${name}"`);
    this.loss = new FrameLoss(options.loss ?? 0, options.seed ?? 1);
  }

  attach(card: CableSocket): void {
    if (this.card) throw new Error('this cable is already attached to a card');
    const channel = new BroadcastChannel(`hako-net-${this.name}`);
    channel.onmessage = (e: MessageEvent) => {
      // ArrayBuffer.isView, not instanceof: the data may come from another realm's Uint8Array
      const d: unknown = e.data;
      if (ArrayBuffer.isView(d)) this.card?.receive(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    };
    this.channel = channel;
    this.card = card;
    card.plug({ transmit: (frame) => { if (!this.loss.drop()) this.channel?.postMessage(frame); } });
  }

  detach(): void {
    const card = this.card;
    this.card = null;
    this.channel?.close();
    this.channel = null;
    card?.plug(null);
  }
}
