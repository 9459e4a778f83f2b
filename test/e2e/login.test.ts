// The page's "login prompt" setting boots to getty's login prompt instead of
// a root shell (the kernel command line's `login`, as `npm run os -- --login`):
// logging in as hako gives an ordinary user's shell, refused root's files.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, typeInTerminal, waitForTerminal } from './browser.ts';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('the login setting', () => {
  it('boots to a login prompt; hako logs in and gets a $ shell that may not read /etc/shadow', async () => {
    const { page, errors, context } = await openPage(browser, `${base()}?login=1&pane=closed`);
    await waitForTerminal(page, 'login: ');
    expect(await page.getByTestId('setting-login').isChecked()).toBe(true);
    await typeInTerminal(page, 'hako\r');
    await waitForTerminal(page, 'Password: ');
    await typeInTerminal(page, 'hako\r');
    await waitForTerminal(page, '$ ');
    await typeInTerminal(page, 'id; cat /etc/shadow\r');
    const text = await waitForTerminal(page, 'cat: /etc/shadow: Permission denied');
    expect(text).toContain('uid=1000(hako)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
