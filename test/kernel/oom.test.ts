// The OOM killer on the real kernel: 8 MiB of RAM and no swap disk, the
// whole userland on the root disk, the shell driven from the console.
//  - two memhogs: the smaller is stopped holding part of its pattern, the
//    bigger asks for twice the RAM; only the bigger is killed (SIGKILL,
//    status 137), the kernel log names it, the smaller resumes and verifies
//    every page; the free frames come back to the baseline;
//  - with only oom_score_adj -1000 processes and init left, nobody is
//    killed, not even the biggest: the allocation fails (the hog gets
//    SIGSEGV), init (never a candidate) and the shell live on;
//  - usertests' OOM cases pass at 8 MiB too: victim choice by size, and
//    -1000 protecting the bigger process while the smaller one is killed.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';

function rootDisk(): Uint8Array {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  return buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 });
}

// The shell's prompt in /; specific enough not to match inside output.
const PROMPT = ':/# ';

async function shell(commands: string[]): Promise<string> {
  const script = [...commands, 'poweroff'].map((c) => ({ after: PROMPT, send: `${c}\r` }));
  // one disk only: the root; so there is no swap and memory is RAM alone
  const r = await boot({ ramMiB: 8, disks: [new MemoryBlockStore(rootDisk())], script, budget: 1_500_000_000 });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
  return out;
}

/** The console text between the echo of `command` and the next prompt. */
function outputOf(out: string, command: string): string {
  const typed = `${PROMPT}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(PROMPT);
  return end < 0 ? rest : rest.slice(0, rest.lastIndexOf('\n', end) + 1);
}

const KILLED = /Out of memory: Killed process (\d+) \((\w+)\) total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB, swap:(\d+)kB, oom_score_adj:(-?\d+)/;

describe('the OOM killer at 8 MiB without swap', () => {
  it('kills only the bigger hog, never -1000 or init; memory comes back', async () => {
    const out = await shell([
      'memhog 1m; echo warm $?',
      'grep nr_free_pages /proc/vmstat',
      // the smaller hog is stopped early, holding part of its pattern
      'memhog 3m & kill -STOP $!; echo small-pid $!',
      'memhog 16m; echo big-status $?',
      'kill -CONT %1; wait; echo small-status $?',
      'grep oom_kill /proc/vmstat',
      'grep nr_free_pages /proc/vmstat ',
      // nobody left to kill but init: the allocation fails instead
      'echo -1000 > /proc/$$/oom_score_adj',
      'memhog 16m; echo unkillable-status $?',
      'echo 0 > /proc/$$/oom_score_adj; echo shell-alive',
      'grep oom_kill /proc/vmstat ',
      'grep nr_free_pages /proc/vmstat  ',
      'dmesg | grep -c "Out of memory: Killed"',
    ]);

    expect(outputOf(out, 'memhog 1m; echo warm $?')).toContain('warm 0');
    const baseline = Number(/nr_free_pages (\d+)/.exec(outputOf(out, 'grep nr_free_pages /proc/vmstat'))![1]);

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
    expect(big).toMatch(/Killed\nbig-status 137\n$/);
    // the smaller resumes and finds every page as it left it
    expect(outputOf(out, 'kill -CONT %1; wait; echo small-status $?')).toBe(
      'memhog: 3145728 bytes, 768 pages, pattern verified\nsmall-status 0\n',
    );
    expect(outputOf(out, 'grep oom_kill /proc/vmstat')).toBe('oom_kill 1\n');
    // no frame leaked by the kill: the same grep sees the same free memory
    expect(Number(/nr_free_pages (\d+)/.exec(outputOf(out, 'grep nr_free_pages /proc/vmstat '))![1])).toBe(baseline);

    // only init (pid 1, never chosen) and -1000 processes: nobody is killed
    const none = outputOf(out, 'memhog 16m; echo unkillable-status $?');
    expect(none).toContain('Out of memory and no killable processes...');
    expect(none).not.toMatch(/Killed process/);
    expect(none).toMatch(/unkillable-status 139\n$/);
    expect(outputOf(out, 'echo 0 > /proc/$$/oom_score_adj; echo shell-alive')).toBe('shell-alive\n');
    expect(outputOf(out, 'grep oom_kill /proc/vmstat ')).toBe('oom_kill 1\n');
    expect(Number(/nr_free_pages (\d+)/.exec(outputOf(out, 'grep nr_free_pages /proc/vmstat  '))![1])).toBe(baseline);
    // dmesg keeps the kill line
    expect(outputOf(out, 'dmesg | grep -c "Out of memory: Killed"')).toBe('1\n');
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
});
