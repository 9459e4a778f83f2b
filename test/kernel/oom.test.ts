// The OOM killer on the real kernel: 8 MiB of RAM and (but for the last
// case) no swap disk, the whole userland on the root disk, the shell driven
// from the console.
//  - two memhogs: the smaller is stopped holding part of its pattern, the
//    bigger asks for twice the RAM; only the bigger is killed (SIGKILL,
//    status 137), the kernel log names it, the smaller resumes and verifies
//    every page; free + page-cache + slab frames come back to the baseline;
//  - a hog under oom_score_adj -1000 is never chosen, however big: a stopped
//    small hog is killed instead (SIGKILL resumes it so it can die and give
//    its memory back), then with only -1000 processes and init left nobody
//    is killed: the allocation fails (the hog gets SIGSEGV), init (never a
//    candidate) and the shell live on;
//  - usertests' OOM cases pass at 8 MiB too: victim choice by size, and
//    -1000 protecting the bigger process while the smaller one is killed;
//  - with a 4 MiB swap disk the hog fills RAM and swap before it is killed:
//    the log line counts its swap, and every slot comes back.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { outputOf, runShell } from './shell-session.ts';

async function shell(commands: string[]): Promise<string> {
  // one disk only, the root: no swap, so memory is the RAM alone
  return runShell(commands, { ramMiB: 8, budget: 1_500_000_000 });
}

/** Free pages plus page-cache pages (which the OOM episode may reclaim and
 * later runs read in again) plus slab pages (a cache may keep one more empty
 * slab after the peak) plus the shell's own resident pages (it may touch
 * one more page of stack or heap between two readings): constant unless a
 * frame leaked (user pages, page tables, kernel stacks all count outside
 * this sum). */
function reclaimable(vmstat: string): number {
  const field = (name: string) => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(vmstat);
    expect(m, `${name} in\n${vmstat}`).not.toBeNull();
    return Number(m![1]);
  };
  const shellRss = /^VmRSS:\s+(\d+) kB$/m.exec(vmstat);
  expect(shellRss, `the shell's VmRSS in\n${vmstat}`).not.toBeNull();
  return field('nr_free_pages') + field('nr_file_pages') + field('nr_slab') + Number(shellRss![1]) / 4;
}

const KILLED = /Out of memory: Killed process (\d+) \((\w+)\) total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB, swap:(\d+)kB, oom_score_adj:(-?\d+)/;

describe('the OOM killer at 8 MiB of RAM', () => {
  it('kills only the bigger hog, never -1000 or init; memory comes back', async () => {
    const out = await shell([
      'memhog 1m; echo warm $?',
      'grep nr_ /proc/vmstat; grep VmRSS /proc/$$/status',
      // the smaller hog is stopped early, holding part of its pattern
      'memhog 3m & kill -STOP $!; echo small-pid $!',
      'memhog 16m; echo big-status $?',
      'kill -CONT %1; wait; echo small-status $?',
      'grep oom_kill /proc/vmstat',
      'grep nr_ /proc/vmstat ; grep VmRSS /proc/$$/status',
      // -1000 for the shell and what it starts next; the stopped hog has 0
      'memhog 2m & kill -STOP $!; echo stopped-pid $!',
      'echo -1000 > /proc/$$/oom_score_adj',
      'memhog 16m; echo protected-status $?',
      'echo 0 > /proc/$$/oom_score_adj; echo shell-alive',
      'grep oom_kill /proc/vmstat ',
      'grep nr_ /proc/vmstat  ; grep VmRSS /proc/$$/status',
      'dmesg | grep -c "Out of memory: Killed"',
    ]);

    expect(outputOf(out, 'memhog 1m; echo warm $?')).toContain('warm 0');
    const baseline = reclaimable(outputOf(out, 'grep nr_ /proc/vmstat; grep VmRSS /proc/$$/status'));

    // the two hogs: only the bigger is killed, by name and pid in the log
    const smallPid = Number(/small-pid (\d+)/.exec(outputOf(out, 'memhog 3m & kill -STOP $!; echo small-pid $!'))![1]);
    const big = outputOf(out, 'memhog 16m; echo big-status $?');
    expect(big).toMatch(/memhog invoked oom-killer: order=0, oom_score_adj=0\n/);
    const kill = KILLED.exec(big);
    expect(kill, big).not.toBeNull();
    expect(kill![2]).toBe('memhog');
    expect(Number(kill![1])).not.toBe(smallPid);
    expect(Number(kill![1])).toBeGreaterThan(smallPid);   // started after it
    expect(Number(kill![4])).toBeGreaterThan(4 * 1024);   // it held most of the 8 MiB
    expect(Number(kill![3])).toBeGreaterThanOrEqual(16 * 1024);   // total-vm covers its 16 MiB heap
    expect(kill![5]).toBe('0');
    expect(kill![6]).toBe('0');
    expect(kill![7]).toBe('0');
    // the shell may report the small hog's stop here, as bash does at its next prompt
    expect(big).toMatch(/Killed\nbig-status 137\n(\[1\]\+ +Stopped +memhog 3m\n)?$/);
    // the smaller resumes and finds every page as it left it
    expect(outputOf(out, 'kill -CONT %1; wait; echo small-status $?')).toBe(
      'memhog: 3145728 bytes, 768 pages, pattern verified\nsmall-status 0\n',
    );
    expect(outputOf(out, 'grep oom_kill /proc/vmstat')).toBe('oom_kill 1\n');
    // no frame leaked by the kill: the same grep sees the same free memory
    expect(reclaimable(outputOf(out, 'grep nr_ /proc/vmstat ; grep VmRSS /proc/$$/status'))).toBe(baseline);

    // the stopped hog is the one candidate: killed although smaller
    const stoppedPid = Number(/stopped-pid (\d+)/.exec(outputOf(out, 'memhog 2m & kill -STOP $!; echo stopped-pid $!'))![1]);
    const prot = outputOf(out, 'memhog 16m; echo protected-status $?');
    expect(prot).toMatch(/memhog invoked oom-killer: order=0, oom_score_adj=-1000\n/);
    const kill2 = KILLED.exec(prot);
    expect(kill2, prot).not.toBeNull();
    expect(Number(kill2![1])).toBe(stoppedPid);
    expect(kill2![7]).toBe('0');
    // it died at once (no 1 s wait for a victim that cannot run)
    expect(prot).not.toContain('did not release its memory');
    // then only init (pid 1, never chosen) and -1000 processes: nobody is killed
    expect(prot.indexOf('Out of memory and no killable processes...')).toBeGreaterThan(prot.indexOf('Killed process'));
    expect(prot.match(/Killed process/g)!.length).toBe(1);
    // the shell reports the stopped job's death by SIGKILL at the next prompt
    expect(prot).toMatch(/\nprotected-status 139\n\[1\]\+ +Killed +memhog 2m\n$/);
    expect(outputOf(out, 'echo 0 > /proc/$$/oom_score_adj; echo shell-alive')).toBe('shell-alive\n');
    expect(outputOf(out, 'grep oom_kill /proc/vmstat ')).toBe('oom_kill 2\n');
    expect(reclaimable(outputOf(out, 'grep nr_ /proc/vmstat  ; grep VmRSS /proc/$$/status'))).toBe(baseline);
    // dmesg keeps both kill lines
    expect(outputOf(out, 'dmesg | grep -c "Out of memory: Killed"')).toBe('2\n');
    expect(out).not.toContain('Attempted to kill init');
  }, 600_000);

  it("usertests' victim-choice cases pass at 8 MiB", async () => {
    const out = await shell(['usertests vm_oomkill; echo usertests-status $?']);
    const result = outputOf(out, 'usertests vm_oomkill; echo usertests-status $?');
    expect(result).toMatch(/test vm_oomkill_bigger: OK\n/);
    expect(result).toMatch(/test vm_oomkill_adj_protects: OK\n/);
    expect(result).toMatch(/ALL TESTS PASSED \(2\)\nusertests-status 0\n$/);
    // each case provoked exactly one kill, of a usertests child
    const kills = result.match(new RegExp(KILLED.source, 'g')) ?? [];
    expect(kills.length).toBe(2);
    for (const k of kills) expect(k).toMatch(/\(usertests\)/);
  }, 600_000);

  it('with swap, kills when RAM and swap are both full and gives every slot back', async () => {
    const out = await runShell([
      'grep Swap /proc/meminfo',
      'memhog 32m; echo hog-status $?',
      'grep Swap /proc/meminfo ',
      'grep oom_kill /proc/vmstat',
    ], { ramMiB: 8, budget: 3_000_000_000, extraDisks: [new MemoryBlockStore(1024)] });   // 4 MiB of swap
    const swapFree = (text: string) => Number(/^SwapFree:\s+(\d+) kB$/m.exec(text)![1]);
    const before = outputOf(out, 'grep Swap /proc/meminfo');
    expect(Number(/^SwapTotal:\s+(\d+) kB$/m.exec(before)![1])).toBe(1023 * 4);
    const hog = outputOf(out, 'memhog 32m; echo hog-status $?');
    const kill = KILLED.exec(hog);
    expect(kill, hog).not.toBeNull();
    expect(kill![2]).toBe('memhog');
    // most of the 4 MiB of swap was the victim's (init and the shell hold the rest)
    expect(Number(kill![6])).toBeGreaterThan(3 * 1024);
    expect(Number(kill![6])).toBeLessThanOrEqual(1023 * 4);
    expect(hog).toMatch(/hog-status 137\n$/);
    expect(outputOf(out, 'grep oom_kill /proc/vmstat')).toBe('oom_kill 1\n');
    // its slots are free again: at most what idle init, the shell and
    // syslogd with its klogd (started at boot) were pushed out with is
    // still in swap (76 kB measured; the victim had over 3 MiB)
    const after = swapFree(outputOf(out, 'grep Swap /proc/meminfo '));
    expect(after).toBeLessThanOrEqual(swapFree(before));
    expect(swapFree(before) - after).toBeLessThan(128);
  }, 600_000);
});
