// The page as a new user meets it (web/page-ux.ts, web/terminal.ts,
// web/styles.css): the phone layout and the touch key bar, the stacked
// layout and the splitter, leaving the terminal by keyboard, the light
// theme, the terminal's line height and CJK fonts, the boot text in the
// terminal area, Power on after poweroff, and the saved disk's safety
// (confirm, one tab per disk, persistent storage, the reload note).
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, terminalText, typeInTerminal, until, waitForTerminal } from './browser.ts';
import { atPrompt, run } from './shell.ts';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

type Box = { x: number; y: number; width: number; height: number };
const box = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).first().boundingBox())!;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layout', () => {
  it('at phone width the panes stack under the terminal, which fits, and the key bar sends Ctrl, Tab and arrows', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const { page, errors } = await openPage(browser, `${base()}?image=kernel`, context);
    await atPrompt(page);
    const terminal = await box(page, '#terminal-panel');
    const xterm = await box(page, '#terminal .xterm-screen');
    for (const pane of ['#debug', '#keybar']) expect(overlap(await box(page, pane), xterm), pane).toBe(false);
    expect((await box(page, '#debug')).y).toBeGreaterThanOrEqual(terminal.y + terminal.height - 1);
    expect(xterm.x).toBeGreaterThanOrEqual(0);
    expect(xterm.x + xterm.width).toBeLessThanOrEqual(390);
    expect(xterm.x + xterm.width).toBeLessThanOrEqual(terminal.x + terminal.width);
    expect(await page.getByTestId('keybar').isVisible()).toBe(true);

    // Ctrl on the bar, then c on the keyboard: yes is interrupted.
    await typeInTerminal(page, 'yes\r');
    await waitForTerminal(page, /y\ny\ny\n/);
    await page.locator('#keybar [data-key^="Control"]').tap();
    expect(await page.locator('#keybar [data-key^="Control"]').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('c');
    await atPrompt(page);
    expect(await page.locator('#keybar [data-key^="Control"]').getAttribute('aria-pressed')).toBe('false');
    // Tab on the bar completes a file name; the up arrow brings the last command back.
    await typeInTerminal(page, 'echo /etc/hostn');
    await page.locator('#keybar [data-key="Tab"]').tap();
    await waitForTerminal(page, /echo \/etc\/hostname\s*$/);
    await typeInTerminal(page, '\r');
    await atPrompt(page);
    await page.locator('#keybar [data-key="Up arrow"]').tap();
    await waitForTerminal(page, /# echo \/etc\/hostname\s*$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('below 1000 px stacks the panes; wide, the splitter moves by arrow keys and keeps its place across a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
    const { page, errors } = await openPage(browser, `${base()}?image=demo`, context);
    await waitForTerminal(page, 'demo> ');
    const terminal = await box(page, '#terminal-panel');
    expect((await box(page, '#debug')).y).toBeGreaterThanOrEqual(terminal.y + terminal.height - 1);
    expect(await page.getByTestId('splitter').isVisible()).toBe(false);
    expect(await page.getByTestId('keybar').isVisible()).toBe(false); // not a touch screen

    await page.setViewportSize({ width: 1400, height: 900 });
    const splitter = page.getByTestId('splitter');
    expect(await splitter.getAttribute('role')).toBe('separator');
    const before = (await box(page, '#debug')).width;
    await splitter.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await until('the pane to widen', async () => (await box(page, '#debug')).width === before + 48);
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(before + 48);
    const xterm = await box(page, '#terminal .xterm-screen');
    expect(overlap(xterm, await box(page, '#debug'))).toBe(false);
    // dragged with the pointer: the pane's left edge follows it
    const handle = await box(page, '#splitter');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 100);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 100, handle.y + 100, { steps: 4 });
    await page.mouse.up();
    await until('the pane to narrow', async () => Math.abs((await box(page, '#debug')).width - (before + 48 - 100)) <= 2);
    const dragged = (await box(page, '#debug')).width;
    await page.reload();
    await waitForTerminal(page, 'demo> ');
    expect((await box(page, '#debug')).width).toBe(dragged);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('accessibility and the terminal', () => {
  it('leaves the terminal with Escape then Tab; names the canvases; line height, CJK fonts and the hints', async () => {
    const { page, errors, context } = await openPage(browser, `${base()}?image=demo`);
    await waitForTerminal(page, 'demo> ');
    await page.focus('.xterm-helper-textarea');
    await page.keyboard.press('Tab'); // goes to the machine: the focus stays
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('xterm-helper-textarea');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className ?? '')).not.toContain('xterm-helper-textarea');
    expect(await page.locator('.xterm-helper-textarea').getAttribute('aria-describedby')).toBe('term-exit-hint');
    expect(await page.locator('#term-exit-hint').textContent()).toMatch(/Escape, then Tab/);
    expect(await page.getByTestId('term-hints').innerText()).toMatch(/Ctrl\+Shift\+C.*Ctrl\+Shift\+V.*Esc.*Tab/s);

    await until('the frame map label', async () => /Physical memory map of \d+ frames: \d+ /.test(await page.getByTestId('frame-map-canvas').getAttribute('aria-label') ?? ''));
    expect(await page.getByTestId('frame-map-canvas').getAttribute('role')).toBe('img');
    expect(await page.getByTestId('reset').getAttribute('aria-label')).toBe('Reset the machine');

    const options = await page.evaluate(() => {
      const term = (window as unknown as { hako: { term: { options: { lineHeight: number; fontFamily: string } } } }).hako.term;
      return { lineHeight: term.options.lineHeight, fontFamily: term.options.fontFamily };
    });
    expect(options.lineHeight).toBeGreaterThanOrEqual(1.15);
    const rowsFont = await page.locator('.xterm-rows').evaluate((e) => getComputedStyle(e).fontFamily);
    expect(rowsFont.replace(/"/g, '')).toBe(options.fontFamily.replace(/"/g, ''));
    expect(rowsFont).toMatch(/Noto Sans Mono CJK JP/);
    expect(rowsFont.indexOf('DejaVu Sans Mono')).toBeLessThan(rowsFont.indexOf('CJK')); // Latin glyphs from the Latin font
    // the underscore's row is inside its cell: the row pitch leaves room below the glyph box
    const cell = await page.evaluate(() => {
      const t = (window as unknown as { hako: { term: { _core: { _renderService: { dimensions: { css: { cell: { height: number } } } } }; options: { fontSize: number } } } }).hako.term;
      return { height: t._core._renderService.dimensions.css.cell.height, fontSize: t.options.fontSize };
    });
    expect(cell.height).toBeGreaterThanOrEqual(Math.ceil(cell.fontSize * 1.15));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows a light colour scheme: light page and light terminal', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    const { page, errors } = await openPage(browser, `${base()}?image=demo`, context);
    await waitForTerminal(page, 'demo> ');
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    expect(luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor))).toBeGreaterThan(0.9);
    const theme = await page.evaluate(() => (window as unknown as { hako: { term: { options: { theme: { background: string; foreground: string } } } } }).hako.term.options.theme);
    expect(luminance(`${parseInt(theme.background.slice(1, 3), 16)} ${parseInt(theme.background.slice(3, 5), 16)} ${parseInt(theme.background.slice(5, 7), 16)}`)).toBeGreaterThan(0.9);
    const panel = await page.locator('#terminal-panel').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(luminance(panel)).toBeGreaterThan(0.9);
    await page.emulateMedia({ colorScheme: 'dark' });
    await until('the dark theme', async () => luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)) < 0.1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the boot progress in the terminal area until the first output, and Power on after poweroff', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // the page carries the image list (web/images-plugin.ts), so the kernel's download is what the boot waits on
    let releaseKernel!: () => void;
    const kernelHeld = new Promise<void>((r) => { releaseKernel = r; });
    await context.route('**/images/kernel.elf.gz', async (route) => { await kernelHeld; await route.continue(); });
    const { page, errors } = await openPage(browser, `${base()}?image=kernel`, context);
    await until('the boot text in the terminal area', async () => (await page.getByTestId('term-boot').isVisible()) && /fetching (the images|kernel)/.test(await page.getByTestId('term-boot').innerText()));
    releaseKernel();
    await atPrompt(page);
    expect(await page.getByTestId('term-boot').isVisible()).toBe(false);
    expect(await page.getByTestId('power-on').isVisible()).toBe(false);
    await typeInTerminal(page, 'poweroff\r');
    await until('the Power on button', () => page.getByTestId('power-on').isVisible());
    const before = (await terminalText(page)).length;
    await page.getByTestId('power-on').click();
    await atPrompt(page);
    expect((await terminalText(page)).length).toBeLessThan(before + 5000); // a fresh screen, not the old one
    expect(await run(page, 'echo again')).toBe('again');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the saved disk', () => {
  it('asks before the pristine wipe, asks for persistent storage, notes the reload loss, and keeps one tab per disk', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { persistCalls: number };
      w.persistCalls = 0;
      if (navigator.storage) navigator.storage.persist = async () => { w.persistCalls++; return true; };
    });
    const { page, errors } = await openPage(browser, `${base()}?image=demo`, context);
    await waitForTerminal(page, 'demo> ');
    expect(await page.getByTestId('disk-note').isVisible()).toBe(true);
    await page.getByTestId('setting-keep-disk').check();
    expect(await page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(1);
    expect(await page.getByTestId('disk-note').isVisible()).toBe(false);
    await page.getByTestId('reset').click();
    await until('the kept disk', async () => (await page.getByTestId('boot-progress').innerText()).includes('disk kept in this browser'));
    await waitForTerminal(page, 'demo> ');
    await typeInTerminal(page, 'disk write precious\r');
    await waitForTerminal(page, /written to block \d+/);

    // Cancel keeps the disk: no reboot, the block is still there.
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.dismiss(); });
    await page.getByTestId('restore-disk').click();
    await until('the question', async () => asked !== '');
    expect(asked).toMatch(/Forget the saved disk/);
    await typeInTerminal(page, 'disk read\r');
    await waitForTerminal(page, 'block 255: precious');

    // A second tab of the same browser: told, not hung, and offered a boot without the disk.
    const second = await context.newPage();
    const secondErrors: string[] = [];
    second.on('pageerror', (e) => secondErrors.push(e.message));
    await second.goto(`${base()}?image=demo`);
    await until('the second tab\'s message', () => second.getByTestId('tab-conflict').isVisible());
    expect(await second.getByTestId('tab-conflict').innerText()).toMatch(/open in another tab/);
    await second.getByTestId('boot-no-keep').click();
    await waitForTerminal(second, 'demo> ');
    expect(await second.getByTestId('boot-progress').innerText()).not.toMatch(/disk kept/);
    await typeInTerminal(second, 'disk read\r');
    await waitForTerminal(second, 'block 255: (nothing written)');
    expect(secondErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
