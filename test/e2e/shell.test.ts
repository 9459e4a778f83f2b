// The kernel in the page (the global setup builds build/kernel.elf and
// build/disk.img; if they do not build these fail, never skip): boot to the shell
// prompt, typed commands and their output, Ctrl-C stopping `yes`, `ps`, the
// processes pane filled from the kernel's process table, the page-table view
// of the shell (a user mapping at 0x08048000 with US set), kernel, page-table
// and process frames in the frame map, and a file kept across a reload with
// "keep my disk".
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, terminalText, typeInTerminal, until, waitForTerminal } from './browser.ts';
import { PROMPT, atPrompt, run, openShellPage, type ShellPage } from './shell.ts';

let open: ShellPage;
let page: Page;

beforeAll(async () => {
  open = await openShellPage(`${inject('baseUrl')}?image=kernel`);
  page = open.page;
  await screenshot(page, 'kernel-shell');
});
afterAll(async () => { await open?.browser.close(); });

describe('the kernel in the page', () => {
  it('boots to a shell prompt and runs typed commands', async () => {
    expect(await terminalText(page)).toContain('Hako kernel');
    expect(await run(page, 'echo hello from the page')).toBe('hello from the page');
    expect(await run(page, 'cd /home/hako')).toBe('');
    expect(await run(page, 'pwd')).toBe('/home/hako');
    await screenshot(page, 'kernel-shell-commands');
    expect(open.errors).toEqual([]);
  });

  it('stops a running yes with Ctrl-C', async () => {
    await typeInTerminal(page, 'yes\r');
    await waitForTerminal(page, /(\ny){20}/);
    // While it runs, the CPU pane names it as the current process most of the time.
    await until('yes as the current process', async () => /^process: pid \d+ yes$/.test(await page.getByTestId('current-process').innerText()));
    await page.keyboard.press('Control+C');
    await until('the prompt after ^C', async () => PROMPT.test(await terminalText(page)), 30_000);
    expect(await run(page, 'echo after yes')).toBe('after yes');
  });

  it('lists processes with ps', async () => {
    const table = await run(page, 'ps');
    expect(table).toMatch(/PID/);
    expect(table).toMatch(/\binit\b/);
    expect(table).toMatch(/\bsh\b/);
  });

  it('lists the kernel\'s processes in the processes pane', async () => {
    const rows = page.locator('[data-testid="processes"] tr[data-pid]');
    await until('process rows', async () => (await rows.count()) >= 2);
    const table = await page.getByTestId('processes').innerText();
    expect(table).toMatch(/\n1\t0\t\w+\t0\t\d+K\t\d+K\t[\d.]+s\tinit/); // RSS, then swap (the kernel's table version 2)
    expect(table).toMatch(/\tsh\t/);
  });

  it('shows the shell\'s user mapping at 0x08048000 with US set', async () => {
    const select = page.getByTestId('cr3-select');
    await until('the shell among the address spaces', async () => (await select.innerText()).includes(' sh '));
    const value = await select.locator('option', { hasText: ' sh ' }).first().getAttribute('value');
    await select.selectOption(value!);
    const row = page.locator('[data-testid="page-tables"] tr[data-virt="0x08048000"]');
    await until('the shell\'s text mapping', async () => (await row.count()) === 1);
    expect(await row.getAttribute('data-us')).toBe('1');
    expect(await row.getAttribute('data-present')).toBe('1');
    expect(await page.getByTestId('page-tables').innerText()).toContain(`page directory at 0x${Number(value).toString(16).padStart(8, '0')}`);
  });

  it('colours kernel, page-table and process frames in the frame map', async () => {
    const count = async (selector: string) => Number(await page.locator(`[data-testid="frame-legend"] li${selector}`).first().getAttribute('data-count'));
    const shellPid = await page.locator('[data-testid="processes"] tr[data-pid]').evaluateAll((rows) =>
      rows.find((r) => r.children[7]?.textContent === 'sh')?.getAttribute('data-pid'));
    expect(shellPid).toMatch(/^\d+$/);
    await until('kernel frames and the shell\'s own frames', async () =>
      (await count('[data-owner="1"]')) > 0 && (await page.locator(`[data-testid="frame-legend"] li[data-pid="${shellPid}"]`).count()) === 1
      && (await count(`[data-pid="${shellPid}"]`)) > 0);
    expect(await count('[data-owner="3"]')).toBeGreaterThan(2); // the kernel's directory and tables, and each process's
    expect(await page.getByTestId('frame-legend').innerText()).toMatch(/pid 1 init: \d+/);
    await screenshot(page, 'kernel-debug-pane');
  });

  it('keeps a file across a reload with keep my disk', async () => {
    await page.getByTestId('setting-keep-disk').check();
    await page.getByTestId('reset').click();
    await until('the reboot with a kept disk', async () => (await page.getByTestId('boot-progress').innerText()).includes('disk kept in this browser'));
    await atPrompt(page);
    await run(page, 'echo survives-reload > /home/hako/kept.txt');
    expect(await run(page, 'cat /home/hako/kept.txt')).toBe('survives-reload');
    await page.reload();
    await atPrompt(page);
    expect(await run(page, 'cat /home/hako/kept.txt')).toBe('survives-reload');
    expect(open.errors).toEqual([]);
  });
});
