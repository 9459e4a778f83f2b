// web-swap (npm run bench): a swap-heavy command in the page against the same
// command on a Machine in Node with the memory store. The page boots the
// kernel with 16 MiB of RAM and 16 MiB of swap (the swap disk in IndexedDB
// behind the write-behind cache, emulator/blockstore/write-behind.ts) and
// runs `memhog 24m`; Node does the same on benchDisk() with a MemoryBlockStore
// for swap. Each side reports its wall seconds for the command (typed →
// next prompt), the pages it wrote to swap (pswpout from /proc/vmstat around
// it) and pages/s; `web_vs_node` is the page's wall time over Node's (the
// goal: at most 2).

import { withSite } from './web.ts';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage, terminalText, typeInTerminal, until } from '../e2e/browser.ts';
import { atPrompt, run } from '../e2e/shell.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchStores, OsSession, PROMPT } from './os-harness.ts';

const COMMAND = 'memhog 24m';
const RAM_MIB = 16;
const SWAP_MIB = 16;

function pswpout(vmstat: string): number {
  const m = /pswpout (\d+)/.exec(vmstat);
  if (!m) throw new Error(`no pswpout in /proc/vmstat:\n${vmstat}`);
  return Number(m[1]);
}

async function inNode(): Promise<{ seconds: number; pages: number }> {
  const s = new OsSession(await kernelImage(), benchStores(benchDisk(), SWAP_MIB), { ramMiB: RAM_MIB, maxEmulatedSeconds: 300 });
  await s.runUntil(PROMPT);
  const before = pswpout(await s.command('cat /proc/vmstat'));
  const t0 = performance.now();
  await s.command(COMMAND);
  const seconds = (performance.now() - t0) / 1000;
  const pages = pswpout(await s.command('cat /proc/vmstat')) - before;
  await s.powerOff();
  return { seconds, pages };
}

/** Type a long command and wait (minutes, not the e2e helper's 30 s) for the prompt after it. */
async function runLong(page: Page, command: string): Promise<void> {
  const prompts = async () => (await terminalText(page)).split('hako:/# ').length;
  const before = await prompts();
  await typeInTerminal(page, `${command}\r`);
  await until(`"${command}" to finish`, async () => (await prompts()) > before, 600_000);
}

export const benchmarks = [
  {
    name: 'web-swap',
    run: () => withSite(async (site) => {
      const browser = await launchBrowser();
      try {
        const { page, context } = await openPage(browser, `${site.url}?image=kernel&ram=${RAM_MIB}&swap=${SWAP_MIB}&pane=closed`);
        await atPrompt(page);
        const before = pswpout(await run(page, 'cat /proc/vmstat'));
        const t0 = performance.now();
        await runLong(page, COMMAND);
        const seconds = (performance.now() - t0) / 1000;
        const pages = pswpout(await run(page, 'cat /proc/vmstat')) - before;
        await context.close();
        if (pages === 0) throw new Error(`${COMMAND} wrote nothing to swap`);
        const node = await inNode();
        return {
          command: COMMAND, ram_mib: RAM_MIB, swap_mib: SWAP_MIB, seconds: +seconds.toFixed(2), pages, pages_per_s: Math.round(pages / seconds),
          node_seconds: +node.seconds.toFixed(2), node_pages: node.pages, node_pages_per_s: Math.round(node.pages / node.seconds),
          web_vs_node: +(seconds / node.seconds).toFixed(2),
        };
      } finally { await browser.close(); }
    }),
  },
];
