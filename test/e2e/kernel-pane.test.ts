// The page and the kernel talking through hardware (the global setup builds the
// OS images; if they do not build these fail, never skip): the terminal's size
// reaches the tty (`stty size` before and after the viewport shrinks), the kill
// button rings the debug doorbell and the kernel kills `yes` (its row goes,
// the shell says Killed and $? is 137) while refusing init, the activity pane's
// memory counters and chart come from kdebug_mem (the frame map's page-cache
// frames agree with its count), and the kernel log shows the
// boot's Memory: line and gains the doorbell's line; tracing switched on in the
// terminal fills the trace pane with ls's fork, exec and exit; with 16 MiB of
// RAM, memhog pushes init's pages to swap: its swap column and its swapped
// page-table entries (with their slots and the kernel's area labels) show it.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, terminalText, typeInTerminal, until } from './browser.ts';
import { PROMPT, atPrompt, run, openShellPage, type ShellPage } from './shell.ts';

let open: ShellPage;
let page: Page;

type Hako = {
  term: { cols: number; rows: number };
  settings(): { ramMiB: number };
  memoryHistory(): { totalPages: number; switchesPerSec: number }[];
  api: { signal(pid: number, sig: number): Promise<{ result: number | null; error?: string }> };
};
const termSize = () => page.evaluate(() => {
  const h = (window as unknown as { hako: Hako }).hako;
  return { cols: h.term.cols, rows: h.term.rows };
});
const logLines = () => page.locator('[data-testid="kernel-log"] li').allInnerTexts();
const counter = (key: string) => page.locator(`[data-testid="activity"] [data-counter="${key}"]`).innerText();

beforeAll(async () => { open = await openShellPage(`${inject('baseUrl')}?image=kernel`); page = open.page; });
afterAll(async () => { await open?.browser.close(); });

describe('the terminal size', () => {
  it('reaches the tty at boot and after a resize (stty size)', async () => {
    const before = await termSize();
    expect(await run(page, 'stty size')).toBe(`${before.rows} ${before.cols}`);
    await page.setViewportSize({ width: 1000, height: 640 });
    await until('the terminal to refit', async () => {
      const now = await termSize();
      return now.cols < before.cols && now.rows < before.rows;
    });
    const after = await termSize();
    expect(await run(page, 'stty size')).toBe(`${after.rows} ${after.cols}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await until('the terminal to grow back', async () => (await termSize()).cols === before.cols);
  });
});

describe('the kill button', () => {
  it('is disabled for init and kernel threads, and the kernel itself refuses init', async () => {
    const rows = page.locator('[data-testid="processes"] tr[data-pid]');
    await until('process rows', async () => (await rows.count()) >= 3);
    expect(await page.locator('[data-testid="processes"] tr[data-pid="1"] button[data-kill]').isDisabled()).toBe(true);
    const kdebugd = page.locator('[data-testid="processes"] tr[data-pid]', { hasText: 'kdebugd' });
    expect(await kdebugd.locator('button[data-kill]').isDisabled()).toBe(true);
    // Asked directly (not through the button), the kernel's driver answers -EPERM for pid 1.
    const answer = await page.evaluate(() => (window as unknown as { hako: Hako }).hako.api.signal(1, 9));
    expect(answer).toEqual({ result: -1 });
    expect(await run(page, 'echo init lives')).toBe('init lives');
  });

  it('kills a running yes: its row goes, the shell reports it, $? is 137, the log says so', async () => {
    // A busy process (at full speed an idle machine skips ahead in time, so `sleep 100` would end first).
    await typeInTerminal(page, 'yes > /dev/null\r');
    const row = page.locator('[data-testid="processes"] tr[data-pid]', { has: page.locator('td:nth-child(8)', { hasText: /^yes$/ }) });
    await until('yes in the processes pane', async () => (await row.count()) === 1)
      .catch(async (e: Error) => { throw new Error(`${e.message}; the pane shows:\n${await page.getByTestId('processes').innerText()}\nterminal:\n${(await terminalText(page)).slice(-400)}`); });
    const pid = Number(await row.getAttribute('data-pid'));
    expect(pid).toBeGreaterThan(1);
    expect(await row.locator('button[data-kill]').isEnabled()).toBe(true);
    await row.locator('button[data-kill]').click();
    await until('the kernel to answer', async () => (await page.getByTestId('kill-status').innerText()) === `kernel: SIGKILL sent to pid ${pid}`)
      .catch(async (e: Error) => { throw new Error(`${e.message}; the status line says: ${await page.getByTestId('kill-status').innerText()}`); });
    await until('the yes row to go', async () => (await page.locator(`[data-testid="processes"] tr[data-pid="${pid}"]`).count()) === 0);
    // the prompt may be followed by blanks: the shell redraws its line after the earlier resize
    await until('the prompt after the kill', async () => PROMPT.test((await terminalText(page)).trimEnd() + ' '), 30_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}; terminal:\n${JSON.stringify((await terminalText(page)).slice(-300))}`); });
    expect(await terminalText(page)).toMatch(/Killed/);
    expect(await run(page, 'echo $?')).toBe('137');
    await until('the doorbell line in the kernel log', async () =>
      (await logLines()).some((l) => l.endsWith(`doorbell: signal 9 to pid ${pid}: sent`)));
    await screenshot(page, 'kernel-kill-button');
    expect(open.errors).toEqual([]);
  });
});

describe('the activity pane', () => {
  it('shows the kernel log from the boot on, with the Memory: line', async () => {
    await until('the boot log', async () => (await logLines()).some((l) => /^\[\s*\d+\.\d{6}\] Memory: \d+K\/\d+K available/.test(l)));
    const lines = await logLines();
    expect(lines[0]).toMatch(/^\[\s*0\.\d{6}\] Hako kernel 0\.1\.0 booting/);
    // Levels become classes: the doorbell's debug line (added by the kill above) is not shown as info.
    expect(await page.locator('[data-testid="kernel-log"] li.log-debug', { hasText: /doorbell: signal 9 to pid \d+: sent$/ }).count()).toBe(1);
  });

  it('charts the kernel\'s memory counters: total as RAM, free and used, context switches moving', async () => {
    const ram = await page.evaluate(() => (window as unknown as { hako: Hako }).hako.settings().ramMiB);
    await until('the memory counters', async () => (await counter('memTotal')) === `${ram.toFixed(1)} MiB`);
    expect(await counter('memFree')).toMatch(/^\d+(\.\d)? (KiB|MiB)$/);
    expect(await counter('memUsed')).toMatch(/^\d+(\.\d)? (KiB|MiB)$/);
    const switches = Number(await counter('contextSwitches'));
    expect(switches).toBeGreaterThan(0);
    await run(page, 'ls / > /dev/null');
    await until('more context switches', async () => Number(await counter('contextSwitches')) > switches);
    await until('two samples in the chart', async () =>
      (await page.evaluate(() => (window as unknown as { hako: Hako }).hako.memoryHistory().length)) >= 2);
    const history = await page.evaluate(() => (window as unknown as { hako: Hako }).hako.memoryHistory());
    expect(history.every((s) => s.totalPages === (ram << 20) / 4096)).toBe(true);
    // The frame map's page-cache frames (struct page PG_CACHE) agree with the kernel's own count.
    await until('page-cache frames matching the cached counter', async () => {
      const frames = Number(await page.locator('[data-testid="frame-legend"] li[data-owner="5"]').getAttribute('data-count'));
      return frames > 0 && `${frames * 4} KiB` === await counter('memCached');
    });
    await page.getByTestId('memory-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'kernel-activity');
    expect(open.errors).toEqual([]);
  });
});

describe('kernel trace events in the activity pane', () => {
  it('shows ls\'s fork, exec and exit after tracing is switched on in the terminal, and the kind filter keeps only one kind', async () => {
    const status = page.getByTestId('trace-status');
    await until('the trace status', async () => /Tracing is off/.test(await status.innerText()));
    await run(page, 'echo 1 > /dev/trace; ls / > /dev/null; echo 0 > /dev/trace');
    const events = page.locator('[data-testid="trace-events"] li[data-kind]');
    const exec = page.locator('[data-testid="trace-events"] li.trace-exec', { hasText: / exec ls$/ });
    await until('ls\'s exec in the trace pane', async () => (await exec.count()) === 1);
    const pid = await exec.getAttribute('data-pid');
    expect(await page.locator(`[data-testid="trace-events"] li.trace-fork`, { hasText: new RegExp(`fork child ${pid} of `) }).count()).toBe(1);
    expect(await page.locator(`[data-testid="trace-events"] li.trace-exit[data-pid="${pid}"]`).count()).toBe(1);
    // System calls by the kernel's own names, with their arguments and results.
    expect(await page.locator(`[data-testid="trace-events"] li.trace-sys_enter[data-pid="${pid}"]`, { hasText: /getdents(64)?\(0x/ }).count()).toBeGreaterThan(0);
    expect(await page.locator(`[data-testid="trace-events"] li.trace-sys_exit[data-pid="${pid}"]`, { hasText: /close = 0$/ }).count()).toBeGreaterThan(0);
    expect(await status.innerText()).toMatch(/Tracing is off/);
    await page.getByTestId('trace-kind').selectOption({ label: 'exec' });
    const visible = await events.evaluateAll((lis) => lis.filter((li) => !(li as HTMLElement).hidden).map((li) => li.className));
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible)).toEqual(new Set(['trace-exec']));
    await page.getByTestId('trace-kind').selectOption({ label: 'all kinds' });
    expect(open.errors).toEqual([]);
  });
});

describe('swap in the panes', () => {
  it('shows swapped pages in the swap column and swapped entries with their slot in the page tables', async () => {
    // 16 MiB of RAM and 16 MiB of swap: memhog 14m pushes the sleeping init's and the shell's pages out.
    const small = await openPage(open.browser, `${inject('baseUrl')}?image=kernel&ram=16&swap=16`);
    const p = small.page;
    await atPrompt(p);
    expect(await run(p, 'memhog 14m')).toBe('memhog: 14680064 bytes, 3584 pages, pattern verified');
    const initRow = p.locator('[data-testid="processes"] tr[data-pid="1"]');
    let swapKiB = 0;
    await until('init with swapped pages', async () => {
      const cells = await initRow.locator('td').allInnerTexts();
      swapKiB = Number(/^(\d+)K$/.exec(cells[5] ?? '')?.[1] ?? 0);
      return swapKiB > 0;
    }, 30_000);
    const select = p.getByTestId('cr3-select');
    const value = await select.locator('option', { hasText: /^pid 1 init / }).first().getAttribute('value');
    await select.selectOption(value!);
    const swapped = p.locator('[data-testid="page-tables"] tr.swapped');
    await until('swapped entries in init\'s page tables', async () => (await swapped.count()) > 0);
    // Each swapped entry names its slot, and init's table has as many as its swap column counts.
    const rows = await swapped.evaluateAll((trs) => trs.map((tr) => ({ slot: tr.getAttribute('data-swap-slot'), text: tr.textContent ?? '' })));
    for (const r of rows) expect(r.text).toContain(`swap slot ${r.slot}`);
    // Labelled with the kernel's own area (kdebug_vmas), never "none": a swapped page is in some area of
    // init (its text too: exec copies the program into anonymous pages, which swap like the rest).
    for (const r of rows) expect(r.text).toMatch(/((text|data) \/sbin\/init|heap|stack|mmap)$/);
    expect(new Set(rows.map((r) => r.slot)).size).toBe(rows.length);
    expect(rows.length * 4).toBe(swapKiB);
    expect(await p.locator('[data-testid="activity"] [data-counter="swapUsed"]').innerText()).toMatch(/^\d+(\.\d)? (KiB|MiB) of 16\.0 MiB$/);
    await screenshot(p, 'kernel-swap');
    expect(small.errors).toEqual([]);
    await small.context.close();
  });
});
