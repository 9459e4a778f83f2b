// The G/M/P demos on the real OS (issue 11): gopingpong's round trips,
// goblock's reader blocked in read() while the printers go on with one P
// once sysmon has retaken it (and how long that took: under 1 ms, where
// the 10 ms tick made it 10-40 ms before sysmon slept on µs timers),
// and goroutines 10000 against threads 100 in resident memory per unit.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

const PROMPT = ':/# ';

describe('G/M/P demos', () => {
  it('gopingpong, goblock, goroutines vs threads', async () => {
    const script = [
      { after: PROMPT, send: 'gopingpong 200\r' },
      { after: PROMPT, send: 'goblock\r' },
      { after: PROMPT, send: 'goroutines 10000; threads 100; poweroff\r' },
    ];
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 128, disks: [store], script, budget: 1_500_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(out).toContain('gopingpong: 200 round trips, ball at 400\n');
    expect(out).toMatch(/gomaxprocs=2 threads=\d+ goroutines=2 switches=\d+ steals=\d+\n/);
    // goblock: the printers' six lines come while the reader is blocked
    expect(out).toMatch(/reader: read\(\) on M tid \d+ blocks\.\.\.\n/);
    // sysmon took the P from the blocked M on its second look, 20 µs or
    // more after its first, and soon (it looks every 20 µs while busy)
    const retook = /printer \d: sysmon retook the P (\d+) us after read\(\) began\n/.exec(out);
    expect(retook, out.slice(-2000)).not.toBeNull();
    expect(Number(retook![1]), retook![0]).toBeGreaterThanOrEqual(20);
    expect(Number(retook![1]), retook![0]).toBeLessThan(1000);
    expect(out).toContain("reader: read() returned 1 ('x') after 6 lines from the others\n");
    const gb = /gomaxprocs=1 threads=(\d+) handoffs=(\d+)/.exec(out);
    expect(gb).not.toBeNull();
    expect(Number(gb![1])).toBeGreaterThanOrEqual(2);
    expect(Number(gb![2])).toBeGreaterThanOrEqual(1);
    const g = /goroutines: 10000 alive at once, VmRSS (\d+) kB -> (\d+) kB: (\d+) bytes each; MemFree -(\d+) kB: (\d+) bytes each/.exec(out);
    const t = /threads: 100 alive at once, VmRSS (\d+) kB -> (\d+) kB: (\d+) bytes each; MemFree -(\d+) kB: (\d+) bytes each/.exec(out);
    expect(g, out.slice(-2000)).not.toBeNull();
    expect(t, out.slice(-2000)).not.toBeNull();
    // resident: about one page of stack each, for a goroutine and a thread alike
    const rssG = Number(g![3]);
    expect(rssG).toBeGreaterThan(0);
    expect(rssG).toBeLessThanOrEqual(6 * 1024);
    // the whole machine's memory (MemFree): a thread also costs the kernel
    // its task and kernel stack, so it costs more than a goroutine
    const freeG = Number(g![5]);
    const freeT = Number(t![5]);
    expect(freeG).toBeGreaterThan(0);
    expect(freeT).toBeGreaterThan(freeG);
    expect(r.state).toBe('off');
  }, 600_000);
});
