// The page's start modes (docs/web.md "Starting"): by default the page boots
// the kernel from the start; with the fast start (the setting, or ?start=fast)
// the worker restores the boot snapshot (web/boot-snapshot.ts) and the page shows the
// prompt with the boot's messages above it; the shell works, the disk is the
// image's (its files are there, what is written reads back), processes and
// uptime continue from the snapshot's and the wall clock is the host's;
// "Watch it boot" powers on and boots from the start; a plain visit boots
// without the snapshot; a machine the snapshot was not made for (64 MiB)
// boots normally. A production page carries the image list, so the worker
// asks for the images without index.json's round trip.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, terminalText, until } from './browser.ts';
import { atPrompt, run } from './shell.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const startOf = (page: import('playwright-core').Page) => page.evaluate(() => document.body.dataset.start ?? '');

describe('fast start', () => {
  it('restores the machine at its prompt: a working shell on the image\'s disk, sane processes, uptime and clock', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    context.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const { page, errors } = await openPage(browser, `${inject('baseUrl')}?image=kernel&start=fast`, context);
    await atPrompt(page);
    expect(await startOf(page)).toBe('restored');
    // the page's list named the images (no index.json asked for), each fetched once;
    // what the prompt does not need (the network's parts) was not loaded
    const inlined = JSON.parse(await page.locator('#hako-image-index').textContent() ?? 'null') as { snapshot?: string } | null;
    expect(inlined?.snapshot).toBe('boot.snap.gz');
    const count = (name: string) => requested.filter((p) => p.endsWith(`/images/${name}`)).length;
    expect([count('kernel.elf.gz'), count('boot.snap.gz'), count('index.json')]).toEqual([1, 1, 0]);
    expect(requested.filter((p) => /\/(net-channel|net-capture)-[\w-]+\.js$/.test(p))).toEqual([]);
    const text = await terminalText(page);
    expect(text).toContain('Hako kernel'); // the boot's messages, replayed from the snapshot
    expect(await page.getByTestId('boot-progress').innerText()).toMatch(/^restored /);
    expect(await run(page, 'cat /etc/hostname')).toMatch(/\S/);
    expect(await run(page, 'ls /bin | grep -c .')).toMatch(/^\d{2,}$/);
    expect(await run(page, 'echo kept > /tmp/x; cat /tmp/x')).toBe('kept');
    const ps = await run(page, 'ps');
    expect(ps).toMatch(/\binit\b/);
    expect(ps).toMatch(/\bsh\b/);
    expect(ps).toMatch(/\bsyslogd\b/);
    const uptime = await run(page, 'cat /proc/uptime');
    const seconds = Number(uptime.split(/\s/)[0]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(600);
    const guestNow = Number(await run(page, 'date +%s'));
    // The host's clock at the restore, not the build's (2026-01-01); at full speed emulated time then runs
    // ahead of the host's (an idle guest skips to its next timer tick), as after a boot.
    expect(Math.abs(guestNow - Date.now() / 1000)).toBeLessThan(3600);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('boots from the start with Watch it boot, and by default', async () => {
    const { page, context } = await openPage(browser, `${inject('baseUrl')}?image=kernel&start=fast`);
    await atPrompt(page);
    expect(await startOf(page)).toBe('restored');
    await page.getByTestId('watch-boot').click();
    await until('a booted machine', async () => (await startOf(page)) === 'booted', 60_000);
    await atPrompt(page);
    expect(await run(page, 'echo booted')).toBe('booted');
    await context.close();

    const plain = await openPage(browser, `${inject('baseUrl')}?image=kernel`);
    await atPrompt(plain.page);
    expect(await startOf(plain.page)).toBe('booted');
    await plain.context.close();
  });

  it('boots normally a machine the snapshot was not made for', async () => {
    const { page, context } = await openPage(browser, `${inject('baseUrl')}?image=kernel&ram=64&start=fast`);
    await atPrompt(page);
    expect(await startOf(page)).toBe('booted');
    expect(await run(page, 'free | grep -c Mem')).toBe('1');
    await context.close();
  });
});
