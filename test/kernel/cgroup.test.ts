// Control groups v2 (issue 13) on the real kernel, with a swap disk:
//  - the usertests cases of t_cgroup.c in one boot: mkdir/rmdir and EBUSY,
//    a second cgroup2 mount showing the same tree,
//    moving a process, inheritance across fork, pids.max's EAGAIN,
//    memory.current rising and falling, memory.high reclaiming to swap
//    without the OOM killer, cpu.max throttling seen in cpu.stat, cpu.weight
//    400 against 100 giving about four times the CPU;
//  - the scenario at 8 MiB of RAM and 4 MiB of swap: a memhog in a
//    group with memory.max 2M pushes its pages to swap until swap is full,
//    then the group's own OOM killer kills it (`oom_kill 1` in
//    memory.events, Linux's `Memory cgroup out of memory` line), while a
//    bigger memhog outside the group, stopped meanwhile, and the shell are
//    untouched: the outer hog resumes and verifies every page;
//  - memory.oom.group 1: the group's OOM takes every process in it; and
//    memory.high with nothing to reclaim (no swap): counted, never a kill;
//  - e2fsck -fn is clean after each boot;
//  - the wall clock never goes back at a second boundary (usertests
//    clock_second_boundary): cpu.weight's spinners time themselves with
//    gettimeofday, and a reading a second ahead (seconds and microseconds
//    from two reads of the timer) ended one early, so the weight-400 task
//    got less CPU than the weight-100 one on some builds.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { outputOf, runShell, userlandDisk } from './shell-session.ts';
import { expectFsckClean, expectUsertestsPassed, runUsertests } from './usertests-run.ts';

const CASES = [
  'cgroup_mkdir_rmdir',
  'cgroup_second_mount',
  'cgroup_move_process',
  'cgroup_fork_inherits',
  'cgroup_pids_max',
  'cgroup_memory_current',
  'cgroup_memory_high',
  'cgroup_cpu_max',
  'cgroup_cpu_weight',
];

const MEMCG_KILL =
  /Memory cgroup out of memory: Killed process (\d+) \((\w+)\) total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB, swap:(\d+)kB, oom_score_adj:(-?\d+)/;

describe('control groups v2', () => {
  it('usertests: every cgroup case passes; e2fsck is clean', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    const out = await runShell(['usertests cgroup_; echo ut=$?'], {
      ramMiB: 16,
      budget: 2_000_000_000,
      root,
      extraDisks: [new MemoryBlockStore(2048)],   // 8 MiB of swap
    });
    expectUsertestsPassed(outputOf(out, 'usertests cgroup_; echo ut=$?'), CASES);
    expect(out).toContain('ut=0\n');
    expect(out).not.toContain('oom-killer');
    expectFsckClean(root.image);
  }, 600_000);

  it('a memhog over its memory.max is killed inside its group only', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    const out = await runShell(
      [
        'mkdir /sys/fs/cgroup/box; echo 2M > /sys/fs/cgroup/box/memory.max; cat /sys/fs/cgroup/box/memory.max',
        // outside the group: bigger than the box's hog will ever be in RAM, stopped holding its pattern
        'memhog 3m & sleep 0.02; kill -STOP $!; echo outer-pid $!',
        "sh -c 'echo $$ > /sys/fs/cgroup/box/cgroup.procs; exec memhog 12m'; echo box-status $?",
        'cat /sys/fs/cgroup/box/memory.events',
        'cat /sys/fs/cgroup/box/memory.current /sys/fs/cgroup/box/cgroup.events',
        'kill -CONT %1; wait; echo outer-status $?',
        'grep oom_kill /proc/vmstat; dmesg | grep -c "Memory cgroup out of memory: Killed"',
        'rmdir /sys/fs/cgroup/box; echo rmdir $?; echo shell-alive',
      ],
      { ramMiB: 8, budget: 3_000_000_000, root, extraDisks: [new MemoryBlockStore(1024)] },
    );
    expect(outputOf(out, 'mkdir /sys/fs/cgroup/box; echo 2M > /sys/fs/cgroup/box/memory.max; cat /sys/fs/cgroup/box/memory.max')).toBe(
      '2097152\n',
    );
    const outerPid = Number(/outer-pid (\d+)/.exec(outputOf(out, 'memhog 3m & sleep 0.02; kill -STOP $!; echo outer-pid $!'))![1]);
    const box = outputOf(out, "sh -c 'echo $$ > /sys/fs/cgroup/box/cgroup.procs; exec memhog 12m'; echo box-status $?");
    expect(box).toMatch(/memhog invoked oom-killer: order=0, oom_score_adj=0\n/);
    expect(box).toMatch(/memory: usage 2048kB, limit 2048kB, failcnt \d+\n/);
    expect(box).toMatch(/oom-kill:constraint=CONSTRAINT_MEMCG,oom_memcg=\/box,task_memcg=\/box,task=memhog,pid=\d+,uid=0\n/);
    const kill = MEMCG_KILL.exec(box);
    expect(kill, box).not.toBeNull();
    expect(kill![2]).toBe('memhog');
    expect(Number(kill![1])).not.toBe(outerPid);
    expect(Number(kill![4])).toBeLessThanOrEqual(2048);   // never more than its limit resident
    expect(Number(kill![6])).toBeGreaterThan(1024);        // it had reclaimed into swap first
    expect(box).toMatch(/Killed\nbox-status 137\n/);
    expect(box).not.toContain('Out of memory: Killed');     // no global OOM kill
    const events = outputOf(out, 'cat /sys/fs/cgroup/box/memory.events');
    expect(events).toMatch(/^low 0\nhigh 0\nmax [1-9]\d*\noom 1\noom_kill 1\n$/);
    expect(outputOf(out, 'cat /sys/fs/cgroup/box/memory.current /sys/fs/cgroup/box/cgroup.events')).toBe(
      '0\npopulated 0\nfrozen 0\n',
    );
    // the hog outside the group was never touched: it resumes and verifies
    expect(outputOf(out, 'kill -CONT %1; wait; echo outer-status $?')).toBe(
      'memhog: 3145728 bytes, 768 pages, pattern verified\nouter-status 0\n',
    );
    expect(outputOf(out, 'grep oom_kill /proc/vmstat; dmesg | grep -c "Memory cgroup out of memory: Killed"')).toBe('oom_kill 1\n1\n');
    expect(outputOf(out, 'rmdir /sys/fs/cgroup/box; echo rmdir $?; echo shell-alive')).toBe('rmdir 0\nshell-alive\n');
    expectFsckClean(root.image);
  }, 600_000);

  it('memory.oom.group 1 kills every process of the group; without swap memory.high only counts, never kills', async () => {
    const out = await runShell(
      [
        'mkdir /sys/fs/cgroup/grp; echo 1M > /sys/fs/cgroup/grp/memory.max; echo 1 > /sys/fs/cgroup/grp/memory.oom.group',
        "sh -c 'echo $$ > /sys/fs/cgroup/grp/cgroup.procs; sleep 100 & memhog 4m; echo inner $?'; echo outer $?",
        'cat /sys/fs/cgroup/grp/memory.events; cat /sys/fs/cgroup/grp/cgroup.procs; echo listed',
        'mkdir /sys/fs/cgroup/hi; echo 512K > /sys/fs/cgroup/hi/memory.high',
        "sh -c 'echo $$ > /sys/fs/cgroup/hi/cgroup.procs; exec memhog 2m'; echo hi-status $?",
        'cat /sys/fs/cgroup/hi/memory.events /sys/fs/cgroup/hi/memory.peak',
      ],
      { ramMiB: 8, budget: 2_000_000_000 },
    );
    const run = outputOf(out, "sh -c 'echo $$ > /sys/fs/cgroup/grp/cgroup.procs; sleep 100 & memhog 4m; echo inner $?'; echo outer $?");
    expect(run).toMatch(/Tasks in \/grp are going to be killed due to memory.oom.group set\n/);
    // the memhog, the sh that started it and its sleep: three kills, one event each
    expect(run.match(/Memory cgroup out of memory: Killed process \d+ \((memhog|sh|sleep)\)/g)!.length).toBe(3);
    expect(run).not.toContain('inner');
    expect(run).toMatch(/outer 137\n$/);
    expect(outputOf(out, 'cat /sys/fs/cgroup/grp/memory.events; cat /sys/fs/cgroup/grp/cgroup.procs; echo listed')).toMatch(
      /oom 1\noom_kill 3\nlisted\n$/,
    );
    // no swap: nothing of memhog's can be reclaimed, so it runs over memory.high, counted, unharmed
    expect(outputOf(out, "sh -c 'echo $$ > /sys/fs/cgroup/hi/cgroup.procs; exec memhog 2m'; echo hi-status $?")).toBe(
      'memhog: 2097152 bytes, 512 pages, pattern verified\nhi-status 0\n',
    );
    const hi = outputOf(out, 'cat /sys/fs/cgroup/hi/memory.events /sys/fs/cgroup/hi/memory.peak');
    expect(hi).toMatch(/^low 0\nhigh [1-9]\d*\nmax 0\noom 0\noom_kill 0\n(\d+)\n$/);
    expect(Number(/(\d+)\n$/.exec(hi)![1])).toBeGreaterThan(2 * 1024 * 1024);   // it went past its high limit
  }, 600_000);

  it('usertests: gettimeofday and clock_gettime(CLOCK_REALTIME) never go back across 20 second boundaries', async () => {
    await runUsertests(['clock_second_boundary'], { budget: 1_000_000_000 });
  }, 600_000);
});
