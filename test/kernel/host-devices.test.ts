// The kernel's side of the two host devices beside the console, on the real
// kernel and userland: the tty takes its window size from the console-size
// register at boot and on every change (stty size), TIOCSWINSZ overrides it,
// a change sends SIGWINCH to the foreground process group (/bin/winch, from
// test/kernel/progs, catches it); the doorbell driver sends signals to
// pid > 1 and answers every request (0, -EPERM for init and kernel threads,
// -ESRCH, -EINVAL), logging each one in the kernel's log ring (read here as
// the page reads it, with web/kernel-tables.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { DOORBELL_SIGNAL } from '../../emulator/devices/doorbell.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { signalNames } from '../../web/panes/processes.ts';
import { kernelImage, ROOT } from './harness.ts';
import { buildLibcProgram } from './programs.ts';

const PROMPT = ':/# ';
let disk: Uint8Array;

beforeAll(() => {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  const winch = buildLibcProgram('winch')!;
  disk = buildDiskImage({ extraFiles: [...built.files, { guestPath: '/bin/winch', data: winch, mode: 0o755 }], time: 1764000000, sizeBytes: 32 << 20 });
});

/** A booted machine at the shell prompt, and helpers to drive it. */
async function bootToShell(cols: number, rows: number) {
  const m = new Machine({ ramBytes: 32 << 20, bootTime: 1764000000, disks: [new MemoryBlockStore(disk.slice())] });
  let output = '';
  m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
  m.load(await kernelImage());
  m.consoleSize.setSize(cols, rows);
  const runUntil = async (done: () => boolean, what: string, budget = 400_000_000) => {
    const limit = m.cpu.instret + budget;
    while (!done()) {
      if (m.cpu.instret >= limit) throw new Error(`no ${what}; the console shows:\n${output.slice(-800)}`);
      const state = m.run(500_000);
      if (state === 'io-wait') await m.ioSettled();
      if (state === 'off' || state === 'dead') throw new Error(`machine ${state} (${m.deadReason}) waiting for ${what}`);
    }
  };
  await runUntil(() => output.endsWith(PROMPT), 'prompt');
  /** Type a command and return what it printed before the next prompt. */
  const sh = async (command: string) => {
    const from = output.length;
    m.sendInput(`${command}\r`);
    await runUntil(() => output.length > from + command.length && output.endsWith(PROMPT), `prompt after ${command}`);
    return output.slice(from).replace(/\r\n/g, '\n').split('\n').slice(1, -1).join('\n');
  };
  return { m, sh, runUntil, output: () => output };
}

describe('the tty window size', () => {
  it('comes from the console-size register at boot and after each change; TIOCSWINSZ overrides it', async () => {
    const { m, sh } = await bootToShell(100, 40);
    expect(await sh('stty size')).toBe('40 100');
    m.consoleSize.setSize(132, 50);
    expect(await sh('stty size')).toBe('50 132');
    expect(await sh('stty rows 10 cols 20')).toBe('');
    expect(await sh('stty')).toBe('rows 10; columns 20;');
    m.consoleSize.setSize(90, 30);
    expect(await sh('stty size')).toBe('30 90');
  });

  it('sends SIGWINCH to the foreground process group when the size changes', async () => {
    const { m, runUntil, output } = await bootToShell(80, 24);
    m.sendInput('winch\r');
    await runUntil(() => output().includes('waiting for SIGWINCH'), 'winch to start');
    m.consoleSize.setSize(120, 35);
    await runUntil(() => output().endsWith(PROMPT), 'winch to end');
    expect(output()).toContain('SIGWINCH: 35 rows, 120 columns');
  });

  it('sends SIGWINCH for a TIOCSWINSZ that changes the size, and none for one that does not', async () => {
    const { m, sh, runUntil, output } = await bootToShell(80, 24);
    // One pipeline is one foreground group: stty (on the tty through a redirection) changes the
    // size a second after winch installed its handler, and winch hears of it.
    const out = await sh('winch | sh -c "sleep 1; stty rows 33 cols 77 < /dev/tty"');
    expect(out).toBe('waiting for SIGWINCH\nSIGWINCH: 33 rows, 77 columns');
    // Setting the size it already has is no change: winch keeps waiting, until the host resizes.
    const from = output().length;
    m.sendInput('winch | sh -c "sleep 1; stty rows 33 cols 77 < /dev/tty; echo same size set > /dev/tty"\r');
    await runUntil(() => output().includes('same size set', from), 'the same-size stty');
    m.run(2_000_000);
    expect(output().slice(from)).not.toContain('SIGWINCH:');
    m.consoleSize.setSize(78, 33);
    await runUntil(() => output().endsWith(PROMPT), 'winch to end');
    expect(output().slice(from)).toContain('SIGWINCH: 33 rows, 78 columns');
  });
});

describe('the debug doorbell driver', () => {
  it('kills a process for the host, refuses init and kernel threads, and answers every request', async () => {
    const { m, runUntil, output, sh } = await bootToShell(80, 24);
    const tables = new KernelTables(m);
    const answers: number[] = [];
    const ring = (pid: number, sig: number, command = DOORBELL_SIGNAL) =>
      m.doorbell.ring({ command, arg0: pid, arg1: sig, done: (r) => answers.push(r) });
    m.sendInput('yes > /dev/null\r');
    let pid = 0;
    await runUntil(() => { pid = tables.processes()?.find((p) => p.command === 'yes')?.pid ?? 0; return pid > 0; }, 'yes in the process table');
    const kthread = tables.processes()!.find((p) => p.cr3 === 0 && p.pid > 1)!;
    // the signal state the process pane shows: the interactive shell catches ^C and ^Z, ignores QUIT TTIN TTOU
    const shell = tables.processes()!.find((p) => p.command === 'sh')!;
    expect(shell.signals).not.toBeNull();
    expect(signalNames(shell.signals!.caught)).toBe('INT TSTP');
    expect(signalNames(shell.signals!.ignored)).toBe('QUIT TTIN TTOU');
    expect(tables.processes()!.find((p) => p.pid === pid)!.signals!.caught).toBe(0);
    ring(1, 9);
    ring(kthread.pid, 9);
    ring(4242, 9);
    ring(pid, 99);
    ring(pid, 9, 7);
    ring(pid, 9);
    await runUntil(() => answers.length === 6, 'six answers');
    expect(answers).toEqual([-1, -1, -3, -22, -22, 0]);
    await runUntil(() => output().endsWith(PROMPT), 'the shell after the kill');
    expect(output()).toMatch(/Killed\r\n/);
    expect(await sh('echo $?')).toBe('137');
    const log = tables.log(0)!.lines;
    expect(log.filter((l) => l.includes('doorbell:')).map((l) => l.replace(/^<\d>\[[ \d.]+\] /, ''))).toEqual([
      'doorbell: signal 9 to pid 1: refused', `doorbell: signal 9 to pid ${kthread.pid}: refused`, 'doorbell: signal 9 to pid 4242: failed',
      `doorbell: signal 99 to pid ${pid}: failed`, 'doorbell: unknown command 7', `doorbell: signal 9 to pid ${pid}: sent`,
    ]);
    expect(log.find((l) => l.includes('doorbell: signal 9 to pid 1:'))).toMatch(/^<7>/);
  });
});
