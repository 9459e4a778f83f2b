// The network pane in the page: two tabs of one origin open with
// ?net=NAME each boot a machine whose card joins the same BroadcastChannel
// network. The first tab's pane shows its card (MAC, link up) and lists the
// loopback test frame its kernel sent at link-up; when the second tab's
// machine comes up, the first tab's pane lists the frame the second one sent
// (received, from the second's MAC), and clicking it shows the frame decoded
// with its bytes. A tab without ?net has no card, and its pane says so;
// its Connections table still lists the kernel's TCP sockets (a listener
// started in the shell appears in LISTEN at 0.0.0.0:7000).
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, until } from './browser.ts';
import { atPrompt, run, openShellPage, type ShellPage } from './shell.ts';

let first: ShellPage;

const rows = (page: Page) => page.locator('[data-testid="network-frames"] tr[data-seq]');
const rowTexts = async (page: Page) => (await rows(page).allInnerTexts()).map((t) => t.split('\t'));
const cardLine = (page: Page) => page.locator('[data-testid="network-card"]').innerText();
const MAC = /02:48:4b:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}/;

beforeAll(async () => { first = await openShellPage(`${inject('baseUrl')}?image=kernel&net=e2e-lan`); });
afterAll(async () => { await first?.browser.close(); });

describe('the network pane', () => {
  it('shows the card and the frames it moves; a second tab on the same network is heard', async () => {
    const page = first.page;
    await until('the card to show link up', async () => /link up/.test(await cardLine(page)));
    const mine = MAC.exec(await cardLine(page))![0];
    expect(await cardLine(page)).toContain('on network “e2e-lan”');
    await until('the link test frame in the list', async () => (await rowTexts(page)).some((r) => r[4] === 'Loopback'));
    const sent = (await rowTexts(page)).find((r) => r[4] === 'Loopback')!;
    expect(sent[2]).toBe(mine);
    expect(sent[3]).toBe('cf:00:00:00:00:00');
    expect(sent[5]).toMatch(/^→ loopback test \(reply\)$/);
    expect(sent[6]).toBe('60');

    const second = await openPage(first.browser, `${inject('baseUrl')}?image=kernel&net=e2e-lan&pane=closed`, first.context);
    await second.page.bringToFront();   // a background tab's timers are throttled: its boot would crawl
    await atPrompt(second.page);
    await page.bringToFront();
    const theirs = MAC.exec(await second.page.locator('[data-testid="network-card"]').evaluate((e) => e.textContent ?? ''))?.[0];
    await until('the other tab’s frame in the first tab’s list', async () => (await rowTexts(page)).some((r) => r[5]?.startsWith('←')), 60_000);
    const heard = (await rowTexts(page)).find((r) => r[5].startsWith('←'))!;
    expect(heard[2]).not.toBe(mine);
    if (theirs) expect(heard[2]).toBe(theirs);
    expect(heard[4]).toBe('Loopback');

    await rows(page).filter({ hasText: '←' }).first().click();
    const detail = await page.locator('[data-testid="network-detail"]').innerText();
    expect(detail).toMatch(/^Frame \d+: 60 bytes\nEthernet II: 02:48:4b:[0-9a-f:]+ → cf:00:00:00:00:00, type 0x9000 \(Loopback\), 60 bytes\n  Loopback \(ECTP\): skip count 0, function 1/);
    expect(detail).toContain('Hako eth0 link test'.slice(0, 12));
    expect(detail).toMatch(/\n0000  cf 00 00 00 00 00 02 48 4b/);
    await screenshot(page, 'network-pane');
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await second.page.close();
  });

  it('says there is no card without ?net, and lists the kernel\'s TCP connections all the same', async () => {
    const plain = await openPage(first.browser, `${inject('baseUrl')}?image=kernel`);
    await atPrompt(plain.page);
    expect(await cardLine(plain.page)).toMatch(/^No network card/);
    expect(await rows(plain.page).count()).toBe(0);
    const connections = async () => (await plain.page.locator('[data-testid="network-connections"] tbody tr').allInnerTexts()).map((t) => t.split('\t'));
    expect((await connections()).some((r) => r[0] === '0.0.0.0:7000')).toBe(false);
    await run(plain.page, 'nc -l -p 7000 < /dev/null &');
    await until('the listener in the Connections table', async () => (await connections()).some((r) => r[0] === '0.0.0.0:7000'));
    expect((await connections()).find((r) => r[0] === '0.0.0.0:7000')!.slice(0, 3)).toEqual(['0.0.0.0:7000', '0.0.0.0:0', 'LISTEN']);
    await plain.page.locator('[data-testid="network-connections"]').scrollIntoViewIfNeeded();
    await screenshot(plain.page, 'network-connections');
    expect(plain.errors).toEqual([]);
    await plain.context.close();
  });
});
