// Copy and paste in the terminal: a paste reaches the guest as typed input,
// and Ctrl+Shift+C copies the terminal's selection to the clipboard.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, until, waitForTerminal } from './browser.ts';

let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('clipboard', () => {
  it('pastes into the guest and copies the selection out', async () => {
    const base = inject('baseUrl');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
    const { page, errors } = await openPage(browser, `${base}?image=demo`, context);
    await waitForTerminal(page, 'demo> ');

    // A paste event on xterm's input element, as the browser fires it for Ctrl+V or the context menu.
    await page.evaluate(() => {
      const target = document.querySelector('.xterm-helper-textarea')!;
      const data = new DataTransfer();
      data.setData('text/plain', 'pasted words\r');
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitForTerminal(page, 'you typed: pasted words');

    await page.evaluate(() => { (window as unknown as { hako: { term: { selectAll(): void } } }).hako.term.selectAll(); });
    await page.focus('.xterm-helper-textarea');
    await page.keyboard.press('Control+Shift+C');
    let copied = '';
    await until('the clipboard to hold the selection', async () => {
      copied = await page.evaluate(() => navigator.clipboard.readText());
      return copied.includes('you typed: pasted words');
    });
    expect(copied).toContain('Hako firmware demo');
    expect(errors).toEqual([]);
    await context.close();
  });
});
