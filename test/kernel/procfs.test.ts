// /proc per process and the system files (issue 10), on the real userland:
// the usertests procfs cases (fd links, following them, cwd/root/exe,
// status ids, who may read environ and the links), then from the shell —
// /proc/self/fd/0 is the console, /proc/$$/cwd follows cd and can be
// followed, the cmdline of `sleep 5 &`, environ's mode and owner and its
// refusal to another user (su hako), /proc/self/exe is the program's bytes,
// /proc/stat and /proc/interrupts counting across a busy loop, and the
// mount table, file-system types, version and cpuinfo. e2fsck -fn on the
// disk afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { fsckProblems } from './damaged-disk.ts';
import { outputOf, runShell, userlandDisk } from './shell-session.ts';

const BUSY = 'i=0; while [ $i -lt 1500 ]; do i=$((i+1)); done';

/** The numbers of /proc/stat's "cpu " line and of its other lines by name. */
function parseStat(text: string): { cpu: number[]; intr: number[]; fields: Record<string, number> } {
  const lines = text.split('\n');
  const cpu = lines.find((l) => l.startsWith('cpu  '));
  const intr = lines.find((l) => l.startsWith('intr '));
  expect(cpu, text).toBeDefined();
  expect(intr, text).toBeDefined();
  const fields: Record<string, number> = {};
  for (const l of lines) {
    const m = /^(ctxt|btime|processes|procs_running|procs_blocked) (\d+)$/.exec(l);
    if (m) fields[m[1]] = Number(m[2]);
  }
  return {
    cpu: cpu!.slice(5).split(' ').map(Number),
    intr: intr!.slice(5).split(' ').map(Number),
    fields,
  };
}

/** IRQ line → count from /proc/interrupts. */
function parseInterrupts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of text.split('\n')) {
    const r = /^\s*(\d+):\s+(\d+)\s+HAKO-PIC\s+(\S+)$/.exec(l);
    if (r) m.set(r[3], Number(r[2]));
  }
  return m;
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

describe('/proc per process and the system files (issue 10)', () => {
  it('shows each process and the system as Linux does, and refuses environ to another user', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    const out = await runShell([
      'usertests procfs; echo ut=$?',
      'readlink /proc/self/fd/0',
      'ls -l /proc/self/fd/ | head -3',
      'cd /etc; readlink /proc/$$/cwd; cd /proc/$$/cwd; pwd; cd /',
      'sleep 5 & od -c /proc/$!/cmdline',
      'ls -l /proc/$$/environ /proc/$$/cmdline',
      'su hako -c "cat /proc/1/environ; ls -l /proc/self/environ; cat /proc/self/environ | od -c | head -1"',
      'od /proc/self/exe | head -4',
      'od /bin/od | head -4',
      'ls /proc | grep -c -x self',
      'cat /proc/stat /proc/interrupts',
      BUSY,
      'cat /proc/interrupts /proc/stat',
      'cat /proc/mounts',
      'cat /proc/self/mounts',
      'cat /proc/filesystems',
      'cat /proc/version; uname -srv',
      'cat /proc/cpuinfo',
      'namei /proc/self/exe',
      'namei -l /etc/passwd',
      'namei /etc/nothing/x; echo st=$?',
      'readlink /proc/2/cwd /proc/2/exe; wc -c < /proc/2/cmdline',
      'ps',
      'pstree',
      'top -n 1 | grep -c "^Tasks: *[0-9]* total"',
    ], { ramMiB: 32, budget: 3_000_000_000, root });

    const results = out.split('\n').filter((l) => /^test procfs_\S+: /.test(l));
    expect(results).toEqual([
      'test procfs_fd_links: OK',
      'test procfs_fd_follow: OK',
      'test procfs_cwd_root_exe: OK',
      'test procfs_status_cmdline: OK',
      'test procfs_owner_only: OK',
      'test procfs_pagemap: OK',
      'test procfs_openat_link: OK',
    ]);
    expect(out).toContain('ut=0');

    // the shell's standard input is the console init opened
    expect(outputOf(out, 'readlink /proc/self/fd/0')).toBe('/dev/console\n');
    const fds = outputOf(out, 'ls -l /proc/self/fd/ | head -3');
    expect(fds).toMatch(/^lrwx------ .* 0 -> \/dev\/console$/m);
    expect(fds).toMatch(/^l-wx------ .* 1 -> pipe:\[\d+\]$/m);   // ls writes into the pipe to head
    // cwd follows cd, and following it lands there
    expect(outputOf(out, 'cd /etc; readlink /proc/$$/cwd; cd /proc/$$/cwd; pwd; cd /')).toBe('/etc\n/etc\n');
    // argv as NUL-separated strings, read from the process's memory
    expect(outputOf(out, 'sleep 5 & od -c /proc/$!/cmdline')).toMatch(/0000000 +s +l +e +e +p +\\0 +5 +\\0\n0000010\n/);
    // environ is 0400 and the process's; cmdline anyone's
    const modes = outputOf(out, 'ls -l /proc/$$/environ /proc/$$/cmdline');
    expect(modes).toMatch(/^-r--r--r-- +1 root +root .* \/proc\/\d+\/cmdline$/m);
    expect(modes).toMatch(/^-r-------- +1 root +root .* \/proc\/\d+\/environ$/m);
    const asHako = outputOf(out, 'su hako -c "cat /proc/1/environ; ls -l /proc/self/environ; cat /proc/self/environ | od -c | head -1"');
    expect(asHako).toContain('cat: /proc/1/environ: Permission denied');
    expect(asHako).toMatch(/^-r-------- +1 hako +hako .* \/proc\/self\/environ$/m);
    expect(asHako).toMatch(/^0000000 /m);   // its own environment it may read
    // exe is the program itself
    const exe = outputOf(out, 'od /proc/self/exe | head -4');
    expect(exe).toMatch(/^0000000 042577 043114/);   // \x7fELF
    const noJobs = (t: string) => t.replace(/^\[\d+\]\+? +Done .*\n/gm, '');   // `sleep 5 &` may end meanwhile
    expect(noJobs(exe)).toBe(noJobs(outputOf(out, 'od /bin/od | head -4')));
    expect(outputOf(out, 'ls /proc | grep -c -x self')).toBe('1\n');

    // the counters rise across a busy loop: cpu time in ticks, the timer's
    // interrupts, and every tick is in exactly one cpu column
    const before = outputOf(out, 'cat /proc/stat /proc/interrupts');
    const after = outputOf(out, 'cat /proc/interrupts /proc/stat');
    const s0 = parseStat(before), s1 = parseStat(after);
    const i0 = parseInterrupts(before), i1 = parseInterrupts(after);
    expect(s0.cpu).toHaveLength(10);
    const busyTicks = (s1.cpu[0] + s1.cpu[2]) - (s0.cpu[0] + s0.cpu[2]);   // user + system
    expect(busyTicks).toBeGreaterThan(5);
    expect(sum(s1.cpu)).toBeGreaterThan(sum(s0.cpu));
    for (const s of [s0, s1]) {
      expect(Math.abs(sum(s.cpu) - s.intr[1])).toBeLessThanOrEqual(1);   // intr's first line is the timer
      expect(s.intr[0]).toBe(sum(s.intr.slice(1)));
      expect(s.fields.btime).toBe(1764000000);
      expect(s.fields.procs_running).toBeGreaterThanOrEqual(1);
    }
    expect(s1.fields.ctxt).toBeGreaterThan(s0.fields.ctxt);
    expect(s1.fields.processes).toBeGreaterThan(s0.fields.processes);
    expect(i1.get('timer')! - i0.get('timer')!).toBeGreaterThanOrEqual(busyTicks);
    expect(i1.get('ttyS0')!).toBeGreaterThan(i0.get('ttyS0')!);   // the commands typed
    expect(i0.get('hda')).toBeGreaterThan(0);

    // the mount table in fstab format, the types the VFS knows
    const mounts = '/dev/hda / ext2 rw 0 0\nproc /proc proc rw 0 0\ntmpfs /dev/shm tmpfs rw 0 0\ncgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n';
    expect(outputOf(out, 'cat /proc/mounts')).toBe(mounts);
    expect(outputOf(out, 'cat /proc/self/mounts')).toBe(mounts);
    expect(outputOf(out, 'cat /proc/filesystems')).toBe('\text2\nnodev\tproc\nnodev\thostfs\nnodev\ttmpfs\nnodev\tcgroup2\n');
    expect(outputOf(out, 'cat /proc/version; uname -srv')).toMatch(/^Hako version 0\.1\.0 \(hako cc.*\) #1\nHako 0\.1\.0 #1\n$/);
    const cpuinfo = outputOf(out, 'cat /proc/cpuinfo');
    expect(cpuinfo).toMatch(/^processor\t: 0\nvendor_id\t: Hako\n/);
    // measured against the timer: the emulator's nominal 100 MHz
    const mhz = Number(/cpu MHz\t\t: ([\d.]+)/.exec(cpuinfo)![1]);
    expect(mhz).toBeGreaterThan(99.9);
    expect(mhz).toBeLessThan(100.1);
    expect(cpuinfo).toMatch(/^flags\t\t: tsc pse pge$/m);

    // namei: each component, links followed below them
    expect(outputOf(out, 'namei /proc/self/exe')).toMatch(
      /^f: \/proc\/self\/exe\n d \/\n d proc\n l self -> (\d+)\n   d \1\n l exe -> \/bin\/namei\n   d \/\n   d bin\n   - namei\n$/);
    expect(outputOf(out, 'namei -l /etc/passwd')).toMatch(
      /^f: \/etc\/passwd\nd[rwx-]{9} root root \/\nd[rwx-]{9} root root etc\n-rw-r--r-- root root passwd\n$/);
    expect(outputOf(out, 'namei /etc/nothing/x; echo st=$?')).toBe(
      'f: /etc/nothing/x\n d /\n d etc\n   nothing - No such file or directory\nst=1\n');

    // a kernel thread: cwd /, no program, an empty command line (as Linux)
    expect(outputOf(out, 'readlink /proc/2/cwd /proc/2/exe; wc -c < /proc/2/cmdline')).toBe(
      '/\nreadlink: /proc/2/exe: No such file or directory\n0\n');

    // ps, pstree and top still read /proc
    expect(outputOf(out, 'ps')).toMatch(/^ +1 +0 S +0 .*\/sbin\/init$/m);
    expect(outputOf(out, 'pstree')).toBe('init-+-syslogd---syslogd\n     `-sh---pstree\n');   // syslogd: started by init
    expect(outputOf(out, 'top -n 1 | grep -c "^Tasks: *[0-9]* total"')).toBe('1\n');

    expect(fsckProblems(root.image)).toEqual([]);
  }, 600_000);
});
