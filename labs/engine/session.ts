// The grader's handle on a booted machine: the lesson engine's headless
// terminal (commands typed as a student would, prompt-to-prompt) plus the
// machine probes the lessons use (processes, page tables, CPU counters).
// Pure TypeScript over the emulator API.

import { LessonError } from '../../lessons/engine/expr.ts';
import { MachineView } from '../../lessons/engine/probes.ts';
import type { HeadlessSession } from '../../lessons/engine/session.ts';

export interface Ran { output: string; status: number }

export class LabSession {
  readonly view: MachineView;

  constructor(readonly terminal: HeadlessSession) {
    this.view = new MachineView(terminal.machine);
  }

  /** Types a command and resolves with its output; a command that hangs (or kills the shell) rejects with the console's tail. */
  run(command: string): Promise<string> { return this.terminal.type(command); }

  /** Runs a command and asks the shell for its exit status right after. */
  async runStatus(command: string): Promise<Ran> {
    const output = await this.terminal.type(command);
    const status = Number((await this.terminal.type('echo $?')).trim());
    return { output, status };
  }

  /** Starts a foreground command without waiting for it to finish. Resolves once it ran `seconds` of emulated time. */
  async start(command: string, seconds = 0.5): Promise<number> {
    const from = this.terminal.mark();
    this.terminal.send(`${command}\r`);
    await this.terminal.settle(seconds);
    return from;
  }

  /** Presses keys (control bytes included) and lets `seconds` of emulated time pass. */
  async press(keys: string, seconds = 0.3): Promise<void> {
    this.terminal.send(keys);
    await this.terminal.settle(seconds);
  }

  /** What the console showed since a start() (its echo included). */
  since(from: number): string { return this.terminal.textSince(from); }

  /** Waits for the prompt after a start(); resolves with what the command printed. */
  finish(from: number, what: string): Promise<string> { return this.terminal.waitForPrompt(from, what); }

  /** Exceptions and software interrupts the CPU delivered on `vector` since power-on (0x80: system calls). */
  traps(vector: number): number { return this.terminal.machine.cpu.counters.exceptions[vector & 255] ?? 0; }

  /** Lets emulated time pass (longer than kdebugd's refresh of the tables the probes read). */
  settle(seconds: number): Promise<void> { return this.terminal.settle(seconds); }
}

/** A check's failure text for an exception from the terminal (a hang, a dead machine), or rethrows a bug. */
export function failureOf(e: unknown): string {
  if (e instanceof LessonError) return e.message;
  throw e;
}
