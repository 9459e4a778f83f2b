// Kernel bugs a new user met (issue 17, "Kernel and libc bugs"): a job
// forked just before a typed-ahead command must already run (the scheduler
// places new children like CFS); a stopped and continued sleep finishes
// with status 0 (nanosleep restarts through restart_syscall, EINTR with the
// time left when a handler runs); the load average follows busy tasks
// (Linux's damped averages every 5 s) and /proc/uptime counts idle time;
// /proc/PID/maps and pmap name the program's own text and data.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { outputOf, runShell, SHELL_PROMPT, userlandDisk } from './shell-session.ts';

describe('scheduling, sleeping, load and maps', () => {
  it('typed ahead: `sleep 5 &` then `ps` shows the child already as sleep, sleeping', async () => {
    // both lines arrive before the shell reads the first
    const r = await boot({
      ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], budget: 300_000_000,
      script: [{ after: SHELL_PROMPT, send: 'sleep 5 &\rps\rpoweroff\r' }],
    });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    const pid = /\[1\] (\d+)\n/.exec(out)?.[1];
    expect(pid, out).toBeDefined();
    const line = out.split('\n').find((l) => new RegExp(`^ +${pid} +\\d+ `).test(l));
    expect(line, out).toMatch(/ S +0 +\S+ sleep 5$/);   // CMD is /proc/PID/cmdline: exec has happened
  }, 300_000);

  it('usertests: nanosleep EINTR and rem, restart after stop/continue, restart_syscall, a new child runs', async () => {
    const cases = ['nanosleep_eintr_rem', 'nanosleep_restarts_after_stop', 'restart_syscall_alone',
      'forked_child_runs_while_parent_busy'];
    const out = await runShell([`usertests ${cases.join(' ')}`,
      'sleep 2 & kill -STOP $!; kill -CONT $!; wait $!; echo status $?'], { ramMiB: 32, budget: 800_000_000 });
    for (const c of cases) expect(out).toContain(`test ${c}: OK\n`);
    expect(out).toContain(`ALL TESTS PASSED (${cases.length})`);
    expect(outputOf(out, 'sleep 2 & kill -STOP $!; kill -CONT $!; wait $!; echo status $?')).toMatch(/(^|\n)status 0\n$/);
  }, 600_000);

  it('load average rises with four busy tasks over 11 s; idle time grows while idle; maps name the program', async () => {
    const busy = 'cat /dev/zero > /dev/null &';
    const out = await runShell([
      'sleep 3; cat /proc/uptime /proc/loadavg',
      `${busy} ${busy} ${busy} ${busy} sleep 11; cat /proc/loadavg; uptime; kill %1 %2 %3 %4`,
      'cat /proc/self/maps',
      'pmap $$',
    ], { ramMiB: 32, budget: 2_000_000_000 });
    // idle for the 3 s sleep: most of the uptime was idle
    const [up, idle] = outputOf(out, 'sleep 3; cat /proc/uptime /proc/loadavg').split('\n')[0].split(' ').map(Number);
    expect(idle).toBeGreaterThan(2.5);
    expect(idle).toBeLessThan(up);
    const loadText = outputOf(out, `${busy} ${busy} ${busy} ${busy} sleep 11; cat /proc/loadavg; uptime; kill %1 %2 %3 %4`);
    // Linux's format: three averages, running/total, the last pid
    const m = /^(\d+\.\d\d) (\d+\.\d\d) (\d+\.\d\d) (\d+)\/(\d+) (\d+)\n/m.exec(loadText);
    expect(m, loadText).not.toBeNull();
    const [one, five, fifteen] = [Number(m![1]), Number(m![2]), Number(m![3])];
    // two samples of 5 active tasks (4 busy + cat): 5 * (1 - (1884/2048)^2) = 0.76
    expect(one).toBeGreaterThan(0.5);
    expect(five).toBeLessThan(one);
    expect(fifteen).toBeLessThan(five);
    expect(Number(m![4])).toBeGreaterThanOrEqual(5);   // 4 busy cats and the one reading
    expect(Number(m![5])).toBeGreaterThan(Number(m![4]));
    expect(loadText).toContain(`load average: ${m![1]}, ${m![2]}, ${m![3]}\n`);
    const maps = outputOf(out, 'cat /proc/self/maps');
    expect(maps).toMatch(/^08048000-[0-9a-f]{8} r-xp [0-9a-f]{8} 00:00 0 +\/bin\/cat\n/);
    expect(maps).toMatch(/\n[0-9a-f]{8}-[0-9a-f]{8} rw-p [0-9a-f]{8} 00:00 0 +\/bin\/cat\n/);
    const pmap = outputOf(out, 'pmap $$');
    expect(pmap).toMatch(/\n08048000 +\d+K r-xp +\/bin\/sh\n/);
  }, 600_000);
});
