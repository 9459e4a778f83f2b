// The lessons pane (web/lessons/) against the kernel the global setup built:
// where to start is visible at first load beside the terminal; a lesson
// opens by its link form (#lesson=kernel) on its own machine (16 MiB); the
// language switch; a run block typed into the terminal (the command and its
// output appear, its check passes by itself); a predict card whose shown
// answer is the machine's (it equals MemTotal in the kernel's own
// /proc/meminfo printed afterwards); a choice card; a check passed with its
// button; a link opening the shell's page tables at an address; progress
// and language kept across a reload; `#lesson=05-page-tables` and a frame
// link agreeing with the page-table walk; a process link reopening the
// hidden debug pane on the shell's row; and lessons 1 and 6 (swap) taken
// whole in the page, every card answered by the machine and every check
// passing, as they do headless.
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, screenshot, terminalText, until, waitForTerminal, type OpenPage } from './browser.ts';
import { atPrompt } from './shell.ts';
import { REPO_ROOT } from './paths.ts';

let browser: Browser;
let open: OpenPage;
let page: Page;

const title = (lang: 'en' | 'ja') => /^# (.+)$/m.exec(readFileSync(join(REPO_ROOT, 'lessons/01-kernel', `${lang}.md`), 'utf8'))![1].trim();
const run = (text: string) => page.locator('[data-testid="lesson-run"]', { has: page.locator('pre', { hasText: text }) }).first();
const check = (text: string) => page.locator('[data-testid="lesson-check"]', { hasText: text }).first();
const status = (box: ReturnType<typeof run>) => box.getAttribute('data-status');
/** On a timeout, the element's HTML says what the page was showing. */
const showing = (box: ReturnType<typeof run>) => async (e: Error) => { throw new Error(`${e.message}; it shows: ${await box.evaluate((x) => x.outerHTML).catch(() => '(gone)')}`); };

beforeAll(async () => {
  browser = await launchBrowser();
  open = await openPage(browser, inject('baseUrl'));
  page = open.page;
});
afterAll(async () => { await browser?.close(); });

describe('the lessons pane', () => {
  it('shows where to start at first load, beside the terminal and not over it', async () => {
    const started = Date.now();
    await page.getByTestId('lesson-start').or(page.getByTestId('lesson-start-here')).first().waitFor({ state: 'visible', timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    await until('the lesson list', async () => (await page.getByTestId('lesson-item').count()) >= 10);
    expect(await page.getByTestId('lesson-start-here').count()).toBe(1);
    expect(await page.getByTestId('lesson-item').first().innerText()).toContain(title('en'));
    const lessons = (await page.getByTestId('lessons').boundingBox())!;
    const terminal = (await page.getByTestId('terminal').boundingBox())!;
    expect(lessons.width).toBeGreaterThan(200);
    expect(terminal.width).toBeGreaterThan(400);
    expect(lessons.x + lessons.width).toBeLessThanOrEqual(terminal.x); // side by side, no overlap
    await screenshot(page, 'lessons-first-load');
  });

  it('opens a lesson by its link form on the lesson\'s machine', async () => {
    await page.goto(`${inject('baseUrl')}#lesson=kernel`);
    await until('the lesson', async () => (await page.getByTestId('lesson-title').count()) === 1);
    expect(await page.getByTestId('lesson-title').innerText()).toBe(title('en'));
    await until('the lesson\'s 16 MiB machine', async () => /running kernel\.elf \(16 MiB RAM\)/.test(await page.getByTestId('boot-progress').innerText()), 60_000);
    await atPrompt(page);
    await until('the machine bar to agree', async () => (await page.getByTestId('lesson-machine').getAttribute('data-fits')) === 'true');
  });

  it('switches language', async () => {
    await page.getByTestId('lesson-lang-ja').click();
    expect(await page.getByTestId('lesson-title').innerText()).toBe(title('ja'));
    expect(await page.getByTestId('lessons-heading').innerText()).toBe('レッスン');
    await page.getByTestId('lesson-lang-en').click();
    expect(await page.getByTestId('lesson-title').innerText()).toBe(title('en'));
  });

  it('types a run block into the terminal and checks it', async () => {
    const block = run('uname -a');
    await block.getByTestId('lesson-run-button').click();
    const text = await waitForTerminal(page, /hako:[^\n]*# uname -a\n[^\n]*Hako hako 0\.1\.0/);
    expect(text).toMatch(/Hako hako 0\.1\.0/);
    await until('the block done', async () => (await status(block)) === 'done');
    const after = check('its name, Hako');
    await until('its check to pass by itself', async () => (await status(after)) === 'pass');
  });

  it('answers a choice card and passes a check with its button', async () => {
    const card = page.locator('[data-testid="lesson-predict"]', { hasText: '0xc0100000' }).first();
    await card.getByTestId('lesson-choice').first().check(); // "yes, the write goes through"
    await card.getByTestId('lesson-predict-answer').click();
    const result = card.getByTestId('lesson-predict-result');
    await until('the machine\'s answer', async () => (await result.getAttribute('data-answer')) !== null).catch(showing(card));
    expect(await result.getAttribute('data-answer')).toBe('true'); // faults(shell, 0xc0100000, "write")
    expect(await result.getAttribute('data-correct')).toBe('false');
    expect(await card.locator('.machine-choice').innerText()).toMatch(/page fault/);
    const box = check('may read its code');
    expect(await status(box)).toBe('pending');
    await box.getByTestId('lesson-check-button').click();
    await until('the check to pass', async () => (await status(box)) === 'pass');
    // one that does not hold yet (its block has not run: output is uname's) says what fails
    const proc = check('has size 0');
    await proc.getByTestId('lesson-check-button').click();
    await until('the check to fail', async () => (await status(proc)) === 'fail');
    expect(await proc.locator('.check-detail').innerText()).toContain('output ~');
  });

  it('answers a predict card from the live machine', async () => {
    const card = page.locator('[data-testid="lesson-predict"]', { hasText: 'MemTotal' }).first();
    await card.getByTestId('lesson-predict-input').fill('1');
    await card.getByTestId('lesson-predict-answer').click();
    const result = card.getByTestId('lesson-predict-result');
    await until('the machine\'s answer', async () => (await result.getAttribute('data-answer')) !== null);
    const shown = Number(await result.getAttribute('data-answer'));
    expect(await result.getAttribute('data-correct')).toBe('false');
    expect(await result.innerText()).toContain(String(shown));
    // the kernel's own text says the same
    await run('cat /proc/meminfo').getByTestId('lesson-run-button').click();
    const text = await waitForTerminal(page, /MemTotal:\s+\d+ kB[\s\S]*hako:[^\n]*# $/);
    expect(Number(/MemTotal:\s+(\d+) kB/.exec(text)![1])).toBe(shown);
    expect(shown).toBeGreaterThan(12_000);
    await until('the meminfo check', async () => (await status(check('agree on the size of RAM'))) === 'pass');
  });

  it('opens the shell\'s page tables at an address from a link', async () => {
    await page.locator('[data-testid="lesson-link"][data-view="pagetables"]').first().click();
    const note = page.getByTestId('page-table-focus');
    // the pane walks the tables once the guest settles (every 3 s before): on a loaded machine that can take a while
    await until('the entry found', async () => /0xc0100000/.test(await note.innerText()) && !/looking/.test(await note.innerText()), 60_000).catch(showing(note));
    expect(await note.innerText()).toMatch(/supervisor only/);
    expect(await page.locator('[data-testid="page-tables"] .focused').count()).toBe(1);
    const shell = page.locator('[data-testid="processes"] tr[data-pid]', { has: page.locator('td', { hasText: /^sh$/ }) }).last();
    const cr3 = Number(/page directory (0x[0-9a-f]+)/.exec((await shell.getAttribute('title'))!)![1]);
    expect(Number(await page.getByTestId('cr3-select').inputValue())).toBe(cr3);
    await screenshot(page, 'lessons-kernel');
  });

  it('keeps progress and the language across a reload', async () => {
    const passed = Number(await page.getByTestId('lesson-progress').getAttribute('data-passed'));
    expect(passed).toBeGreaterThanOrEqual(3);
    await page.getByTestId('lesson-lang-ja').click();
    await page.reload();
    await until('the lesson again', async () => (await page.getByTestId('lesson-title').count()) === 1);
    expect(await page.getByTestId('lesson-title').innerText()).toBe(title('ja'));
    expect(Number(await page.getByTestId('lesson-progress').getAttribute('data-passed'))).toBe(passed);
    expect(await page.locator('[data-testid="lesson-check-label"][data-before="true"]').count()).toBe(passed);
    await page.getByTestId('lesson-lang-en').click();
    await page.getByTestId('lesson-back').click();
    const item = page.locator('[data-testid="lesson-item"][data-lesson="01-kernel"]');
    await until('the list', async () => (await item.count()) === 1);
    const count = page.locator('li', { has: item }).getByTestId('lesson-count');
    expect(Number(await count.getAttribute('data-passed'))).toBe(passed);
    expect(open.errors).toEqual([]);
  });

  it('opens a lesson by its numbered name and a frame from a link', async () => {
    await page.goto(`${inject('baseUrl')}#lesson=05-page-tables`);
    await until('lesson 5', async () => (await page.getByTestId('lesson').getAttribute('data-lesson').catch(() => null)) === '05-page-tables');
    await atPrompt(page);
    // the page-tables link shows the frame behind the shell's code page (the Inspector's walk) …
    await page.locator('[data-testid="lesson-link"][data-view="pagetables"]').first().click();
    const note = page.getByTestId('page-table-focus');
    await until('the entry', async () => /0x08048000 → frame/.test(await note.innerText())).catch(showing(page.getByTestId('page-tables')));
    const walked = Number(/frame (0x[0-9a-f]+)/.exec(await note.innerText())![1]) / 4096;
    // … and the frame link (the lesson engine's probe frame(shell, 0x08048000)) outlines that frame
    await page.locator('[data-testid="lesson-link"][data-view="frame"]').first().click();
    const marker = page.getByTestId('frame-focus');
    await until('the frame outlined', async () => (await marker.isVisible()) && (await marker.getAttribute('data-frame')) !== null);
    expect(Number(await marker.getAttribute('data-frame'))).toBe(walked);
    await until('who maps it', async () => /\(sh\) maps it at 0x08048000/.test(await page.getByTestId('frame-tip').innerText()));
    expect(open.errors).toEqual([]);
  });

  it('opens the debug pane, if hidden, on the process a link names', async () => {
    await page.goto(`${inject('baseUrl')}#lesson=processes`);
    await until('lesson 2', async () => (await page.getByTestId('lesson').getAttribute('data-lesson').catch(() => null)) === '02-processes');
    await atPrompt(page);
    await page.getByTestId('toggle-pane').click();
    expect(await page.getByTestId('processes').isVisible()).toBe(false);
    await page.locator('[data-testid="lesson-link"][data-view="process"]').first().click(); // the shell
    await until('the shell\'s row marked', async () => (await page.locator('[data-testid="processes"] tr.focused').count()) === 1);
    expect(await page.getByTestId('processes').isVisible()).toBe(true);
    const row = page.locator('[data-testid="processes"] tr.focused');
    expect(await row.locator('td').nth(7).innerText()).toBe('sh');
    expect(open.errors).toEqual([]);
  });

  /** Takes every step of a lesson in order, as a student would (any answer to the cards), and expects every check to pass. */
  async function walk(hash: string): Promise<void> {
    const fresh = await openPage(browser, `${inject('baseUrl')}#lesson=${hash}`);
    const p = fresh.page;
    await until('the lesson', async () => (await p.getByTestId('lesson-title').count()) === 1);
    await atPrompt(p);
    const steps = p.locator('[data-testid="lesson"] [data-step]');
    const n = await steps.count();
    for (let i = 0; i < n; i++) {
      const step = steps.nth(i);
      const kind = await step.getAttribute('data-testid');
      const state = () => step.getAttribute('data-status');
      if (kind === 'lesson-run') {
        await step.getByTestId('lesson-run-button').click();
        await until(`run block ${i} done`, async () => (await state()) === 'done', 90_000).catch(showing(step));
      } else if (kind === 'lesson-predict') {
        if (await step.getByTestId('lesson-choice').count()) await step.getByTestId('lesson-choice').first().check();
        else await step.getByTestId('lesson-predict-input').fill('0');
        await step.getByTestId('lesson-predict-answer').click();
        await until(`card ${i} answered or waiting`, async () => ['answered', 'waiting'].includes((await state()) ?? '')).catch(showing(step));
      } else if (kind === 'lesson-check') {
        if ((await state()) !== 'pass') await step.getByTestId('lesson-check-button').click();
        await until(`check ${i}`, async () => (await state()) === 'pass', 30_000).catch(showing(step));
      }
    }
    // every card got the machine's answer (an `answer after` one once its run block ran)
    expect(await p.locator('[data-testid="lesson-predict"][data-status="answered"]').count()).toBe(await p.getByTestId('lesson-predict').count());
    const progress = p.getByTestId('lesson-progress');
    expect(await progress.getAttribute('data-passed')).toBe(await progress.getAttribute('data-total'));
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
  }

  it('passes every check of lesson 1 when its steps are taken in order, as the headless runner does', async () => {
    await walk('kernel');
  });

  it('passes every check of the swap lesson (8 MiB with 16 MiB of swap; a card answered after its run block)', async () => {
    await walk('swap');
  }, 300_000);
});
