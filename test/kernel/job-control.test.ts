// Job control on the real OS, through the shell as a student types it
// (the lessons' headless session): the terminal's foreground group in
// /proc/PID/stat (tpgid, field 8) for a foreground and a background
// process and none for a kernel thread; a background read stopped by
// SIGTTIN, its read run again (-ERESTARTSYS) once `fg` gives it the
// terminal; -EIO when SIGTTIN is ignored; ^Z's SIGTSTP (status 148); and
// the shell's `jobs` seeing a `kill -CONT` (waitpid WCONTINUED); ^C during
// the shell's own wait, read or a loop of builtins: status 130, the rest
// of the line abandoned, background jobs left running (bash).
import { describe, it, expect } from 'vitest';
import { lessonImages } from '../../lessons/engine/files.ts';
import { HeadlessSession } from '../../lessons/engine/session.ts';

/** pid, comm, state, ppid, pgrp, session, tty_nr, tpgid of a /proc/PID/stat line. */
function statFields(line: string): { pid: number; state: string; pgrp: number; sid: number; ttyNr: number; tpgid: number } {
  const m = /^(\d+) \((\S+)\) (\S) (-?\d+) (-?\d+) (-?\d+) (-?\d+) (-?\d+) /.exec(line);
  if (!m) throw new Error(`not a stat line: ${line}`);
  return { pid: +m[1], state: m[3], pgrp: +m[5], sid: +m[6], ttyNr: +m[7], tpgid: +m[8] };
}

describe('job control', () => {
  it('tpgid in /proc/PID/stat, SIGTTIN for a background read (restarted by fg, EIO when ignored), ^Z, jobs after kill -CONT', async () => {
    const { kernel, root } = await lessonImages();
    const s = await HeadlessSession.boot(kernel, root, { ramMiB: 16, swapMiB: 0 });
    const shell = statFields(await s.type('cat /proc/$$/stat'));

    // in the foreground cat leads its own group, which holds the terminal
    const fg = statFields(await s.type('cat /proc/self/stat'));
    expect(fg.pgrp).toBe(fg.pid);
    expect(fg.tpgid).toBe(fg.pid);
    expect(fg.sid).toBe(shell.sid);
    // in the background the terminal stays with the shell's group
    const bg = statFields((await s.type('cat /proc/self/stat & wait')).split('\n').find((l) => l.includes('(cat)'))!);
    expect(bg.pgrp).toBe(bg.pid);
    expect(bg.tpgid).toBe(shell.pgrp);
    // a kernel thread has no terminal
    const kthread = statFields(await s.type('cat /proc/2/stat'));
    expect([kthread.ttyNr, kthread.tpgid]).toEqual([0, -1]);

    // a background read stops the job with SIGTTIN; kill -CONT only makes it read, and stop, again
    // (the shell may see the stop already before its next prompt, and say so then, as bash does)
    expect(await s.type('cat &')).toMatch(/^\[1\] \d+\n(\[1\]\+? +Stopped +cat\n)?$/);
    expect(await s.type('jobs')).toMatch(/^\[1\]\+? +Stopped +cat\n$/);
    expect(await s.type('grep State /proc/$!/status')).toMatch(/T \(stopped\)|State:\tT/);
    expect(await s.type('kill -CONT %1; sleep 0.1; jobs')).toMatch(/^\[1\]\+? +Stopped +cat\n$/);
    // fg: the read runs again, now in the foreground, and gets the line typed
    s.machine.sendInput('fg %1\r');
    await s.settle(0.2);
    s.machine.sendInput('hello\r');
    await s.settle(0.2);
    await s.typeThenPress('', '\x04');
    expect(s.transcript).toMatch(/fg %1\ncat\nhello\nhello\n/);
    expect(await s.type('echo status $?')).toBe('status 0\n');

    // a reader that ignores SIGTTIN is not stopped: its read fails with EIO
    expect(await s.type("sh -c 'trap \"\" TTIN; cat; echo cat status $?' & wait")).toMatch(/cat: -: Input\/output error\ncat status 1\n/);

    // ^Z stops the foreground job with SIGTSTP: 128 + 20
    expect(await s.typeThenPress('sleep 100', '\x1a')).toMatch(/\[1\]\+ +Stopped +sleep 100\n$/);
    expect(await s.type('echo $?')).toBe('148\n');
    // the shell sees a kill -CONT it did not send
    expect(await s.type('kill -CONT %1; jobs')).toMatch(/^\[1\] +Running +sleep 100\n$/);
    expect(await s.type('kill %1; wait %1; echo status $?')).toMatch(/status 143\n$/);
  }, 300_000);

  it('^C stops a bare wait, wait %N, wait PID, read and a builtin loop with 130, as bash', async () => {
    const { kernel, root } = await lessonImages();
    const s = await HeadlessSession.boot(kernel, root, { ramMiB: 16, swapMiB: 0 });
    expect(await s.type('sleep 100 &')).toMatch(/^\[1\] \d+\n$/);
    // the rest of the line is not run; $? is 128 + SIGINT; the job runs on
    expect(await s.typeThenPress('wait; echo after wait', '\x03')).not.toContain('after wait');
    expect(await s.type('echo $?')).toBe('130\n');
    expect(await s.type('jobs')).toMatch(/^\[1\] +Running +sleep 100\n$/);
    expect(await s.typeThenPress('wait %1; echo after', '\x03')).not.toContain('after');
    expect(await s.type('echo $?')).toBe('130\n');
    expect(await s.typeThenPress('wait $!; echo after', '\x03')).not.toContain('after');
    expect(await s.type('echo $?')).toBe('130\n');
    expect(await s.typeThenPress('read line; echo after', '\x03')).not.toContain('after');
    expect(await s.type('echo $?')).toBe('130\n');
    expect(await s.typeThenPress('while true; do :; done; echo after', '\x03')).not.toContain('after');
    expect(await s.type('jobs')).toMatch(/^\[1\] +Running +sleep 100\n$/);
    // a trap on INT reset with `trap -` gives ^C back to the shell (it was ignored)
    expect(await s.type("trap 'echo caught' INT; trap - INT; trap")).toBe('');
    expect(await s.typeThenPress('wait; echo after', '\x03')).not.toContain('after');
    expect(await s.type('echo $?')).toBe('130\n');
    // and a wait that is not interrupted still waits for the job
    expect(await s.type('kill %1; wait; echo status $?')).toMatch(/status 0\n$/);
    expect(await s.type('jobs')).toBe('');
  }, 300_000);
});
