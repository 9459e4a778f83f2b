// The kernel's TCP/IP stack (issue 12) over the loopback, on the real
// userland: the in-guest usertests cases of userland/usertests/t_inet.c
// (interfaces by ioctl, UDP boundaries and ECONNREFUSED, a 1 MiB TCP echo
// checked byte for byte between processes, refused connections and RST on
// a closed port, EADDRINUSE and SO_REUSEADDR, half-close, ECONNRESET then
// EPIPE with SIGPIPE, non-blocking connect, poll/select/epoll readiness,
// a zero window reopened, /proc/net/tcp, raw ICMP echo), then e2fsck -fn;
// and the tools in the shell: ping, nc over TCP and UDP, netstat, ifconfig.
import { describe, expect, it } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { outputOf, runShell, SHELL_PROMPT, userlandDisk } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

const CASES = [
  'inet_interfaces', 'inet_udp', 'inet_udp_reuseaddr', 'inet_tcp_echo_1mib', 'inet_refused_and_rst',
  'inet_addr_in_use', 'inet_half_close', 'inet_reset_and_epipe', 'inet_nonblocking_connect', 'inet_readiness',
  'inet_zero_window', 'inet_proc_net_tcp', 'inet_raw_icmp_echo',
];

describe('TCP/IP over the loopback (issue 12)', () => {
  it('the usertests inet cases pass, and e2fsck finds the disk clean', async () => {
    const { store } = await runUsertests(CASES, { budget: 6_000_000_000 });
    expectFsckClean(store.image);
  });

  it('a loopback that loses one frame in 9 (lo_drop=9) still carries every byte: retransmission and reassembly', async () => {
    // Losses hit data, ACKs, SYNs and FINs alike; the segments after a lost
    // one arrive out of order and wait until the retransmission fills the gap.
    const script = [{
      after: SHELL_PROMPT,
      send: 'usertests inet_tcp_echo_1mib inet_half_close; echo ut=$?; grep Tcp /proc/net/snmp; grep lo: /proc/net/dev; poweroff\r',
    }];
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 6_000_000_000, cmdline: 'lo_drop=9' });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(out).toContain('ALL TESTS PASSED (2)\nut=0\n');
    const names = /^Tcp: ([A-Za-z ]+)$/m.exec(out)![1].split(' ');
    const values = /^Tcp: ([\d ]+)$/m.exec(out)![1].split(' ').map(Number);
    const tcp = Object.fromEntries(names.map((n, i) => [n, values[i]]));
    expect(tcp.RetransSegs, out.slice(-600)).toBeGreaterThan(0);
    const ext = /^TcpExt: (\d+)$/m.exec(out);
    expect(Number(ext?.[1]), 'segments queued out of order').toBeGreaterThan(0);
    const lo = /^ +lo: *(.*)$/m.exec(out)![1].trim().split(/ +/).map(Number);
    expect(lo[11], 'tx_dropped').toBeGreaterThan(0);
  });

  it('a loopback that loses everything (lo_drop=1): connect gives up with ETIMEDOUT, ping counts 100% loss', async () => {
    // 7 SYNs (the first and 6 retries, RTO 1 s doubling: 127 s of emulated
    // time, nearly all of it halted) and no answer.
    const script = [{
      after: SHELL_PROMPT,
      send: 'nc 127.0.0.1 7000; echo rc=$?; ping -c 2 -W 1 127.0.0.1; echo ping=$?; grep Tcp /proc/net/snmp; poweroff\r',
    }];
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 3_000_000_000, cmdline: 'lo_drop=1' });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(out).toContain('nc: 127.0.0.1 port 7000: Connection timed out\nrc=1\n');
    expect(out).toMatch(/--- 127\.0\.0\.1 ping statistics ---\n2 packets transmitted, 0 received, 100% packet loss, time 1000ms\nping=1\n/);
    const names = /^Tcp: ([A-Za-z ]+)$/m.exec(out)![1].split(' ');
    const values = /^Tcp: ([\d ]+)$/m.exec(out)![1].split(' ').map(Number);
    expect(values[names.indexOf('RetransSegs')]).toBe(6);
  });

  it('ping, nc (TCP and UDP), netstat and ifconfig work over lo', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const commands = [
      'ping -c 3 127.0.0.1; echo ping=$?',
      'nc -l -p 7000 > /tmp/got & sleep 0.1; echo over tcp | nc 127.0.0.1 7000; wait; cat /tmp/got',
      'nc 127.0.0.1 7001; echo refused=$?',
      'nc -l -p 7002 > /dev/null & sleep 0.1; netstat -tln; netstat -tn | grep -c TIME_WAIT; echo x | nc localhost 7002; wait',
      'nc -u -l -p 7003 > /tmp/u & sleep 0.1; echo dgram | nc -u 127.0.0.1 7003; sleep 0.1; kill $!; wait; cat /tmp/u',
      'ifconfig lo',
      'ifconfig lo 127.0.0.1 netmask 255.0.0.0 up; echo cfg=$?; ifconfig nosuch0; echo missing=$?',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 3_000_000_000, root: store });
    const t = '\\d+\\.\\d{3}';
    expect(outputOf(out, commands[0])).toMatch(new RegExp(
      '^PING 127\\.0\\.0\\.1 \\(127\\.0\\.0\\.1\\) 56\\(84\\) bytes of data\\.\\n' +
      `(64 bytes from 127\\.0\\.0\\.1: icmp_seq=[123] ttl=64 time=${t} ms\\n){3}\\n` +
      '--- 127\\.0\\.0\\.1 ping statistics ---\\n' +
      '3 packets transmitted, 3 received, 0% packet loss, time 2000ms\\n' +
      `rtt min/avg/max/mdev = ${t}/${t}/${t}/${t} ms\\nping=0\\n$`));
    expect(outputOf(out, commands[0])).toMatch(/icmp_seq=1 .*\n.*icmp_seq=2 .*\n.*icmp_seq=3 /);
    expect(outputOf(out, commands[1])).toMatch(/^\[1\] \d+\nover tcp\n$/);
    expect(outputOf(out, commands[2])).toBe('nc: 127.0.0.1 port 7001: Connection refused\nrefused=1\n');
    expect(outputOf(out, commands[3])).toMatch(new RegExp(
      '^\\[1\\] \\d+\\nActive Internet connections \\(only servers\\)\\n' +
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \\n' +
      'tcp        0      0 0\\.0\\.0\\.0:7002            0\\.0\\.0\\.0:\\*               LISTEN     \\n' +
      '1\\n$'));
    expect(outputOf(out, commands[4])).toMatch(/^\[1\] \d+\n(.*\n)*dgram\n$/);
    expect(outputOf(out, commands[5])).toMatch(
      /^lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127\.0\.0\.1  netmask 255\.0\.0\.0\n        loop  txqueuelen 1000  \(Local Loopback\)\n        RX packets \d+  bytes \d+\n/);
    expect(outputOf(out, commands[6])).toBe(
      'cfg=0\nnosuch0: error fetching interface information: Device not found\nmissing=1\n');
  });
});
