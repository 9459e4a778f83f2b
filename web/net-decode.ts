// A small decoder of Ethernet frames for the network pane: what a frame on
// the wire says, read the way tcpdump reads it. This is the hardware side
// (the bytes the card moved); the kernel's protocol stack is never asked.
//
// Decodes Ethernet II, ARP (IPv4 over Ethernet), IPv4 (options skipped,
// fragments shown but not reassembled), ICMP, UDP, TCP (flags, seq/ack,
// window, options skipped) and the Ethernet loopback test (ECTP). Anything
// else, or a frame cut short, is shown as far as it goes: the decoder
// never throws, whatever the bytes.

export interface TcpInfo {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** "SYN", "SYN,ACK", "FIN,ACK", "RST", "PSH,ACK" …: set flags in tcpdump's order. */
  flags: string;
  window: number;
  payload: number;
}

export interface DecodedFrame {
  length: number;
  src: string;
  dst: string;
  ethertype: number;
  /** The innermost protocol understood: 'TCP', 'UDP', 'ICMP', 'ARP', 'IPv4', 'Loopback', or the ethertype in hex. */
  protocol: string;
  /** Network-level addresses when there are some (IPv4 with ports), else the MACs. */
  source: string;
  destination: string;
  /** One line, as a capture list shows it. */
  info: string;
  tcp: TcpInfo | null;
  /** The decoded view: one line per field, indented by layer. */
  detail: string[];
}

const ETHERTYPE: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x86dd: 'IPv6', 0x9000: 'Loopback' };
const ICMP_TYPES: Record<number, string> = {
  0: 'echo reply', 3: 'destination unreachable', 5: 'redirect', 8: 'echo request', 11: 'time exceeded',
};
const TCP_FLAG_NAMES: [number, string][] = [[0x02, 'SYN'], [0x01, 'FIN'], [0x04, 'RST'], [0x08, 'PSH'], [0x10, 'ACK'], [0x20, 'URG']];

export function formatMacAddress(b: Uint8Array, at = 0): string {
  return Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}

function ipv4(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

function hex(n: number, digits: number): string {
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

/** The TCP flags byte as names ("SYN,ACK"), or "none". */
export function tcpFlagNames(flags: number): string {
  const names = TCP_FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  return names.length ? names.join(',') : 'none';
}

export function decodeFrame(frame: Uint8Array): DecodedFrame {
  const b = frame;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: DecodedFrame = {
    length: b.length, src: '?', dst: '?', ethertype: 0, protocol: '?', source: '?', destination: '?', info: '', tcp: null, detail: [],
  };
  const d = out.detail;
  if (b.length < 14) {
    out.info = `runt frame (${b.length} bytes)`;
    d.push(`Frame: ${b.length} bytes, too short for an Ethernet header`);
    return out;
  }
  out.dst = formatMacAddress(b, 0);
  out.src = formatMacAddress(b, 6);
  out.source = out.src;
  out.destination = out.dst;
  out.ethertype = v.getUint16(12);
  out.protocol = ETHERTYPE[out.ethertype] ?? hex(out.ethertype, 4);
  d.push(`Ethernet II: ${out.src} → ${out.dst}, type ${hex(out.ethertype, 4)} (${ETHERTYPE[out.ethertype] ?? 'unknown'}), ${b.length} bytes`);
  const rest = b.length - 14;
  if (out.ethertype === 0x0806) decodeArp(b, v, out, rest);
  else if (out.ethertype === 0x0800) decodeIpv4(b, v, out);
  else if (out.ethertype === 0x9000) {
    const fn = rest >= 4 ? v.getUint16(16, true) : -1;
    out.info = `loopback test (${fn === 1 ? 'reply' : fn === 2 ? 'forward' : 'function ?'})`;
    d.push(`  Loopback (ECTP): skip count ${rest >= 2 ? v.getUint16(14, true) : '?'}, function ${fn}`);
  } else {
    out.info = `${rest} bytes of ${out.protocol}`;
  }
  return out;
}

function decodeArp(b: Uint8Array, v: DataView, out: DecodedFrame, rest: number): void {
  if (rest < 28) { out.info = 'ARP, truncated'; out.detail.push('  ARP: truncated'); return; }
  const op = v.getUint16(20);
  const senderIp = ipv4(b, 28);
  const targetIp = ipv4(b, 38);
  out.source = senderIp;
  out.destination = targetIp;
  out.info = op === 1 ? `who-has ${targetIp} tell ${senderIp}` : op === 2 ? `${senderIp} is-at ${formatMacAddress(b, 22)}` : `operation ${op}`;
  out.detail.push(`  ARP: ${op === 1 ? 'request' : op === 2 ? 'reply' : `operation ${op}`}`,
    `    sender ${formatMacAddress(b, 22)} ${senderIp}`, `    target ${formatMacAddress(b, 32)} ${targetIp}`);
}

function decodeIpv4(b: Uint8Array, v: DataView, out: DecodedFrame): void {
  const d = out.detail;
  const at = 14;
  if (b.length < at + 20 || (b[at] >> 4) !== 4) { out.info = 'IPv4, truncated or bad version'; d.push('  IPv4: truncated or bad version'); return; }
  const ihl = (b[at] & 15) * 4;
  const total = v.getUint16(at + 2);
  const fragment = v.getUint16(at + 6);
  const ttl = b[at + 8];
  const proto = b[at + 9];
  const src = ipv4(b, at + 12);
  const dst = ipv4(b, at + 16);
  out.source = src;
  out.destination = dst;
  d.push(`  IPv4: ${src} → ${dst}, ttl ${ttl}, protocol ${proto}, length ${total}, id ${v.getUint16(at + 4)}, checksum ${hex(v.getUint16(at + 10), 4)}`
    + `${fragment & 0x4000 ? ', DF' : ''}${fragment & 0x2000 ? ', MF' : ''}${fragment & 0x1fff ? `, offset ${(fragment & 0x1fff) * 8}` : ''}`);
  const l4 = at + ihl;
  const end = Math.min(b.length, at + total);
  if ((fragment & 0x1fff) !== 0) { out.protocol = 'IPv4'; out.info = `fragment of protocol ${proto}`; return; }
  if (proto === 1 && end - l4 >= 8) {
    out.protocol = 'ICMP';
    const type = b[l4];
    const code = b[l4 + 1];
    const echo = type === 0 || type === 8;
    out.info = `${ICMP_TYPES[type] ?? `type ${type}`}${echo ? `, id ${v.getUint16(l4 + 4)}, seq ${v.getUint16(l4 + 6)}` : `, code ${code}`}`;
    d.push(`    ICMP: ${out.info}, ${end - l4 - 8} bytes of data`);
  } else if (proto === 17 && end - l4 >= 8) {
    out.protocol = 'UDP';
    const sp = v.getUint16(l4);
    const dp = v.getUint16(l4 + 2);
    out.source = `${src}:${sp}`;
    out.destination = `${dst}:${dp}`;
    out.info = `${v.getUint16(l4 + 4) - 8} bytes`;
    d.push(`    UDP: port ${sp} → ${dp}, length ${v.getUint16(l4 + 4)}, checksum ${hex(v.getUint16(l4 + 6), 4)}`);
  } else if (proto === 6 && end - l4 >= 20) {
    out.protocol = 'TCP';
    const sp = v.getUint16(l4);
    const dp = v.getUint16(l4 + 2);
    const offset = (b[l4 + 12] >> 4) * 4;
    const tcp: TcpInfo = {
      srcPort: sp, dstPort: dp, seq: v.getUint32(l4 + 4), ack: v.getUint32(l4 + 8),
      flags: tcpFlagNames(b[l4 + 13]), window: v.getUint16(l4 + 14), payload: Math.max(0, end - l4 - offset),
    };
    out.tcp = tcp;
    out.source = `${src}:${sp}`;
    out.destination = `${dst}:${dp}`;
    out.info = `[${tcp.flags}] seq ${tcp.seq}${b[l4 + 13] & 0x10 ? ` ack ${tcp.ack}` : ''} win ${tcp.window} len ${tcp.payload}`;
    d.push(`    TCP: port ${sp} → ${dp}, flags [${tcp.flags}], seq ${tcp.seq}, ack ${tcp.ack}, window ${tcp.window}, header ${offset} bytes, ${tcp.payload} bytes of data`);
  } else {
    out.protocol = 'IPv4';
    out.info = `protocol ${proto}${end - l4 < 8 ? ', truncated' : ''}`;
  }
}

/** Classic hex dump lines: offset, 16 bytes, their printable characters. */
export function hexDump(b: Uint8Array): string[] {
  const lines: string[] = [];
  for (let at = 0; at < b.length; at += 16) {
    const row = b.subarray(at, at + 16);
    const bytes = Array.from(row, (x) => x.toString(16).padStart(2, '0')).join(' ');
    const text = Array.from(row, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
    lines.push(`${at.toString(16).padStart(4, '0')}  ${bytes.padEnd(47)}  ${text}`);
  }
  return lines;
}
