// A lesson's terminal without a page: boots a Machine on given kernel and
// root-disk images, types each command into the console as a student's
// click would, and waits for the shell's prompt to come back. Emulated time
// only (no pacing), so a run is deterministic and as fast as the host goes.
// Pure TypeScript over the emulator API (no Node modules): the same code
// could drive a lesson in the page's worker.
//
// Invariants: a command returns when the output since it was typed ends in
// a prompt ("hako:CWD# " or "hako:CWD$ "); a command that would never give
// it back (waiting for input that will not come, an endless loop past the
// instruction or emulated-time budget, a machine that powered off or died)
// is an error with the tail of the console, never a hang — and a hung
// command gets a Ctrl-C first, so the next step meets the shell again.

import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE, type BlockStore } from '../../emulator/blockstore/interface.ts';
import { TICKS_PER_SECOND } from '../../emulator/devices/device.ts';
import type { MachineConfig } from './format.ts';
import { LessonError } from './expr.ts';
import { KEY_AFTER_SECONDS } from './run.ts';
import { cleanConsole, commandOutput, CONTINUATION_AT_END, PROMPT_AT_END } from './console.ts';

export { cleanConsole };

/** The same fixed boot time as the kernel tests: a lesson's output never depends on the day it runs. */
const BOOT_TIME = 1764000000;
const SLICE = 2_000_000;
const PROMPT_POLL_TICKS = TICKS_PER_SECOND / 100;
/** How long a hung command gets to die of Ctrl-C. */
const INTERRUPT_SECONDS = 2;
/** Longer than kdebugd's 50 ms refresh of the tables the probes read. */
export const TABLE_REFRESH_SECONDS = 0.06;

export interface SessionOptions {
  /** Instructions one command may take before it counts as hung. */
  commandBudget?: number;
  /** Emulated seconds one command may take (default 60; a foreground `sleep 100` takes 100). */
  commandSeconds?: number;
}

export class HeadlessSession {
  readonly machine: Machine;
  private raw = '';
  private readonly decoder = new TextDecoder();
  private readonly budget: number;
  private readonly seconds: number;

  private constructor(machine: Machine, options: SessionOptions) {
    this.machine = machine;
    this.budget = options.commandBudget ?? 2_000_000_000;
    this.seconds = options.commandSeconds ?? 60;
    machine.on('console', (bytes) => { this.raw += this.decoder.decode(bytes, { stream: true }); });
  }

  /** Boots the kernel on a copy of the root image (and an empty swap disk when the lesson asks for one) and waits for the first prompt. */
  static async boot(kernel: Uint8Array, rootImage: Uint8Array, config: MachineConfig, options: SessionOptions = {}): Promise<HeadlessSession> {
    const disks: BlockStore[] = [new MemoryBlockStore(rootImage.slice())];
    if (config.swapMiB > 0) disks.push(new MemoryBlockStore((config.swapMiB << 20) / BLOCK_SIZE));
    const machine = new Machine({ ramBytes: config.ramMiB << 20, disks, cmdline: '', bootTime: BOOT_TIME });
    machine.load(kernel);
    const s = new HeadlessSession(machine, options);
    await s.untilPrompt(0, 'boot');
    await s.settle(TABLE_REFRESH_SECONDS);
    return s;
  }

  /** Everything the console showed so far, cleaned. */
  get transcript(): string { return cleanConsole(this.raw); }

  /** Types `command` and Enter; resolves with what it printed (between its echo and the next prompt, or the "> " one when `continued`: a here-document's line). */
  async type(command: string, continued = false): Promise<string> {
    const from = this.raw.length;
    this.machine.sendInput(`${command}\r`);
    // first line: the echo of the command; last: the new prompt
    return commandOutput(await this.untilPrompt(from, command, continued ? CONTINUATION_AT_END : PROMPT_AT_END));
  }

  /** Types `command` and Enter, lets it run KEY_AFTER_SECONDS of emulated time, presses `key` (a control byte), and resolves with what was printed up to the prompt. */
  async typeThenPress(command: string, key: string): Promise<string> {
    const from = this.raw.length;
    this.machine.sendInput(`${command}\r`);
    await this.settle(KEY_AFTER_SECONDS);
    this.machine.sendInput(key);
    return commandOutput(await this.untilPrompt(from, `${command}, then ^${String.fromCharCode(key.charCodeAt(0) + 64)}`));
  }

  /** Where the console is now: pass it to waitForPrompt after sending keys with send(). */
  mark(): number { return this.raw.length; }

  /** What the console showed after `from` (a mark()), cleaned. */
  textSince(from: number): string { return cleanConsole(this.raw.slice(from)); }

  /** Sends bytes to the console as typed keys, without waiting for anything. */
  send(text: string): void { this.machine.sendInput(text); }

  /** Waits for the shell's prompt after `from` (a mark()); resolves with what was printed in between, minus the command's echo. */
  async waitForPrompt(from: number, what: string): Promise<string> {
    return commandOutput(await this.untilPrompt(from, what));
  }

  private async untilPrompt(from: number, what: string, prompt = PROMPT_AT_END): Promise<string> {
    const m = this.machine;
    const limit = m.cpu.instret + this.budget;
    const deadline = m.now() + this.seconds * TICKS_PER_SECOND;
    for (;;) {
      const text = cleanConsole(this.raw.slice(from));
      if (prompt.test(text)) return text;
      if (m.cpu.instret >= limit || m.now() >= deadline) {
        const message = `"${what}" did not give the prompt back within ${this.budget} instructions or ${this.seconds} s:\n${this.tail()}`;
        await this.interrupt();
        throw new LessonError(message);
      }
      // short steps of emulated time: the prompt is seen within 10 ms of being printed, so
      // an idle shell does not let seconds pass (a `sleep 1 &` is still running at the prompt)
      const state = m.run(SLICE, m.now() + PROMPT_POLL_TICKS);
      if (state === 'off' || state === 'dead') {
        throw new LessonError(`the machine ${state === 'off' ? 'powered off' : `stopped (${m.deadReason})`} during "${what}":\n${this.tail()}`);
      }
      if (state === 'io-wait') await m.ioSettled();
      if (state === 'idle' && !prompt.test(cleanConsole(this.raw.slice(from)))) {
        throw new LessonError(`"${what}" is waiting for input a lesson cannot type:\n${this.tail()}`);
      }
    }
  }

  /** Ctrl-C, as a student would press it, so that the steps after a hung command meet a prompt, not the hung program. */
  private async interrupt(): Promise<void> {
    const m = this.machine;
    const from = this.raw.length;
    m.sendInput('\x03');
    const until = m.now() + INTERRUPT_SECONDS * TICKS_PER_SECOND;
    while (m.now() < until && !PROMPT_AT_END.test(cleanConsole(this.raw.slice(from)))) {
      const state = m.run(SLICE, m.now() + PROMPT_POLL_TICKS);
      if (state === 'off' || state === 'dead') return;
      if (state === 'io-wait') await m.ioSettled();
    }
  }

  /** Lets `seconds` of emulated time pass (the machine runs or sleeps meanwhile). */
  async settle(seconds: number): Promise<void> {
    const m = this.machine;
    const until = m.now() + Math.round(seconds * TICKS_PER_SECOND);
    while (m.now() < until) {
      const state = m.run(SLICE, until);
      if (state === 'off' || state === 'dead') throw new LessonError(`the machine ${state === 'off' ? 'powered off' : `stopped (${m.deadReason})`}`);
      if (state === 'io-wait') await m.ioSettled();
      if (state === 'idle' || state === 'sleeping') break;
    }
  }

  private tail(): string { return this.transcript.slice(-1500); }
}
