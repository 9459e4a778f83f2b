// libpcap's capture file format (the classic one every tool reads: tcpdump,
// Wireshark's tshark): a 24-byte global header, then per frame a 16-byte
// record header and the frame's bytes. Link type 1 (LINKTYPE_ETHERNET):
// whole Ethernet frames without FCS, as the card moves them.
//
// Timestamps are emulated time: the machine's boot time (Unix seconds)
// plus the tick at which the card sent or took the frame, so a capture of
// a deterministic run is the same file every time. Everything is little-
// endian with the microsecond magic 0xa1b2c3d4.

import { TICKS_PER_MICROSECOND } from '../devices/device.ts';

export const PCAP_MAGIC = 0xa1b2c3d4;
export const LINKTYPE_ETHERNET = 1;
export const PCAP_SNAPLEN = 65535;

/** The file's global header. */
export function pcapHeader(): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, PCAP_MAGIC, true);
  v.setUint16(4, 2, true);        // version 2.4
  v.setUint16(6, 4, true);
  v.setInt32(8, 0, true);         // thiszone: UTC
  v.setUint32(12, 0, true);       // sigfigs
  v.setUint32(16, PCAP_SNAPLEN, true);
  v.setUint32(20, LINKTYPE_ETHERNET, true);
  return b;
}

/** One frame's record: header and bytes, stamped bootTime + tick. */
export function pcapRecord(frame: Uint8Array, bootTime: number, tick: number): Uint8Array {
  const micros = Math.floor(tick / TICKS_PER_MICROSECOND);
  const kept = frame.subarray(0, PCAP_SNAPLEN);
  const b = new Uint8Array(16 + kept.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, (bootTime + Math.floor(micros / 1_000_000)) >>> 0, true);
  v.setUint32(4, micros % 1_000_000, true);
  v.setUint32(8, kept.length, true);
  v.setUint32(12, frame.length, true);
  b.set(kept, 16);
  return b;
}

/** Writes a capture through `sink` (a file in Node, a buffer in tests): the header first, then each frame. */
export class PcapWriter {
  frames = 0;
  constructor(private readonly sink: (bytes: Uint8Array) => void, private readonly bootTime: number) {
    sink(pcapHeader());
  }

  write(frame: Uint8Array, tick: number): void {
    this.sink(pcapRecord(frame, this.bootTime, tick));
    this.frames++;
  }
}
