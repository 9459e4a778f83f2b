// The debugger's event breakpoints and scheduler timeline in the page (the
// global setup builds the OS images; if they do not build these fail, never
// skip): a breakpoint on the shell's next page fault, hit when it forks a
// program (copy-on-write), pauses the machine and shows the fault decoded
// with its PTE, and opens the page tables there; two `yes` at different
// nice values with tracing on give the timeline a lane with runs for each.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { typeInTerminal, until } from './browser.ts';
import { run, openShellPage, type ShellPage } from './shell.ts';

let open: ShellPage;
let page: Page;

beforeAll(async () => { open = await openShellPage(`${inject('baseUrl')}?image=kernel`); page = open.page; });
afterAll(async () => { await open?.browser.close(); });

describe('event breakpoints', () => {
  it('pause at the shell\'s next page fault when it runs a program: the fault decoded, its PTE, the page tables', async () => {
    const shellPid = (await run(page, 'echo $$')).trim();
    expect(Number(shellPid)).toBeGreaterThan(1);
    await page.getByTestId('event-kind').selectOption('fault');
    await page.getByTestId('event-pid').fill(shellPid);
    await page.getByTestId('event-arm').click();
    await until('armed', async () => /armed: next fault of pid/.test(await page.getByTestId('event-status').innerText()));
    await typeInTerminal(page, 'cat /etc/motd > /dev/null\r'); // the shell forks: its next write breaks copy-on-write
    await until('the fault to stop the machine', async () => /stopped at fault/.test(await page.getByTestId('event-status').innerText()), 30_000);
    expect(await page.getByTestId('run-status').innerText()).toMatch(/paused at/);
    expect(await page.getByTestId('event-what').innerText()).toMatch(new RegExp(`^pid ${shellPid}: fault `));
    expect(await page.getByTestId('fault-address').innerText()).toMatch(/^0x[0-9a-f]{8}$/);
    expect(await page.getByTestId('fault-error').innerText()).toMatch(/user \(U=1\)/);
    expect(await page.getByTestId('fault-pte').innerText()).toMatch(/^0x[0-9a-f]{8}|^none/);
    expect(await page.getByTestId('fault-pte-after').innerText()).toMatch(/frame 0x[0-9a-f]{8}/);
    await page.getByTestId('event-show-pte').click();
    await page.getByTestId('continue').click();
    await until('the shell to go on', async () => (await page.getByTestId('run-status').innerText()) === 'running');
    expect(await run(page, 'echo after')).toBe('after');
    expect(open.errors).toEqual([]);
  });
});

describe('the scheduler timeline', () => {
  it('shows a lane with runs for each of two yes at different nice values', async () => {
    await page.getByTestId('continue').click(); // should an earlier test have left the machine paused
    const pids = (await run(page, 'echo 1 > /dev/trace; yes > /dev/null & A=$!; nice -n 10 yes > /dev/null & B=$!; sleep 1; kill $A $B; wait; echo 0 > /dev/trace; echo $A $B')).trim().split('\n').pop()!.trim().split(/\s+/);
    expect(pids.length).toBe(2);
    for (const pid of pids) {
      const lane = page.locator(`[data-testid="timeline-lanes"] li[data-pid="${pid}"]`);
      await until(`a lane for yes ${pid}`, async () => (await lane.count()) === 1 && Number(await lane.getAttribute('data-runs')) > 0);
    }
    expect(await page.getByTestId('timeline-status').innerText()).toMatch(/context switches/);
    expect(open.errors).toEqual([]);
  });
});

describe('debugger ergonomics', () => {
  const reg = (name: string) => page.locator(`[data-testid="registers"] [data-reg="${name}"]`);
  const status = () => page.getByTestId('run-status').innerText();

  it('paused: the state cell says so, a step outlines what changed, a clicked line is run to, F5 continues', async () => {
    await page.getByTestId('pause').click();
    await until('paused', async () => /paused at/.test(await status()));
    expect(await reg('state').innerText()).toBe('paused');
    const eip = await reg('eip').innerText();
    await page.getByTestId('step').click();
    await until('a step', async () => (await reg('eip').innerText()) !== eip);
    expect(await reg('eip').getAttribute('class')).toMatch(/\bchanged\b/);
    // A breakpoint named by symbol is listed with it, and stops the machine there: at
    // sched_tick, which every timer tick calls (a pause may land anywhere, e.g. in
    // the idle loop, where the fourth line below eip is past a jump back).
    await page.getByTestId('breakpoint-input').fill('sched_tick');
    await page.getByTestId('breakpoint-add').click();
    await until('the named breakpoint', async () => /<sched_tick>/.test(await page.getByTestId('breakpoints').innerText()));
    const entry = /^0x[0-9a-f]{8}/.exec(await page.getByTestId('breakpoints').innerText())![0];
    await page.getByTestId('continue').click();
    await until('the breakpoint to stop the machine', async () => (await status()) === `paused at ${entry}`, 30_000);
    await until('the disassembly at the breakpoint', async () => (await page.locator('[data-testid="disassembly"] li.current').getAttribute('data-address')) === entry);
    await page.locator('[data-testid="breakpoints"] li button').first().click();
    await until('the breakpoint removed', async () => (await page.getByTestId('breakpoints').innerText()).trim() === '');
    // Run to the fourth line below it (sched_tick's prologue runs straight through).
    const lines = page.locator('[data-testid="disassembly"] li[data-address]');
    const addresses = await lines.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-address')!));
    const target = addresses[addresses.indexOf(entry) + 4];
    await lines.nth(addresses.indexOf(target)).click();
    await until('run to the clicked line', async () => (await status()) === `paused at ${target}`);
    // While paused: a backtrace, and the memory view at esp (hex and ASCII rows from esp on).
    expect(await page.locator('[data-testid="backtrace"] li').count()).toBeGreaterThan(0);
    const esp = await reg('esp').innerText();
    await until('the memory view at esp', async () => (await page.getByTestId('memory-view').innerText()).startsWith(`${esp}  `));
    await page.locator('body').press('F5');
    await until('running again', async () => (await status()) === 'running');
    expect(await run(page, 'echo still here')).toMatch(/^still here$/m);
    expect(open.errors).toEqual([]);
  });
});
