// Helpers for browser tests that talk to the kernel's shell.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, terminalText, typeInTerminal, until, type OpenPage } from './browser.ts';

/** The shell's prompt at the end of the terminal: `hako:/dir# `, and any blanks after it (its written blank stays in the buffer; a line redrawn after a resize is padded). */
export const PROMPT = /hako:[^\n]*[#$] *$/;
const PROMPT_END = '# ';

export async function atPrompt(page: Page): Promise<void> {
  await until('a shell prompt', async () => PROMPT.test(await terminalText(page)), 45_000)
    .catch(async (e: Error) => { throw new Error(`${e.message}; terminal shows:\n${(await terminalText(page)).slice(-1500)}`); });
}

/** A page of its own browser, at its shell's first prompt; closing the browser ends it. */
export interface ShellPage extends OpenPage { browser: Browser }

/**
 * What most e2e files start with: a new browser, the page at `url` (the
 * kernel image, say `${inject('baseUrl')}?image=kernel`) with its console
 * errors collected, booted to a shell prompt. A page that never gets there
 * closes its browser before the error goes up, so no chromium is left behind.
 */
export async function openShellPage(url: string): Promise<ShellPage> {
  const browser = await launchBrowser();
  try {
    const open = await openPage(browser, url);
    await atPrompt(open.page);
    return { ...open, browser };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/**
 * Type a command, wait for the next prompt, and return what the command
 * printed: the lines between the last line showing the command after a
 * prompt and the final prompt (found by content, not by offset: scrollback
 * drops old lines once full).
 */
export async function run(page: Page, command: string): Promise<string> {
  const echoed = (line: string) => /[#$] /.test(line) && line.trimEnd().endsWith(`${PROMPT_END}${command}`.trimEnd());
  const count = async () => (await terminalText(page)).split('\n').filter(echoed).length;
  const before = await count();
  await typeInTerminal(page, `${command}\r`);
  let lines: string[] = [];
  await until(`"${command}" to finish`, async () => {
    const text = await terminalText(page);
    lines = text.split('\n');
    return lines.filter(echoed).length > before && PROMPT.test(text) && !echoed(lines[lines.length - 1]);
  }, 30_000);
  let at = lines.length - 1;
  while (at > 0 && !echoed(lines[at])) at--;
  return lines.slice(at + 1, -1).join('\n');
}
