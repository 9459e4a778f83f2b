// The kernel's table of non-leader threads (kdebug_threads, issue 11) on
// the real OS: while pcount runs 4 threads besides its main one, the
// processes the debugger reads show pcount's group with 4 thread rows of
// its tgid, each its own tid, under the one process row. Read at the entry
// of kdebug_refresh, so each read is the whole table of the refresh before.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import type { ProcessInfo } from '../../web/protocol.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';
import { expectFsckClean } from './usertests-run.ts';

describe('kdebug_threads', () => {
  it('lists a running multi-threaded process\'s other threads under its row', async () => {
    const root = new MemoryBlockStore(userlandDisk());
    let tables: KernelTables | null = null;
    let seen: ProcessInfo | null = null;
    let refreshes = 0;
    const script = ['pcount -u 4 200000 &', 'sleep 0.3', 'wait', 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    const r = await boot({
      ramMiB: 32, disks: [root], script, budget: 600_000_000,
      breakAt: {
        kdebug_refresh: (m) => {
          refreshes++;
          tables ??= new KernelTables(m, false);
          const group = tables.processes()?.find((p) => p.command === 'pcount' && p.threads === 5);
          if (group && !seen) seen = group;
        },
      },
    });
    expect(r.state, r.output.slice(-2000)).toBe('off');
    expect(refreshes).toBeGreaterThan(0);
    expect(seen, 'pcount was seen with its 5 threads').not.toBeNull();
    const group = seen! as ProcessInfo;
    expect(group.threadRows).toHaveLength(4);
    for (const t of group.threadRows) {
      expect(t.tgid).toBe(group.pid);
      expect(t.command).toBe('pcount');
      expect(['running', 'runnable', 'sleeping']).toContain(t.state);
    }
    const tids = group.threadRows.map((t) => t.tid);
    expect(new Set(tids).size).toBe(4);
    expect(tids).not.toContain(group.pid);
    // no other process is given pcount's threads
    const after = tables!.processes()!;
    expect(after.flatMap((p) => p.threadRows).filter((t) => t.tgid === group.pid)).toEqual([]);
    expectFsckClean(root.image);
  }, 600_000);
});
