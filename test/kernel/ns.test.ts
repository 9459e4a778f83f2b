// chroot and the namespaces (issue 13): the usertests ns cases (t_ns.c)
// in one boot, then the tools from the shell, and e2fsck -fn afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

/** Types each command at a prompt, then poweroff; the console text without
 * the kernel's log lines and with \n line ends. */
async function shell(store: MemoryBlockStore, commands: string[], budget: number): Promise<string> {
  const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
  const r = await boot({ ramMiB: 32, disks: [store], script, budget });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
  return out.replace(/^\[ *\d+\.\d+\] .*\n/gm, '');
}

describe('chroot and namespaces (issue 13)', () => {
  it('usertests ns: chroot, UTS, pid, mount and IPC namespaces, setns, /proc/PID/ns, EPERM', async () => {
    const cases = ['ns_chroot', 'ns_uts', 'ns_pid1', 'ns_orphans', 'ns_init_exit', 'ns_setns', 'ns_mnt', 'ns_ipc', 'ns_eperm'];
    const { store } = await runUsertests(cases, { budget: 4_000_000_000 });
    expectFsckClean(store.image);
  }, 300_000);

  it('unshare, nsenter and box from the shell: the box shell is pid 1, sees only itself, has its own name and root', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const out = await shell(store, [
      "unshare --uts sh -c 'hostname inner; hostname'; hostname",
      "unshare --fork --pid --mount-proc sh -c 'echo inner=$$; ps'",
      'box mkroot /tmp/r',
      "box run /tmp/r /bin/sh -c 'echo $$; ps; hostname; ls /'",
      'echo box=$?; ls /tmp/r/proc | wc -l',
      "box run --hostname web /tmp/r /bin/sh -c 'sleep 30' & sleep 1; nsenter -t $! --uts hostname; kill $!",
    ], 6_000_000_000);
    // unshare --uts: the name changed inside only
    expect(out).toMatch(/hostname inner; hostname'; hostname\ninner\nhako\n/);
    // unshare --pid --mount-proc: pid 1, and ps lists the namespace only (sh and ps)
    const inner = /inner=(\d+)\n([\s\S]*?)hako:/.exec(out);
    expect(inner?.[1]).toBe('1');
    const innerPs = inner![2].trim().split('\n');
    expect(innerPs[0]).toMatch(/PID\s+PPID/);
    expect(innerPs.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '2']);
    // box: mkroot's summary, then pid 1, ps with only sh (1) and ps (2), the box's name, DIR's files
    expect(out).toMatch(/box: \/tmp\/r: \d+ programs/);
    const box = /ls \/'\n1\n([\s\S]*?)\nbox\n([\s\S]*?)\n[^\n]*echo box=/.exec(out);
    expect(box, out.slice(-3000)).not.toBeNull();
    const rows = box![1].split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => [r[0], r[5]])).toEqual([['1', '/bin/sh'], ['2', 'ps']]);
    expect(box![2].split(/\s+/).filter(Boolean).sort()).toEqual(['bin', 'dev', 'etc', 'proc', 'root', 'tmp']);
    expect(out).toContain('box=0\n0\n');   // the box's proc was its own mount: nothing left on /tmp/r/proc
    // nsenter into the running box's UTS namespace
    expect(out).toMatch(/nsenter -t \$! --uts hostname; kill \$!\n(\[1\] \d+\n)?web\n/);
    expectFsckClean(store.image);
  }, 600_000);
});
