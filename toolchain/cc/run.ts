// Running a program built for the bare machine (`cc --run`).
//
// Owns: booting an executable on a fresh Machine with a command line,
// feeding console input, collecting console output and the exit status.
// The program reads the console by polling the UART, so the machine is run
// in slices and the host gets a turn between them (streamed stdin can
// arrive); a byte 0x04 after the input means end of file to the bare libc.
// A CPU exception is the program's own business: the bare runtime
// (userland/lib/sys/bare/fault.c) reports it and powers off with 128 + the
// signal number. What it cannot report is a fault with no stack left to take
// it: the CPU triple-faults and stops; this runner then looks at the stopped
// CPU as a debugger would and names the instruction, and calls it a stack
// overflow when esp ran down into the unmapped page 0 below the stack.
// Invariants: never throws for anything the guest does; a run that does not
// finish within its instruction budget is stopped and reported.

import { Machine } from '../../emulator/machine.ts';

export interface RunOptions {
  /** The boot command line: "PROGRAM ARGS…". */
  cmdline: string;
  /** All of stdin at once (0x04 is appended), or a source that streams it. */
  input?: Uint8Array | string;
  stream?: { onData(cb: (bytes: Uint8Array) => void): void; onEnd(cb: () => void): void };
  onOutput?: (bytes: Uint8Array) => void;
  /**
   * Also count the instructions retired from the entry of this function to
   * its return, callees included (like callgrind --toggle-collect); the
   * first call only.
   */
  measure?: string;
  /** Stop after this many instructions (default 4e9). */
  maxInstructions?: number;
  ramBytes?: number;
}

export interface RunOutcome {
  exitCode: number | null;
  /** Why the program did not exit normally. */
  error?: string;
  instructions: number;
  /** With `measure`: instructions inside that function (undefined if it never returned). */
  measured?: number;
}

const SLICE = 5_000_000;
/** The bare runtime leaves page 0 unmapped; the stack grows down towards it. */
const UNMAPPED_PAGE_END = 0x1000;
const EOF_BYTE = 4;

export async function runBare(elf: Uint8Array, options: RunOptions): Promise<RunOutcome> {
  const m = new Machine({ ramBytes: options.ramBytes ?? 32 * 1024 * 1024, cmdline: options.cmdline, bootTime: 0 });
  if (options.onOutput) m.on('console', options.onOutput);
  try {
    m.load(elf);
  } catch (e) {
    return { exitCode: null, error: `cannot load the program: ${(e as Error).message}`, instructions: 0 };
  }
  if (options.input !== undefined) {
    m.sendInput(options.input);
    m.sendInput(new Uint8Array([EOF_BYTE]));
  }
  options.stream?.onData((b) => m.sendInput(b));
  options.stream?.onEnd(() => m.sendInput(new Uint8Array([EOF_BYTE])));
  const limit = options.maxInstructions ?? 4e9;
  // Measuring: a breakpoint at the function's entry, then one at its return address.
  let entry = -1;
  let returnTo = -1;
  let startCount = 0;
  let measured: number | undefined;
  if (options.measure) {
    const sym = m.symbols.symbols.find((x) => x.name === options.measure && x.type === 'func');
    if (!sym) return { exitCode: null, error: `no function '${options.measure}' to measure`, instructions: 0 };
    entry = sym.value >>> 0;
    m.addBreakpoint(entry);
  }
  for (;;) {
    const state = m.run(SLICE);
    const instructions = m.cpu.instret;
    if (state === 'breakpoint') {
      const eip = m.cpu.eip >>> 0;
      if (eip === entry && returnTo < 0) {
        m.removeBreakpoint(entry);
        returnTo = m.memory.read32(m.cpu.reg[4]) >>> 0; // [esp]: the return address
        startCount = instructions;
        m.addBreakpoint(returnTo);
      } else if (eip === returnTo) {
        m.removeBreakpoint(returnTo);
        measured = instructions - startCount;
      }
      continue;
    }
    if (state === 'off') return { exitCode: m.exitCode, instructions, measured };
    if (state === 'dead') return { exitCode: null, error: describeStop(m), instructions };
    if (instructions >= limit) return { exitCode: null, error: `stopped after ${limit} instructions`, instructions };
    if (state === 'idle') {
      if (!options.stream) return { exitCode: null, error: 'the program halted with nothing left to wake it', instructions };
      await m.whenInput();
    } else if (state === 'io-wait') {
      await m.ioSettled();
    } else if (options.stream) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

const hex = (v: number) => '0x' + (v >>> 0).toString(16).padStart(8, '0');

/** One line on why the CPU stopped for good, naming the instruction it stopped at. */
function describeStop(m: Machine): string {
  const eip = m.cpu.eip >>> 0;
  const fn = m.symbols.lookup(eip)?.symbol;
  const where = `at ${hex(eip)}${fn?.type === 'func' ? ` in ${fn.name}` : ''}`;
  const esp = m.cpu.reg[4] >>> 0;
  if (m.deadReason.startsWith('triple fault') && esp <= UNMAPPED_PAGE_END) {
    return `stack overflow ${where}: the stack ran into the unmapped page at address 0 (esp ${hex(esp)}), ` +
      'leaving no room for the trap frame, so the CPU stopped (triple fault)';
  }
  return `the machine stopped ${where}: ${m.deadReason}`;
}
