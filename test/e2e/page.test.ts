// The page boots the firmware demo in its worker, shows its output in the
// terminal, and typing reaches the guest; by default it boots the kernel
// (built by the global setup); no console errors on the way.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, terminalText, typeInTerminal, waitForTerminal, until } from './browser.ts';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('the page', () => {
  it('boots the firmware demo and shows its banner and prompt in the terminal', async () => {
    const { page, errors, context } = await openPage(browser, `${base()}?image=demo`);
    await waitForTerminal(page, 'Hako firmware demo');
    await waitForTerminal(page, 'demo> ');
    const progress = await page.getByTestId('boot-progress').innerText();
    expect(progress).toMatch(/running demo\.elf/);
    for (const id of ['terminal', 'registers', 'disassembly', 'page-tables', 'frame-map', 'processes', 'activity', 'pause', 'step', 'continue']) {
      expect(await page.getByTestId(id).count(), id).toBe(1);
    }
    await screenshot(page, 'demo-booted');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends typed keys to the guest and shows its answer', async () => {
    const { page, errors, context } = await openPage(browser, `${base()}?image=demo`);
    await waitForTerminal(page, 'demo> ');
    await typeInTerminal(page, 'hello from chromium\r');
    const text = await waitForTerminal(page, 'you typed: hello from chromium');
    // The guest echoed each key as it came (the line appears after the prompt), then answered.
    expect(text).toContain('demo> hello from chromium');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('boots the kernel by default (the global setup built it) without console errors', async () => {
    const { page, errors, context } = await openPage(browser, base());
    await until('a booted machine', async () => (await page.evaluate(() => document.body.dataset.booted ?? '')) !== '');
    // The demo is only the fallback for a page without a kernel; the global
    // setup built one, so anything but the kernel here is a failure.
    expect(await page.evaluate(() => document.body.dataset.booted)).toBe('kernel');
    await waitForTerminal(page, 'Hako kernel');
    await screenshot(page, 'default-boot');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the terminal fitted to its panel when the window is resized', async () => {
    const { page, errors, context } = await openPage(browser, `${base()}?image=demo`);
    await waitForTerminal(page, 'demo> ');
    const cols = () => page.evaluate(() => (window as unknown as { hako: { term: { cols: number } } }).hako.term.cols);
    const before = await cols();
    await page.setViewportSize({ width: 1100, height: 700 }); // still the wide layout (below 1000 px the terminal takes the full width)
    await until('the terminal to refit', async () => (await cols()) < before);
    // The worker heard about the new size (the console event for the tty window-size ioctl).
    const after = await cols();
    await until('the worker to learn the size', async () => {
      const size = await page.evaluate(async () => {
        const h = (window as unknown as { hako: { api: { snapshot(r: { disassembly: number }): Promise<{ consoleSize: { cols: number } } | null> } } }).hako;
        return (await h.api.snapshot({ disassembly: 0 }))?.consoleSize.cols;
      });
      return size === after;
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
