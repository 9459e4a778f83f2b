// Browser harness for the e2e tests and the web benchmarks: launches Debian's
// chromium through playwright-core (flags from /work/shared/STACK.md), opens
// the page, records console errors and uncaught page errors (a test asserts
// there are none), and reads and types into the xterm terminal.

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

/** A fresh browser context (its own IndexedDB and localStorage) with the page loaded from `url`. */
export async function openPage(browser: Browser, url: string, context?: BrowserContext): Promise<OpenPage> {
  const ctx = context ?? await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
  await page.goto(url);
  return { context: ctx, page, errors };
}

/** Poll `check` (in Node) until it returns true; fail with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every line of the terminal's buffer (scrollback included), trailing blanks dropped. */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hako = (window as unknown as { hako?: { term: { buffer: { active: { length: number; getLine(i: number): { isWrapped: boolean; translateToString(trim: boolean): string } | undefined } } } } }).hako;
    if (!hako) return '';
    const buffer = hako.term.buffer.active;
    // a line the terminal wrapped at its width is one line of output: join
    // it with the row before (kept untrimmed, its last cell may be a space)
    let text = '';
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      const next = buffer.getLine(i + 1);
      if (i > 0 && !line?.isWrapped) text += '\n';
      text += line?.translateToString(!next?.isWrapped) ?? '';
    }
    return text.replace(/\n+$/, '');
  });
}

export async function waitForTerminal(page: Page, text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  let seen = '';
  await until(`terminal to show ${String(text)}`, async () => {
    seen = await terminalText(page);
    return typeof text === 'string' ? seen.includes(text) : text.test(seen);
  }, timeoutMs).catch((e: Error) => { throw new Error(`${e.message}; terminal shows:\n${seen.slice(-1500)}`); });
  return seen;
}

/** Type into the terminal as a user would (Enter is sent as \r by xterm). */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.focus('.xterm-helper-textarea');
  await page.keyboard.type(text);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The text of an element by data-testid (or another selector). */
export function textOf(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().innerText();
}
