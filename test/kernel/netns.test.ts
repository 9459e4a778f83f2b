// Network namespaces (issue 13, CLONE_NEWNET): the usertests netns cases
// (t_netns.c) in one boot, then unshare -n, nsenter -n and box run from
// the shell; every namespace made is freed once its processes are gone
// (counted at the kernel's net_ns_create and net_ns_release), and e2fsck
// -fn is clean afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import type { ProcessInfo } from '../../web/protocol.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, outputOf, userlandDisk } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('network namespaces (issue 13)', () => {
  it('usertests netns: only lo, down; ports per namespace; setns; clone; /proc/PID/ns/net; AF_UNIX; EPERM', async () => {
    const cases = ['netns_isolated', 'netns_links', 'netns_setns', 'netns_unix', 'netns_eperm'];
    const { store } = await runUsertests(cases, { budget: 3_000_000_000 });
    expectFsckClean(store.image);
  }, 300_000);

  it('unshare -n, nsenter -n and box run from the shell; every namespace is freed after its processes', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const inner = "unshare --net sh -c 'nc 127.0.0.1 7400 </dev/null; ifconfig lo up; ifconfig lo; nc 127.0.0.1 7400 </dev/null; echo inner=$?'";
    const boxNet = "box run /tmp/r /bin/sh -c 'ifconfig -a; netstat -tln | grep -c :7400'";
    const pinged = "unshare -n sh -c 'ping -c 1 -W 1 127.0.0.1; echo down=$?; ifconfig lo up; ping -c 1 127.0.0.1; echo up=$?'";
    const hostTimeWait = 'netstat -tn | grep -c TIME_WAIT';
    const boxTimeWait = "box run /tmp/r /bin/sh -c 'nc -l -p 7600 </dev/null & sleep 0.1; echo x | nc 127.0.0.1 7600; netstat -tn | grep -c TIME_WAIT'";
    const commands = [
      'unshare -n ifconfig -a',
      'box mkroot /tmp/r',
      "box run /tmp/r /bin/sh -c 'nc -u -l -p 7500 > /tmp/got & sleep 2; kill $!; cat /tmp/got' & sleep 1; echo via-nsenter | nsenter -t $! -n nc -u 127.0.0.1 7500; wait",
      'nc -l -p 7400 </dev/null & sleep 0.1',
      'netstat -tln | grep -c :7400',
      inner,
      boxNet,
      'kill $!; wait',
      boxTimeWait,
      hostTimeWait,
      pinged,
    ];
    let created = 0;
    let released = 0;
    const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    const r = await boot({
      ramMiB: 32, disks: [store], script, budget: 6_000_000_000,
      breakAt: { net_ns_create: () => { created++; }, net_ns_release: () => { released++; } },
    });
    const out = r.output.replace(/\r\n/g, '\n').replace(/^\[ *\d+\.\d+\] .*\n/gm, '');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
    // a new namespace: lo alone, down, no address
    const fresh = outputOf(out, commands[0]);
    expect(fresh).toMatch(/^lo: flags=8<LOOPBACK>  mtu 65536\n/);
    expect(fresh).not.toContain('inet ');
    expect(fresh.match(/^\S+: flags=/gm)).toEqual(['lo: flags=']);
    // nsenter --net reaches the box's UDP server on the box's own 127.0.0.1
    expect(outputOf(out, commands[2])).toContain('via-nsenter\n');
    // the host's listener is there; inside a new namespace it is unreachable, then refused once lo is up
    expect(outputOf(out, commands[4])).toBe('1\n');
    const unshared = outputOf(out, inner);
    expect(unshared).toMatch(/^nc: 127\.0\.0\.1 port 7400: Network is unreachable\nlo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n\s+inet 127\.0\.0\.1  netmask 255\.0\.0\.0\n/);
    expect(unshared).toMatch(/nc: 127\.0\.0\.1 port 7400: Connection refused\ninner=1\n$/);
    // the box: its own lo, up, nothing else, and the host's listener out of sight
    const boxed = outputOf(out, boxNet);
    expect(boxed.match(/^\S+: flags=\S+/gm)).toEqual(['lo: flags=73<UP,LOOPBACK,RUNNING>']);
    expect(boxed).toMatch(/inet 127\.0\.0\.1/);
    expect(boxed).toMatch(/\n0\n$/);
    // a connection closed inside the box waits in TIME_WAIT there, unseen outside
    const inBox = outputOf(out, boxTimeWait).trim().split('\n');
    expect(inBox[0]).toBe('x');   // the server got the line
    expect(Number(inBox[inBox.length - 1])).toBeGreaterThanOrEqual(1);
    expect(outputOf(out, hostTimeWait)).toBe('0\n');
    // ping (a raw ICMP socket) inside: no route while lo is down, an answer from the namespace's own lo once up
    const ping = outputOf(out, pinged);
    expect(ping).toMatch(/down=[1-9]\d*\n/);
    expect(ping).toMatch(/1 packets transmitted, 1 received, 0% packet loss[^\n]*\n[\s\S]*up=0\n$/);
    // six namespaces made (unshare -n three times, box run three times), all freed, the box
    // with a connection well within its TIME_WAIT's 60 s: as Linux, a namespace nobody can
    // use ends its TIME_WAITs
    expect(created).toBe(6);
    expect(released).toBe(6);
    expectFsckClean(store.image);
  }, 600_000);

  it('the debugger\'s process table gives each process its network namespace, as /proc/PID/ns/net does', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    let tables: KernelTables | null = null;
    let rows: ProcessInfo[] = [];
    const script = ['unshare -n sleep 1 & P=$!; sleep 0.3', 'readlink /proc/$$/ns/net /proc/$P/ns/net; echo pids $$ $P', 'wait', 'poweroff']
      .map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    const r = await boot({
      ramMiB: 32, disks: [root], script, budget: 600_000_000,
      breakAt: {
        kdebug_refresh: (m) => {
          tables ??= new KernelTables(m, false);
          const now = tables.processes() ?? [];
          if (now.some((p) => p.command === 'sleep' && p.namespaces.net !== 0)) rows = now;
        },
      },
    });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    const links = [...out.matchAll(/^net:\[(\d+)\]$/gm)].map((x) => Number(x[1]));
    const [, shellPid, sleepPid] = /^pids (\d+) (\d+)$/m.exec(out)!.map(Number);
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
    const shell = rows.find((p) => p.pid === shellPid), sleeper = rows.find((p) => p.pid === sleepPid);
    expect(shell?.namespaces.net).toBe(links[0]);
    expect(sleeper?.namespaces.net).toBe(links[1]);
    expectFsckClean(root.image);
  }, 600_000);
});
