// Signals and shutdown on the real OS (issue 18, items 6, 9-12): the
// usertests cases for forced fault signals, the fault log, init's immunity
// and bad system call ranges, run in one boot; init facing SIGKILL and
// SIGSTOP from the shell; and a poweroff with a deleted file still open,
// after which e2fsck must find the disk clean.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

const PROMPT = ':/# ';

let disk: Uint8Array | undefined;
function rootDisk(): Uint8Array {
  disk ??= userlandDisk();
  return disk;
}

/** Boots, types each command at the prompt; the console text (\n line ends). */
async function session(commands: string[], budget: number, store = new MemoryBlockStore(rootDisk())) {
  const script = commands.map((c) => ({ after: PROMPT, send: `${c}\r` }));
  const r = await boot({ ramMiB: 32, disks: [store], script, budget });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  return { r, out, store };
}

describe('signals, init and shutdown', () => {
  it('usertests: forced fault signals, quiet caught faults, rate-limited deaths, init immunity, user ranges, wait4 options', async () => {
    // in the runner's order: t_proc.c's table, t_sys.c's, then t_sig.c's
    const cases = [
      'poweroff_needs_root', 'efault_length_past_user_space', 'wait4_options',
      'fault_blocked_or_unusable', 'caught_faults_are_quiet', 'fault_log_rate_limited', 'init_ignores_unhandled',
    ];
    const { out } = await runUsertests(cases, { budget: 400_000_000 });
    // the console saw at most one burst of fault lines from the 21 crashes
    expect(out.match(/usertests\[\d+\]: segfault at/g)?.length ?? 0).toBeLessThanOrEqual(10 + 6 + 1);
  }, 600_000);

  it('init: SIGKILL, SIGSEGV and SIGSTOP from the shell change nothing; exit starts one new shell', async () => {
    const P = `hako${PROMPT}`;
    const script = [
      { after: P, send: 'kill -KILL 1; kill -SEGV 1; kill -STOP 1; sleep 2; ps; echo sent $?\r' },
      { after: `sent 0\r\n${P}`, send: 'exit\r' },
      { after: `exit\r\n${P}`, send: 'echo second-shell\r' },
      { after: `second-shell\r\n${P}`, send: 'poweroff\r' },
    ];
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(rootDisk())], script, budget: 300_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    const ps = out.slice(out.indexOf('  PID  PPID'), out.indexOf('sent 0\n'));
    // init still waiting (S), not stopped (T), and it started no second shell
    expect(ps).toMatch(/^ +1 +0 S .* \/sbin\/init\n/m);   // ps shows /proc/PID/cmdline
    expect(ps.match(/ -sh\n/g)?.length).toBe(1);
    // after exit: exactly one new prompt, and the machine still answers
    expect(out).toMatch(/\nsent 0\nhako:\/# exit\nhako:\/# echo second-shell\nsecond-shell\nhako:\/# poweroff\n/);
    expect(r.state, out.slice(-2000)).toBe('off');
  }, 300_000);

  // A deleted file still open when the machine goes down: the shutdown must
  // end its holder, whose last close frees the inode (else e2fsck finds a
  // deleted inode with zero dtime and bitmap differences).
  const HOLD = 'mkdir -p /tmp; echo hold > /tmp/held; sleep 999 < /tmp/held & rm /tmp/held; ls /tmp; echo held-$?';

  it('poweroff with a deleted file held open: SIGTERM ends the holder, the disk is clean (e2fsck)', async () => {
    const { r, out, store } = await session([HOLD, 'poweroff 3'], 300_000_000);
    expect(out).toContain('held-0\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(3);
    // init started no new shell while the machine went down
    expect(out).toMatch(/:\/# poweroff 3\n\[ *\d+\.\d+\] reboot: Power down \(exit code 3\)\n$/);
    expectFsckClean(store.image);
  }, 300_000);

  it('reboot(2) called directly with a deleted file held open: the kernel ends the holder first (e2fsck clean)', async () => {
    const { r, out, store } = await session([HOLD, 'usertests --helper reboot 5'], 300_000_000);
    expect(out).toContain('held-0\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(5);
    expectFsckClean(store.image);
  }, 300_000);
});
