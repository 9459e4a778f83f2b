// The kernel fills the debugger's TCP table (kdebug_tcp_table, issue 12's
// network pane): read through KernelTables from a real boot while the
// sockets exist, it lists what /proc/net/tcp lists at the same moment —
// a listener at 0.0.0.0:7000, then both ends of a loopback connection.
import { describe, expect, it } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import type { TcpConnections } from '../../web/protocol.ts';
import { boot } from './harness.ts';
import { outputOf, SHELL_PROMPT, userlandDisk } from './shell-session.ts';

/** Linux's st codes (/proc/net/tcp) by name. */
const LINUX_STATE: Record<string, string> = {
  '01': 'ESTABLISHED', '02': 'SYN_SENT', '03': 'SYN_RECV', '04': 'FIN_WAIT1', '05': 'FIN_WAIT2', '06': 'TIME_WAIT', '07': 'CLOSED',
  '08': 'CLOSE_WAIT', '09': 'LAST_ACK', '0A': 'LISTEN', '0B': 'CLOSING',
};

/** "0100007F:1B58" (the address as the kernel's network-order word prints on a little-endian machine) → "127.0.0.1:7000". */
function linuxEndpoint(text: string): string {
  const [addr, port] = text.split(':');
  const bytes = [6, 4, 2, 0].map((i) => parseInt(addr.slice(i, i + 2), 16));
  return `${bytes.join('.')}:${parseInt(port, 16)}`;
}

/** /proc/net/tcp's rows as "local remote STATE". */
function procRows(text: string): string[] {
  return text.split('\n').filter((l) => /^ *\d+: /.test(l)).map((l) => {
    const f = l.trim().split(/ +/);
    return `${linuxEndpoint(f[1])} ${linuxEndpoint(f[2])} ${LINUX_STATE[f[3]]}`;
  });
}

const tableRows = (t: TcpConnections) => t.connections.map((c) => `${c.local} ${c.remote} ${c.state}`);

describe('the kdebug TCP table', () => {
  it('lists the kernel\'s TCP sockets as /proc/net/tcp does, read from guest memory while they exist', async () => {
    const commands = [
      'nc -l -p 7000 > /dev/null & sleep 0.1; cat /proc/net/tcp',
      'sleep 1 | nc 127.0.0.1 7000 & sleep 0.2; cat /proc/net/tcp; wait',
    ];
    const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    // Each time the kernel starts writing /proc/net/tcp, the table as a debugger sees it then.
    const seen: TcpConnections[] = [];
    const r = await boot({
      ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 1_500_000_000,
      breakAt: { tcp_proc_line: (m) => { const t = new KernelTables(m, false).tcpConnections(); if (t) seen.push(t); } },
    });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');

    const listening = procRows(outputOf(out, commands[0]));
    expect(listening).toEqual(['0.0.0.0:7000 0.0.0.0:0 LISTEN']);
    const connected = procRows(outputOf(out, commands[1]));
    expect(connected).toHaveLength(2);
    expect(connected.every((row) => row.endsWith(' ESTABLISHED'))).toBe(true);
    expect(connected.some((row) => row.startsWith('127.0.0.1:7000 127.0.0.1:'))).toBe(true);

    // What the table held as each listing was written: the same rows, in the same order.
    const tables = seen.map(tableRows).map((rows) => rows.join('\n'));
    expect(tables).toContain(listening.join('\n'));
    expect(tables).toContain(connected.join('\n'));
    const listener = seen.find((t) => t.connections.length === 1)!;
    expect(listener.truncated).toBe(false);
    expect(listener.connections[0]).toMatchObject({ state: 'LISTEN', local: '0.0.0.0:7000', sendQueue: 0, recvQueue: 0, uid: 0 });
    expect(listener.connections[0].inode).toBeGreaterThan(0);
  }, 300_000);
});
