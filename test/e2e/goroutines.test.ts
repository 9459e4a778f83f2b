// The G/M/P pane in the page (the global setup builds the OS images from
// the current sources): `goroutines 2000 25` keeps 2000 goroutines waiting
// while its main goroutine sleeps in a system call; choosing that process
// in the pane fills it from the runtime's table, read through the
// process's page tables — two Ps, Ms (one in the system call), 2000 Gs
// waiting with their resident stacks, the counters — and the shell, which
// has no runtime, says so.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, typeInTerminal, until, waitForTerminal } from './browser.ts';
import { atPrompt, openShellPage, type ShellPage } from './shell.ts';

let open: ShellPage;
let page: Page;

beforeAll(async () => { open = await openShellPage(`${inject('baseUrl')}?image=kernel`); page = open.page; });
afterAll(async () => { await open?.browser.close(); });

async function choose(command: string): Promise<void> {
  const select = page.getByTestId('goro-process');
  await until(`${command} among the pane's processes`, async () => (await select.innerText()).includes(` ${command}`), 30_000);
  const value = await select.locator('option', { hasText: ` ${command}` }).last().getAttribute('value');
  await select.selectOption(value!);
}

describe('the G/M/P pane', () => {
  it('shows the Ps, Ms, Gs and counters of a process running goroutines', async () => {
    await typeInTerminal(page, 'goroutines 2000 25\r');
    await waitForTerminal(page, /goroutines: 2000 waiting; holding them 25 s/, 60_000);
    await choose('goroutines');
    const count = (state: string) => page.locator(`[data-testid="goro-gcount"][data-state="${state}"]`).first().getAttribute('data-count');
    await until('2000 goroutines waiting in the pane', async () => (await count('waiting')) === '2000', 30_000);
    expect(await page.locator('[data-testid="goro-p"]').count()).toBe(2);
    expect(await count('syscall')).toBe('1'); // the main goroutine, asleep
    await until('an M in the system call', async () => (await page.locator('[data-testid="goro-m"][data-state="syscall"]').count()) === 1);
    const made = await page.locator('[data-testid="goro-counter"][data-counter="goroutinesMade"]').getAttribute('data-value');
    expect(Number(made)).toBe(2001);
    // sysmon retook the sleeping M's P (after 10 ms: another P was idle and nothing was queued)
    await until('a handoff counted', async () =>
      Number(await page.locator('[data-testid="goro-counter"][data-counter="handoffs"]').getAttribute('data-value')) >= 1);
    const rows = page.locator('[data-testid="goro-g"]');
    expect(await rows.count()).toBe(64);
    expect(await page.getByTestId('goroutines').innerText()).toMatch(/G\d+\twaiting\t[48] KiB/);
    await screenshot(page, 'goroutines-pane');
    await waitForTerminal(page, /goroutines: 2000 alive at once/, 60_000);
    expect(open.errors).toEqual([]);
  });

  it('says so for a process without the runtime', async () => {
    await atPrompt(page);
    await choose('sh');
    await until('the no-runtime line', async () => (await page.getByTestId('goro-status').innerText()).includes('no Go-style runtime in this process'));
    expect(await page.locator('[data-testid="goro-p"]').count()).toBe(0);
  });
});
