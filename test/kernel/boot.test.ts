// The kernel boots on the machine: boot log, paging, user mode, system
// calls, and the panic path with a symbolised backtrace (no init program).
import { describe, it, expect } from 'vitest';
import { boot } from './harness.ts';

describe('kernel boot without a root file system', () => {
  it('prints the boot log in order with the RAM size and the higher-half direct map', async () => {
    const r = await boot({ ramMiB: 32, cmdline: 'init=/nonexistent' });
    const lines = r.output.split('\r\n');
    const idx = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const first = idx(/Hako kernel .* booting; 32 MiB RAM/);
    const mem = idx(/Memory: \d+K\/32768K available/);
    const paging = idx(/direct map of 32 MiB at 0xc0000000/);
    const run = idx(/Run \/nonexistent as init process/);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(mem).toBeGreaterThan(first);
    expect(paging).toBeGreaterThan(mem);
    expect(run).toBeGreaterThan(paging);
    expect(r.output).toMatch(/Command line: init=\/nonexistent/);
  }, 120_000);

  it('runs pid 1 in user mode: execve fails with a message written by write(2), then exit panics with a backtrace', async () => {
    const r = await boot({ ramMiB: 16, cmdline: 'init=/nonexistent' });
    expect(r.output).toContain('init: cannot run /nonexistent');
    expect(r.output).toContain('Kernel panic - not syncing: Attempted to kill init! exitcode=0x7f00');
    const trace = r.output.slice(r.output.indexOf('Call trace:'));
    for (const fn of ['do_exit', 'sys_exit', 'syscall_dispatch', 'trap', 'trap_common']) {
      expect(trace).toMatch(new RegExp(`\\[<0xc0[0-9a-f]{6}>\\] ${fn}\\+0x[0-9a-f]+`));
    }
    expect(r.state).toBe('dead');
    expect(r.deadReason).toMatch(/halted with interrupts off/);
  }, 120_000);

  it('scales the memory report with the RAM it is given', async () => {
    const r = await boot({ ramMiB: 64, cmdline: 'init=/x' });
    const m = /Memory: (\d+)K\/(\d+)K available/.exec(r.output);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(65536);
    expect(Number(m![1])).toBeGreaterThan(60000);
    expect(Number(m![1])).toBeLessThan(65536);
  }, 120_000);
});
