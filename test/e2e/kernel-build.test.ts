// The kernel a student edits, built and booted in the page (needs
// build/kernel.elf and build/disk.img, as the shell tests): the guest's
// /usr/src/kernel is copied to /host with a typed cp, a compile error in it
// is reported at kernel/main.c:LINE:COL and underlined while the running
// machine carries on, the fixed kernel is built in the worker and booted
// with the disk as the guest left it, and the stock kernel comes back.
// Then the disk: an exported image imports and boots (its files there), and
// a file that is not an ext2 image is refused with the reason.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';
import type { Page } from 'playwright-core';
import { screenshot, until } from './browser.ts';
import { atPrompt, run, openShellPage, type ShellPage } from './shell.ts';

let open: ShellPage;
let page: Page;

const BANNER = 'Hako kernel 0.1.0 booting';
const EDITED = 'Hako kernel 0.1.0 (edited in the page) booting';
const status = () => page.getByTestId('editor-status').innerText();
/** The open file's whole text (CodeMirror renders only the lines in view, so not the DOM's). */
const editorText = () => page.evaluate(async () => (await (window as unknown as { hako: { editor: () => Promise<{ text: string }> } }).hako.editor()).text);

async function replaceText(text: string): Promise<void> {
  await page.locator('[data-testid="editor-text"] .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** The prompt after a reboot: the terminal is reset by boot, so the old prompt is gone. */
async function rebooted(kernel: 'built' | 'image'): Promise<void> {
  await until(`the ${kernel} kernel booted`, async () => (await page.evaluate(() => document.body.dataset.kernel)) === kernel, 180_000)
    .catch(async (e: Error) => { throw new Error(`${e.message}; the status says: ${await status()}`); });
  await atPrompt(page);
}

beforeAll(async () => {
  open = await openShellPage(`${inject('baseUrl')}?image=kernel`);
  page = open.page;
  await page.getByTestId('toggle-editor').click();
  await until('the editor', async () => (await page.getByTestId('editor-title').innerText()) !== '');
});
afterAll(async () => { await open?.browser.close(); });

describe('a kernel built and booted in the page', () => {
  it('says where the sources must be when /host/kernel is missing', async () => {
    await page.getByTestId('editor-build-kernel').click();
    await until('the answer', async () => /\/host\/kernel does not exist/.test(await status()));
    expect(await status()).toContain('cp -r /usr/src/kernel /host/');
  });

  it('reports a compile error in the copied sources at its line and column, and the machine runs on', async () => {
    await run(page, 'cp -r /usr/src/kernel /host/');
    expect(await run(page, 'ls /host/kernel/main.c')).toBe('/host/kernel/main.c');
    page.once('dialog', (d) => { void d.accept('kernel/main.c'); });
    await page.getByTestId('editor-open').click();
    await until('main.c open', async () => (await page.getByTestId('editor-title').innerText()) === '/host/kernel/main.c');
    const original = readFileSync(join(REPO_ROOT, 'kernel/main.c'), 'utf8');
    expect(await editorText()).toContain(BANNER);
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.includes(BANNER));
    const broken = original.replace('boot_info.ram_bytes >> 20);', 'boot_info.ram_bytes >> );');
    const col = lines[at].replace('boot_info.ram_bytes >> 20);', 'boot_info.ram_bytes >> );').indexOf(');') + 1;
    await replaceText(broken);
    await page.getByTestId('editor-build-kernel').click();
    await until('the diagnostic', async () => /error/.test(await status()), 180_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}; the status says: ${await status()}`); });
    expect(await status()).toMatch(new RegExp(`^kernel/main\\.c:${at + 1}:${col}: error: `));
    await until('an underline', async () => (await page.locator('[data-testid="editor-text"] .cm-lintRange-error').count()) > 0);
    expect(await page.evaluate(() => document.body.dataset.kernel)).toBe('image');
    expect(await run(page, 'echo still running')).toBe('still running');
    await replaceText(original.replace(BANNER, EDITED));
  });

  it('builds the fixed kernel, boots it with the disk as it was, and goes back to the stock kernel', async () => {
    await run(page, 'echo written-before-the-reboot > /root/kept.txt');
    await page.getByTestId('editor-build-kernel').click();
    await rebooted('built');
    expect(await status()).toMatch(/running your kernel/);
    expect(await run(page, 'dmesg | grep booting')).toContain(EDITED);
    expect(await run(page, 'cat /root/kept.txt')).toBe('written-before-the-reboot');
    await screenshot(page, 'kernel-built');
    await page.getByTestId('editor-stock-kernel').click();
    await rebooted('image');
    const log = await run(page, 'dmesg | grep booting');
    expect(log).toContain(BANNER);
    expect(log).not.toContain('edited');
    expect(await run(page, 'cat /root/kept.txt')).toBe('written-before-the-reboot');
  });

  it('imports an exported disk and boots from it; refuses a file that is not an ext2 image', async () => {
    await run(page, 'echo in-the-exported-image > /root/marker.txt');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('editor-export-disk').click()]);
    // Playwright passes files over 50 MB by path: the download under the name a student would pick.
    const image = join(mkdtempSync(join(tmpdir(), 'hako-import-')), 'hako-disk.img');
    copyFileSync(await download.path(), image);
    await run(page, 'rm /root/marker.txt');

    await page.getByTestId('editor-import-disk').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.alloc(8192, 0x41) });
    await until('the refusal', async () => /notes\.txt: not imported: not an ext2 image/.test(await status()));
    expect(await run(page, 'cat /root/marker.txt 2>&1')).toContain('No such file');

    await page.getByTestId('editor-import-disk').setInputFiles(image);
    await until('booted from the image', async () => /booted from hako-disk\.img/.test(await status()), 120_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}; the status says: ${await status()}`); });
    await atPrompt(page);
    expect(await run(page, 'cat /root/marker.txt')).toBe('in-the-exported-image');
    expect(await page.getByTestId('boot-progress').innerText()).toContain('imported disk: kept until the page reloads');
    expect(open.errors).toEqual([]);
  });
});
