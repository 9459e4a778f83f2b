// The debug pane on the firmware demo: pause freezes the registers, step
// executes exactly one instruction, breakpoints by symbol stop the guest,
// the disassembly names symbols, the page-table tree shows the demo's user
// mapping at 0x08048000 (US set) and its not-present entry, the frame map
// counts the demo's page tables and user frames and says who maps a frame,
// and the activity counters move.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, typeInTerminal, until, waitForTerminal, type OpenPage } from './browser.ts';

let browser: Browser;
let open: OpenPage;
let page: Page;

interface Snap {
  serial: number;
  runner: string;
  registers: { eip: number; cr3: number };
  counters: { instructions: number };
  disassembly: { address: number; text: string; symbol?: string }[];
}

/** A snapshot straight from the worker (exact numbers; the pane shows rounded ones). */
function snapshot(): Promise<Snap> {
  return page.evaluate(async () => {
    const h = (window as unknown as { hako: { api: { snapshot(r: { disassembly: number }): Promise<unknown> } } }).hako;
    return (await h.api.snapshot({ disassembly: 12 })) as Snap;
  });
}

const eipCell = () => page.locator('[data-testid="registers"] [data-reg="eip"]').innerText();
const hex = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');
const isBranch = (text: string) => /^(j|call|ret|iret|int|hlt)/.test(text);

beforeAll(async () => {
  browser = await launchBrowser();
  open = await openPage(browser, `${inject('baseUrl')}?image=demo`);
  page = open.page;
  await waitForTerminal(page, 'demo> ');
});
afterAll(async () => { await browser?.close(); });

describe('the CPU pane', () => {
  it('shows disassembly with symbol names from the image', async () => {
    await until('disassembly lines', async () => (await page.getByTestId('disassembly').locator('li').count()) > 4);
    const text = await page.getByTestId('disassembly').innerText();
    // The demo waits for a key in get() → port_inb (a libc function): both are symbols of the ELF.
    expect(text).toMatch(/<(port_inb|get)(\+0x[0-9a-f]+)?>/);
    expect(await page.getByTestId('disassembly').locator('li.current').count()).toBe(1);
  });

  it('freezes the registers when paused and steps exactly one instruction', async () => {
    await page.getByTestId('pause').click();
    await until('the runner to pause', async () => (await snapshot()).runner === 'paused');
    const frozen = await snapshot();
    const shown = await eipCell();
    await page.waitForTimeout(700); // several polls of the pane
    const later = await snapshot();
    expect(later.serial).toBeGreaterThan(frozen.serial);
    expect(later.counters.instructions).toBe(frozen.counters.instructions);
    expect(later.registers.eip).toBe(frozen.registers.eip);
    expect(await eipCell()).toBe(shown);
    expect(shown).toBe(hex(frozen.registers.eip));

    // Step past branches until the next instruction is a straight-line one, then check that step lands on the next line.
    let before = await snapshot();
    for (let i = 0; i < 20 && isBranch(before.disassembly.find((l) => l.address === before.registers.eip)!.text); i++) {
      await page.getByTestId('step').click();
      await until('a step', async () => (await snapshot()).counters.instructions === before.counters.instructions + 1);
      before = await snapshot();
    }
    const at = before.disassembly.findIndex((l) => l.address === before.registers.eip);
    const next = before.disassembly[at + 1].address;
    await page.getByTestId('step').click();
    await until('the step', async () => (await snapshot()).counters.instructions !== before.counters.instructions);
    const after = await snapshot();
    expect(after.counters.instructions).toBe(before.counters.instructions + 1);
    expect(after.registers.eip).toBe(next);
    await until('the pane to show the new eip', async () => (await eipCell()) === hex(next));

    await page.getByTestId('continue').click();
    await until('the guest to run again', async () => (await snapshot()).counters.instructions > after.counters.instructions + 1000);
  });

  it('stops at a breakpoint set by symbol name and steps over a call', async () => {
    await page.getByTestId('breakpoint-input').fill('loop6');
    await page.getByTestId('breakpoint-add').click();
    await until('the breakpoint in the list', async () => (await page.getByTestId('breakpoints').locator('li').count()) === 1);
    await typeInTerminal(page, 'loop6 1\r');
    await until('the breakpoint to be hit', async () => (await snapshot()).runner === 'paused');
    const hit = await snapshot();
    await until('the pane to say where', async () => (await page.getByTestId('eip-symbol').innerText()) === 'at loop6');
    expect(await eipCell()).toBe(hex(hit.registers.eip));
    await page.getByTestId('breakpoints').locator('li button').click();
    await until('the breakpoint to go', async () => (await page.getByTestId('breakpoints').locator('li').count()) === 0);
    await page.getByTestId('continue').click();
    await waitForTerminal(page, 'loop6 done: 1 million iterations');

    // Step over: pause inside the prompt loop and step until a call comes up; step over it lands after it.
    await page.getByTestId('pause').click();
    await until('paused', async () => (await snapshot()).runner === 'paused');
    let s = await snapshot();
    for (let i = 0; i < 200 && !s.disassembly.find((l) => l.address === s.registers.eip)!.text.startsWith('call '); i++) {
      await page.evaluate(async () => { await (window as unknown as { hako: { api: { step(): Promise<unknown> } } }).hako.api.step(); });
      s = await snapshot();
    }
    const callAt = s.disassembly.findIndex((l) => l.address === s.registers.eip);
    expect(s.disassembly[callAt].text).toMatch(/^call /);
    const returnTo = s.disassembly[callAt + 1].address;
    await page.getByTestId('step-over').click();
    await until('step over to finish', async () => { const t = await snapshot(); return t.runner === 'paused' && t.registers.eip === returnTo; });
    expect((await snapshot()).counters.instructions).toBeGreaterThan(s.counters.instructions + 1);
    await page.getByTestId('continue').click();
  });
});

describe('the page-table pane', () => {
  it('lists the user mapping at 0x08048000 with US set and the not-present entry', async () => {
    const row = page.locator('[data-testid="page-tables"] tr[data-virt="0x08048000"]');
    await until('the user mapping row', async () => (await row.count()) === 1);
    expect(await row.getAttribute('data-us')).toBe('1');
    expect(await row.innerText()).toContain('0x00030000');
    const missing = page.locator('[data-testid="page-tables"] tr[data-virt="0x08050000"]');
    expect(await missing.getAttribute('data-present')).toBe('0');
    expect(await missing.innerText()).toContain('raw 0x00005000');
    expect(await page.getByTestId('page-tables').innerText()).toMatch(/PDE 1: 0x00400000–0x007fffff 4 MiB page/);
  });
});

describe('the frame map', () => {
  it('counts the page tables and user frames and says who maps a frame', async () => {
    const count = async (owner: number) => Number(await page.locator(`[data-testid="frame-legend"] li[data-owner="${owner}"]`).getAttribute('data-count'));
    await until('the legend', async () => (await page.getByTestId('frame-legend').locator('li').count()) === 7); // every owner kind, page cache and kernel allocations (0 on the demo) included
    expect(await count(1)).toBeGreaterThan(0); // the loaded image
    expect(await count(3)).toBe(3); // page directory + two page tables
    expect(await count(4)).toBe(4); // four user frames
    // Hover the first user frame (0x30000 → frame 48): one canvas pixel per frame, scaled to the box
    // (in view first: beside the lessons pane the debug pane is narrower and the map may sit lower).
    await page.getByTestId('frame-map-canvas').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('frame-map-canvas').boundingBox())!;
    const grid = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="frame-map-canvas"]') as HTMLCanvasElement;
      return { columns: c.width, rows: c.height };
    });
    const frame = 48;
    await page.mouse.move(box.x + ((frame % grid.columns) + 0.5) * (box.width / grid.columns),
      box.y + (Math.floor(frame / grid.columns) + 0.5) * (box.height / grid.rows));
    await until('the tooltip', async () => (await page.getByTestId('frame-tip').innerText()).includes('maps it at 0x08048000'));
    expect(await page.getByTestId('frame-tip').innerText()).toContain('user pages');
  });
});

describe('the activity pane', () => {
  it('shows instructions and MIPS moving while the guest runs', async () => {
    const mips = page.locator('[data-testid="activity"] [data-counter="mips"]');
    await until('a nonzero MIPS figure', async () => Number(await mips.innerText()) > 0);
    const tlb = Number((await page.evaluate(async () => {
      const h = (window as unknown as { hako: { api: { snapshot(r: { disassembly: number }): Promise<{ counters: { tlbHits: number } }> } } }).hako;
      return (await h.api.snapshot({ disassembly: 0 })).counters.tlbHits;
    })));
    expect(tlb).toBeGreaterThan(0); // paging is on: every fetch goes through the TLB
    await screenshot(page, 'debug-pane');
    expect(open.errors).toEqual([]);
  });
});
