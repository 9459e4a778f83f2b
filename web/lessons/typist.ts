// Types a lesson's run block into the page's terminal the way a student
// would — one key at a time through the same path as the keyboard, so the
// shell echoes it and the student sees it typed — and waits for the
// shell's prompt before the next line, as the headless runner does
// (lessons/engine/session.ts; the prompt and the cleaning rules are
// lessons/engine/console.ts). It reads the console bytes the page receives
// (main.ts feeds them in), not the terminal's screen.
//
// Invariants: one command at a time (a second waits for the first); a
// command that does not give the prompt back within COMMAND_TIMEOUT_MS is
// an error naming it, never a hang; a reboot (reset) fails what was waiting.

import { cleanConsole, commandOutput, PROMPT_AT_END } from '../../lessons/engine/console.ts';

/** How long a command runs before a run block's key line (`^Z`) is pressed (lessons/engine/run.ts's KEY_AFTER_SECONDS, in real time). */
const KEY_AFTER_MS = 400;
/** Per key, and at most this long for a whole line: visible, never slow. */
const KEY_MS = 18;
const LINE_MAX_MS = 700;
const COMMAND_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 15_000;
/** Console text kept: enough for any command's output a lesson reads. */
const KEEP_CHARS = 200_000;

export class ConsoleTypist {
  private raw = '';
  /** Characters dropped from the front of `raw` (positions are absolute). */
  private dropped = 0;
  private decoder = new TextDecoder();
  private waiters: (() => void)[] = [];
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly send: (data: string) => void) {}

  /** Console bytes from the machine, in order. */
  feed(bytes: Uint8Array): void {
    this.raw += this.decoder.decode(bytes, { stream: true });
    if (this.raw.length > KEEP_CHARS * 2) {
      const cut = this.raw.length - KEEP_CHARS;
      this.raw = this.raw.slice(cut);
      this.dropped += cut;
    }
    this.wake();
  }

  /** A new boot: forget the old console, fail what waited on it. */
  reset(): void {
    this.raw = '';
    this.dropped = 0;
    this.decoder = new TextDecoder();
    this.generation++;
    this.wake();
  }

  atPrompt(): boolean {
    return PROMPT_AT_END.test(cleanConsole(this.raw.slice(-400)));
  }

  /** Types `command` and Enter once the shell is at its prompt; resolves with what it printed. */
  type(command: string): Promise<string> {
    return this.enqueue(() => this.typeNow(command, null));
  }

  /** Types `command` and Enter, lets it run a moment, presses `key` (a control byte such as ^Z) and resolves with what was printed up to the prompt. */
  typeThenPress(command: string, key: string): Promise<string> {
    return this.enqueue(() => this.typeNow(command, key));
  }

  private enqueue(work: () => Promise<string>): Promise<string> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => {});
    return next;
  }

  private async typeNow(command: string, key: string | null): Promise<string> {
    const generation = this.generation;
    await this.until(() => this.atPrompt(), READY_TIMEOUT_MS, generation,
      'the shell is busy (no prompt): wait for it, or press Ctrl-C in the terminal');
    const from = this.dropped + this.raw.length;
    const delay = Math.min(KEY_MS, LINE_MAX_MS / Math.max(1, command.length));
    for (const key of command) {
      if (generation !== this.generation) throw new Error('the machine was reset');
      this.send(key);
      await sleep(delay);
    }
    this.send('\r');
    if (key !== null) {
      await sleep(KEY_AFTER_MS);
      if (generation !== this.generation) throw new Error('the machine was reset');
      this.send(key);
    }
    const since = () => cleanConsole(this.raw.slice(Math.max(0, from - this.dropped)));
    await this.until(() => PROMPT_AT_END.test(since()), COMMAND_TIMEOUT_MS, generation,
      `"${command}" did not give the prompt back`);
    return commandOutput(since());
  }

  private until(ready: () => boolean, timeoutMs: number, generation: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`${what} (after ${timeoutMs / 1000} s)`)), timeoutMs);
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        if (error) reject(error); else resolve();
      };
      const check = (): void => {
        if (generation !== this.generation) finish(new Error('the machine was reset'));
        else if (ready()) finish();
      };
      this.waiters.push(check);
      check();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
