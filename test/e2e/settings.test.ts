// Settings persist across a reload (localStorage) and take effect at boot;
// "keep my disk" keeps a block the guest wrote through the block device
// (IndexedDB behind it) across a reload, a machine without it does not, and
// "restore pristine disk" forgets it.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, terminalText, typeInTerminal, until, waitForTerminal } from './browser.ts';

let browser: Browser;
const demoUrl = () => `${inject('baseUrl')}?image=demo`;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** Run a demo command and return the newest terminal line matching `answer` once one more appears. */
async function command(page: Page, line: string, answer: RegExp): Promise<string> {
  const matching = async () => (await terminalText(page)).split('\n').filter((l) => answer.test(l));
  const before = (await matching()).length;
  await typeInTerminal(page, `${line}\r`);
  await until(`an answer to "${line}"`, async () => (await matching()).length > before);
  return (await matching()).pop()!;
}

describe('settings', () => {
  it('keep their values across a reload and boot the machine with them', async () => {
    const { page, errors, context } = await openPage(browser, demoUrl());
    await waitForTerminal(page, '(32 MiB RAM, paging on)');
    await page.getByTestId('setting-ram').selectOption('64');
    await page.getByTestId('setting-speed').selectOption('throttled');
    await page.reload();
    await waitForTerminal(page, '(64 MiB RAM, paging on)');
    expect(await page.getByTestId('setting-ram').inputValue()).toBe('64');
    expect(await page.getByTestId('setting-speed').inputValue()).toBe('throttled');
    // The frame map covers the new RAM: 64 MiB = 16384 frames.
    await until('the frame legend', async () => (await page.getByTestId('frame-legend').locator('li').count()) === 7); // every owner kind, page cache and kernel allocations (0 on the demo) included
    const counts = await page.locator('[data-testid="frame-legend"] li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(16384);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('keep my disk', () => {
  it('keeps a block written by the guest across a reload, until the pristine disk is restored', async () => {
    const { page, errors, context } = await openPage(browser, demoUrl());
    await waitForTerminal(page, 'demo> ');
    await page.getByTestId('setting-keep-disk').check();
    await page.getByTestId('reset').click();
    await until('the reboot with a kept disk', async () => (await page.getByTestId('boot-progress').innerText()).includes('disk kept in this browser'));
    await waitForTerminal(page, 'demo> ');
    expect(await command(page, 'disk write kept across a reload', /written to block \d+/)).toMatch(/written to block 255/);

    await page.reload();
    await waitForTerminal(page, 'demo> ');
    expect(await page.getByTestId('setting-keep-disk').isChecked()).toBe(true);
    expect(await command(page, 'disk read', /^block \d+: /)).toBe('block 255: kept across a reload');

    page.once('dialog', (d) => { void d.accept(); }); // the page asks before forgetting the disk
    await page.getByTestId('restore-disk').click();
    await until('the reboot', async () => (await page.getByTestId('boot-progress').innerText()).startsWith('running'));
    await waitForTerminal(page, 'demo> ');
    expect(await command(page, 'disk read', /^block \d+: /)).toBe('block 255: (nothing written)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('forgets what the guest wrote when it is off', async () => {
    const { page, errors, context } = await openPage(browser, demoUrl());
    await waitForTerminal(page, 'demo> ');
    expect(await page.getByTestId('setting-keep-disk').isChecked()).toBe(false);
    expect(await command(page, 'disk write only in memory', /written to block \d+/)).toMatch(/written to block/);
    expect(await command(page, 'disk read', /^block \d+: /)).toBe('block 255: only in memory');
    await page.reload();
    await waitForTerminal(page, 'demo> ');
    expect(await command(page, 'disk read', /^block \d+: /)).toBe('block 255: (nothing written)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
