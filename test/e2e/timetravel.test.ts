// Time travel in the page (the global setup builds the OS images; if they do
// not build these fail, never skip): paused after a few steps, "◀ Step back"
// and Ctrl+F11 go back one instruction each (the instruction count and eip
// are those of the step before), "◀ Previous event" goes back to before the
// newest trace event, a click on the scheduler timeline rewinds to that
// point, and the machine runs on afterwards (the shell answers).
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, until, type OpenPage } from './browser.ts';
import { atPrompt, run } from './shell.ts';

let browser: Browser;
let open: OpenPage;
let page: Page;

interface Snap { runner: string; registers: { eip: number }; counters: { instructions: number } }
type Hako = { hako: { api: { snapshot(r: { disassembly: number }): Promise<Snap | null>; timeTravel(): Promise<{ available: boolean; oldestInstret: number; instret: number }> } } };

const snapshot = () => page.evaluate(async () => (await (window as unknown as Hako).hako.api.snapshot({ disassembly: 0 }))!);
const travel = () => page.evaluate(() => (window as unknown as Hako).hako.api.timeTravel());
const instret = async () => (await snapshot()).counters.instructions;
const status = () => page.getByTestId('run-status').innerText();
const travelError = () => page.getByTestId('time-travel-error').innerText();

beforeAll(async () => {
  browser = await launchBrowser();
  open = await openPage(browser, `${inject('baseUrl')}?image=kernel`);
  page = open.page;
  await atPrompt(page);
});
afterAll(async () => { await browser?.close(); });

describe('time travel', () => {
  it('steps back one instruction with the button and Ctrl+F11: the count and eip of the step before', async () => {
    expect((await travel()).available).toBe(true);
    await page.getByTestId('pause').click();
    await until('paused', async () => /paused at/.test(await status()));
    const seen: { n: number; eip: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await snapshot();
      seen.push({ n: s.counters.instructions, eip: s.registers.eip });
      await page.getByTestId('step').click();
      await until('a step', async () => (await instret()) > s.counters.instructions);
    }
    const top = await instret();
    await page.getByTestId('step-back').click();
    await until('a step back', async () => (await instret()) < top, 30_000);
    let s = await snapshot();
    expect(s.counters.instructions).toBe(top - 1);
    expect(s.registers.eip).toBe(seen[2].eip);
    expect(s.runner).toBe('paused');
    await page.locator('body').press('Control+F11');
    await until('a second step back', async () => (await instret()) < top - 1, 30_000);
    s = await snapshot();
    expect(s.counters.instructions).toBe(top - 2);
    expect(s.registers.eip).toBe(seen[1].eip);
    expect(await travelError()).toBe('');
    // The status line says where the machine is and how far back it can go.
    const line = await page.getByTestId('time-travel-status').innerText();
    expect(line).toMatch(new RegExp(`^instruction ${top - 2} .*back to \\d+`));
    expect(open.errors).toEqual([]);
  });

  it('goes back to the previous trace event, and rewinds to a point clicked on the timeline', async () => {
    await page.getByTestId('continue').click();
    await until('running', async () => (await status()) === 'running');
    await run(page, 'echo 1 > /dev/trace; ls / > /dev/null; sleep 1');
    await until('switches on the timeline', async () => /context switches/.test(await page.getByTestId('timeline-status').innerText()), 30_000);
    await page.getByTestId('pause').click();
    await until('paused', async () => /paused at/.test(await status()));
    const before = await instret();
    await page.getByTestId('previous-event').click();
    await until('the previous event', async () => (await instret()) < before || (await travelError()) !== '', 30_000);
    expect(await travelError()).toBe('');
    const atEvent = await instret();
    expect(atEvent).toBeLessThan(before);
    expect((await travel()).oldestInstret).toBeLessThanOrEqual(atEvent);

    // The timeline: a click in its middle (after tracing began, within the snapshots' reach) rewinds there.
    await page.evaluate(() => { const d = document.getElementById('activity')?.closest('details'); if (d) d.open = true; });
    const canvas = page.getByTestId('timeline');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width * 0.5, y: 5 } });
    await until('the rewind', async () => (await instret()) < atEvent || (await travelError()) !== '', 30_000);
    expect(await travelError()).toBe('');
    expect(await instret()).toBeLessThan(atEvent);

    // Running on from there: live, and the shell answers.
    await page.getByTestId('continue').click();
    await until('running', async () => (await status()) === 'running');
    expect(await run(page, 'echo 0 > /dev/trace; echo after the rewind')).toMatch(/after the rewind/);
    expect(open.errors).toEqual([]);
  });
});
