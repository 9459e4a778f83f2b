// Resource limits (issue 13): the usertests cases of t_rlimit.c in one boot
// (getrlimit/setrlimit/prlimit64 and each limit the kernel enforces), then
// the shell's view of them and a process table with no fixed size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';
import { runUsertests } from './usertests-run.ts';

const PROMPT = ':/# ';

function fsckClean(image: Uint8Array): void {
  const dir = mkdtempSync(join(tmpdir(), 'hako-limits-'));
  try {
    const img = join(dir, 'disk.img');
    writeFileSync(img, image);
    const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    expect(fsck.stdout + fsck.stderr).toMatch(/Pass 5/);
    expect(fsck.status, fsck.stdout).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('resource limits', () => {
  it('usertests: every rlimit case passes', async () => {
    const cases = [
      'rlimit_defaults', 'rlimit_nofile', 'rlimit_nofile_table', 'rlimit_hard_eperm', 'rlimit_nproc', 'rlimit_nproc_root', 'rlimit_as',
      'rlimit_data', 'rlimit_stack', 'rlimit_cpu', 'rlimit_fsize', 'rlimit_inherit', 'rlimit_prlimit', 'rlimit_proc_limits',
    ];
    const { store } = await runUsertests(cases, { budget: 1_500_000_000 });
    fsckClean(store.image);
  }, 600_000);
});

describe('ulimit and the process table', () => {
  it('ulimit sets and shows limits; a command past -n fails with EMFILE; 200 children live at 32 MiB', async () => {
    const lines = [
      'ulimit -n; ulimit -s; ulimit -c; ulimit -t',
      'ulimit -a',
      '(ulimit -n 8; ulimit -n; ulimit -Hn; exec 3</etc/passwd 4</etc/passwd 5</etc/passwd 6</etc/passwd 7</etc/passwd; cat /etc/passwd; echo cat=$?)',
      '(ulimit -S -n 6; ulimit -Sn; ulimit -Hn)',
      '(ulimit -v 2048; ulimit -v; ulimit -f unlimited; ulimit -f; ulimit -n 2000; echo rc=$?; ulimit -n x; echo rc=$?)',
      "su -c 'ulimit -n 16; ulimit -Hn; ulimit -Hn 20; echo su rc=$?' hako",
      'i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); done; echo alive $(ls /proc | grep -c "^[0-9]"); wait; echo waited $?',
      'poweroff 0',
    ];
    const script = lines.map((l) => ({ after: PROMPT, send: `${l}\r` }));
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(out).toMatch(/ulimit -t\n1024\n8192\n0\nunlimited\n/);
    expect(out).toMatch(/open files {22}\(-n\) 1024\n/);
    expect(out).toMatch(/stack size {14}\(kbytes, -s\) 8192\n/);
    expect(out).toMatch(/max user processes {14}\(-u\) \d+\n/);
    expect(out).toContain('8\n8\ncat: /etc/passwd: Too many open files\ncat=1\n');
    expect(out).toContain('6\n1024\n');
    // as uid 1000: lowering works, raising the hard limit back is EPERM
    expect(out).toContain('16\nsh: ulimit: open files: cannot modify limit: Operation not permitted\nsu rc=1\n');
    expect(out).toContain('2048\nunlimited\nsh: ulimit: open files: cannot modify limit: Operation not permitted\nrc=1\nsh: ulimit: x: invalid number\nrc=1\n');
    const alive = /alive (\d+)\n/.exec(out);
    expect(alive, out.slice(-2000)).not.toBeNull();
    expect(Number(alive![1])).toBeGreaterThan(200);
    expect(out).toContain('waited 0\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    fsckClean(store.image);
  }, 600_000);
});

describe('syslogd, logger, tail -f', () => {
  it('init starts syslogd at boot: logger reaches /var/log/messages with no manual start, through the /dev/log socket', async () => {
    const lines = [
      "logger -t t hello; su hako -c 'logger -t u from-hako'; sleep 1; grep ' t: hello\\| u: from-hako' /var/log/messages",
      "ls -l /dev/log | cut -c1; ps | grep -c ' syslogd$'; cat /var/run/syslogd.pid",
      'grep -c "hako kernel: .*Run /sbin/init as init process" /var/log/messages',
    ];
    const script = lines.map((l) => ({ after: PROMPT, send: `${l}\r` }));
    script.push({ after: PROMPT, send: 'poweroff 0\r' });
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 1_500_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(out).toMatch(/messages\n[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d hako t: hello\n[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d hako u: from-hako\n/);
    // a socket; the daemon and its klogd child; the daemon's pid
    expect(out).toMatch(/syslogd.pid\ns\n2\n\d+\n/);
    expect(out).toMatch(/init process" \/var\/log\/messages\n1\n/);   // the boot's kernel lines, through klogd
    expect(r.state, out.slice(-2000)).toBe('off');
    fsckClean(store.image);
  }, 600_000);

  it('logger reaches /var/log/messages, kernel messages are forwarded, the log rotates, tail -f follows', async () => {
    const lines = [
      // init started one at boot; this one rotates at 4 KiB instead of 64
      'kill $(cat /var/run/syslogd.pid); sleep 0.1; /sbin/syslogd -s 4; echo started $?',
      'logger -t mytag -p local3.err hello from logger; logger -i -t withpid second; echo third | logger -t piped; sleep 1',
      'grep -c . /var/log/messages > /dev/null; grep "mytag\\|withpid\\|piped" /var/log/messages',
      'grep -c "hako kernel: \\[ *[0-9.]*\\] Hako kernel" /var/log/messages',
      'logger -p bogus.level x; echo rc=$?',
      '(ulimit -s 64; usertests --helper recurse 1000); sleep 1; grep -c "hako kernel: .*usertests.[0-9]*.: segfault" /var/log/messages',
      'seq 1 400 | logger -t rotation; sleep 1; ls /var/log; tail -n 1 /var/log/messages',
      'echo $((6*7))x > /tmp/g; tail -f /tmp/g > /tmp/followed & sleep 1; echo appended >> /tmp/g; sleep 1; kill $!; wait; cat /tmp/followed',
      'tail -f /tmp/g',
    ];
    const script = lines.map((l) => ({ after: PROMPT, send: `${l}\r` }));
    script.push({ after: 'appended', send: '\x03' });
    script.push({ after: PROMPT, send: 'echo after ^C $?; poweroff 0\r' });
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(out).toContain('started 0\n');
    expect(out).toMatch(/\n[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d hako mytag: hello from logger\n/);
    expect(out).toMatch(/\n[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d hako withpid\[\d+\]: second\n/);
    expect(out).toMatch(/ hako piped: third\n/);
    expect(out).toMatch(/Hako kernel" \/var\/log\/messages\n1\n/);   // the kernel's boot line, through klogd
    // a kernel message printed while syslogd runs (a stack overflow past ulimit -s) is forwarded too
    expect(out).toMatch(/segfault" \/var\/log\/messages\n\[[^\n]*usertests\[\d+\]: segfault [^\n]*\nSegmentation fault\n1\n/);
    expect(out).toContain('logger: unknown priority name: bogus.level\nrc=1\n');
    expect(out).toMatch(/\nmessages\s+messages\.1\s+messages\.2\s+messages\.3\n/);
    expect(out).toMatch(/ hako rotation: 400\n/);
    expect(out).toContain('42x\nappended\n');
    expect(out).toContain('after ^C 130\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    fsckClean(store.image);
  }, 600_000);
});
