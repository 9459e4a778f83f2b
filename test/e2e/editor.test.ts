// The editor pane in the page (needs build/kernel.elf and build/disk.img, as
// the shell tests): edit a C program, see a compile error underlined at its
// line and column, build it in the page and run it from /host in the
// terminal; upload a file and read it in the guest; download one; and after
// a reload the files are still there (the shared folder is kept in
// IndexedDB); export the root disk (e2fsck -fn finds it clean).
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';
import type { Page } from 'playwright-core';
import { screenshot, until, waitForTerminal } from './browser.ts';
import { atPrompt, run, openShellPage, type ShellPage } from './shell.ts';
import { debugfs, fsck } from '../toolchain/mkfs-oracle.ts';

let open: ShellPage;
let page: Page;

const BROKEN = '#include <stdio.h>\n\nint main(void) {\n  int sum = 0;\n  for (int i = 1; i <= 10; i++) sum += i;\n  printf("sum is %d\\n", summ);\n  return 0;\n}\n';
const FIXED = BROKEN.replace('summ)', 'sum)');

async function replaceText(text: string): Promise<void> {
  await page.locator('[data-testid="editor-text"] .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text); // one input event: no auto-closed brackets
}

const status = () => page.getByTestId('editor-status').innerText();

beforeAll(async () => { open = await openShellPage(`${inject('baseUrl')}?image=kernel`); page = open.page; });
afterAll(async () => { await open?.browser.close(); });

describe('the editor in the page', () => {
  it('opens with a starter file in /host', async () => {
    await page.getByTestId('toggle-editor').click();
    await until('the starter file', async () => (await page.getByTestId('editor-title').innerText()) === '/host/hello.c');
    expect(await page.locator('[data-testid="editor-text"] .cm-lineNumbers').count()).toBe(1);
    expect(await run(page, 'ls /host')).toContain('hello.c');
  });

  it('underlines a compile error, then builds and runs the fixed program in the terminal', async () => {
    await replaceText(BROKEN);
    await page.getByTestId('editor-build').click();
    await until('the diagnostics', async () => /error/.test(await status()), 60_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}; the status says: ${await status()}`); });
    expect(await status()).toMatch(/^\/host\/hello\.c:6:25: error: .*summ/);
    const underlined = page.locator('[data-testid="editor-text"] .cm-lintRange-error');
    await until('an underline', async () => (await underlined.count()) > 0);
    expect(await underlined.first().innerText()).toBe('summ');
    await screenshot(page, 'editor-error');

    await replaceText(FIXED);
    await page.getByTestId('editor-run').click();
    await until('the build', async () => /^built \/host\/hello /.test(await status()), 60_000);
    const ms = Number(/in (\d+) ms/.exec(await status())?.[1]);
    console.log(`editor build of hello.c: ${ms} ms in the worker`);
    await waitForTerminal(page, /\/host\/hello\n(.*\n)*sum is 55/, 30_000);
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
    expect(await run(page, '/host/hello')).toBe('sum is 55');
    await screenshot(page, 'editor-run');
  });

  it('uploads a file into /host and downloads the open one', async () => {
    await page.getByTestId('editor-upload').setInputFiles({ name: 'data.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded line\n') });
    await until('the upload', async () => /uploaded \/host\/data\.txt/.test(await status()));
    expect(await run(page, 'cat /host/data.txt')).toBe('uploaded line');
    await run(page, 'echo from-the-guest > /host/out.txt');
    await page.locator('.editor-file[data-name="hello.c"]').click(); // the list refreshes on a click
    await page.locator('.editor-file[data-name="out.txt"]').click();
    await until('out.txt open', async () => (await page.getByTestId('editor-title').innerText()) === '/host/out.txt');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('editor-download').click()]);
    expect(download.suggestedFilename()).toBe('out.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe('from-the-guest\n');
  });

  it('copies a guest file into /host with a typed cp, to download it', async () => {
    page.once('dialog', (d) => { void d.accept('/etc/passwd'); });
    await page.getByTestId('editor-fetch').click();
    await waitForTerminal(page, /# cp \/etc\/passwd \/host\//);
    const passwd = page.locator('.editor-file[data-name="passwd"]');
    await until('passwd in the list', async () => (await passwd.count()) === 1);
    await passwd.click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('editor-download').click()]);
    expect(readFileSync(await download.path(), 'utf8')).toBe(`${await run(page, 'cat /etc/passwd')}\n`);
  });

  it('exports the whole root disk: an ext2 image e2fsck finds clean, with the file just written', async () => {
    await run(page, 'echo exported-line > /home/hako/exported.txt');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('editor-export-disk').click()]);
    expect(download.suggestedFilename()).toBe('hako-disk.img');
    const path = await download.path();
    const check = fsck(path);
    // The superblock's times come from the guest's clock (the page's RTC), which e2fsck may find a little
    // ahead of the host's: a clock note, not damage; everything else must be clean.
    const clockNote = /time is in the future|hardware clock being incorrectly set/;
    expect(check.complaints.filter((line) => !clockNote.test(line)), check.output).toEqual([]);
    expect(check.status).toBe(0);
    expect(debugfs(path, 'cat /home/hako/exported.txt').toString()).toBe('exported-line\n');
  });

  it('has the kernel sources in the image under /usr/src/kernel', async () => {
    const table = readFileSync(join(REPO_ROOT, 'kernel/syscalls.tbl'), 'utf8').split('\n');
    expect(await run(page, 'head -n 2 /usr/src/kernel/syscalls.tbl')).toBe(table.slice(0, 2).join('\n'));
  });

  it('keeps the files and the open editor across a reload', async () => {
    await page.reload();
    await atPrompt(page);
    await until('the editor reopened', async () => (await page.locator('.editor-file').count()) >= 4);
    const names = await page.locator('.editor-file').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names).toEqual(expect.arrayContaining(['hello.c', 'hello', 'data.txt', 'out.txt']));
    expect(await run(page, '/host/hello')).toBe('sum is 55');
    expect(open.errors).toEqual([]);
  });
});
