// Helpers for browser tests that talk to the kernel's shell.
import type { Page } from 'playwright-core';
import { terminalText, typeInTerminal, until } from './browser.ts';

/** The shell's prompt at the end of the terminal: `hako:/dir# ` (its written blank stays in the buffer). */
export const PROMPT = /hako:[^\n]*[#$] ?$/;

export async function atPrompt(page: Page): Promise<void> {
  await until('a shell prompt', async () => PROMPT.test(await terminalText(page)), 45_000)
    .catch(async (e: Error) => { throw new Error(`${e.message}; terminal shows:\n${(await terminalText(page)).slice(-1500)}`); });
}

/** Type a command, wait for the next prompt, and return what the command printed (lines between). */
export async function run(page: Page, command: string): Promise<string> {
  const before = (await terminalText(page)).length;
  await typeInTerminal(page, `${command}\r`);
  let text = '';
  await until(`"${command}" to finish`, async () => {
    text = await terminalText(page);
    return text.length > before + command.length && PROMPT.test(text);
  }, 30_000);
  const lines = text.slice(before).split('\n');
  return lines.slice(1, -1).join('\n');
}
