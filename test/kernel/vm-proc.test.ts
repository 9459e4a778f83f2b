// Issue 5's observability on the real kernel: the root disk with the whole
// userland, booted headless with the shell as in userland.test.ts, then
// memhog, /proc/self/maps, pmap and /proc/vmstat checked from the console;
// then the memory views of /proc (meminfo, buddyinfo, slabinfo, swaps,
// PID/status Vm lines, oom_score and the writable oom_score_adj) and free;
// and, with a swap disk and 8 MiB of RAM, that swaps, meminfo, VmSwap, free
// and vmstat agree about what went to swap.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { outputOf, runShell } from './shell-session.ts';

async function shell(commands: string[]): Promise<string> {
  return runShell(commands, { ramMiB: 32, budget: 600_000_000 });
}

describe('issue 5 observability: memhog, /proc/PID/maps, pmap, /proc/vmstat', () => {
  it('runs in one boot and each tool shows what the kernel knows', async () => {
    const out = await shell([
      'memhog 4m; echo memhog-status $?',
      'memhog 12x; echo bad-size-status $?',
      'memhog 3g; echo too-big-status $?',
      'pmap 999; echo no-pid-status $?',
      'cat /proc/self/maps',
      'pmap $$',
      'cat /proc/vmstat',
      'vmstat',
      'vmstat 1 3',
      'cat /proc/meminfo',
      'cat /proc/buddyinfo /proc/vmstat',
      'cat /proc/slabinfo',
      'cat /proc/swaps',
      'ps',
      'cat /proc/$$/oom_score_adj',
      'echo 300 > /proc/$$/oom_score_adj',
      'cat /proc/self/oom_score_adj /proc/self/oom_score',
      'echo 0 > /proc/$$/oom_score_adj',
      'cat /proc/self/oom_score /proc/self/oom_score_adj',
      'echo 1 > /proc/meminfo',
      'grep Vm /proc/self/status',
      'free -m',
      'free -h',
      'swapon -s',
      'swapon /dev/hdb; echo swapon-status $?',
      'swapoff /dev/hdb; echo swapoff-status $?',
    ]);

    // memhog: 4 MiB is 1024 pages, every word written and read back
    expect(outputOf(out, 'memhog 4m; echo memhog-status $?')).toBe(
      'memhog: 4194304 bytes, 1024 pages, pattern verified\nmemhog-status 0\n',
    );
    expect(outputOf(out, 'memhog 12x; echo bad-size-status $?')).toContain('bad-size-status 1');
    // 3 GiB cannot fit below the kernel's half: a message, not a crash
    expect(outputOf(out, 'memhog 3g; echo too-big-status $?')).toBe(
      'memhog: cannot allocate 3221225472 bytes\ntoo-big-status 1\n',
    );
    expect(outputOf(out, 'pmap 999; echo no-pid-status $?')).toBe(
      'pmap: cannot read /proc/999/maps\nno-pid-status 1\n',
    );

    // maps: Linux's line format; cat's text starts at 08048000; a stack
    const maps = outputOf(out, 'cat /proc/self/maps').trimEnd().split('\n');
    // a name starts at column 49, as Linux pads on 32-bit machines
    // (file mappings, once exec maps files, show their path there instead)
    const line = /^([0-9a-f]{8})-([0-9a-f]{8}) ([r-][w-][x-][ps]) ([0-9a-f]{8}) 00:00 0( +(\[(heap|stack)\]|\/\S+))?$/;
    for (const l of maps.filter((m) => m.includes('['))) expect(l.indexOf('[')).toBe(49);
    for (const l of maps.filter((m) => / \//.test(m))) expect(l.indexOf(' /')).toBe(48);
    for (const l of maps) expect(l).toMatch(line);
    expect(maps[0]).toMatch(/^08048000-[0-9a-f]{8} r.xp /);
    expect(maps.some((l) => / +\[stack\]$/.test(l))).toBe(true);
    for (const l of maps) {
      const m = line.exec(l)!;
      expect(parseInt(m[2], 16)).toBeGreaterThan(parseInt(m[1], 16));
    }

    // pmap of the shell: one row per VMA whose sizes add up to the total
    const pmap = outputOf(out, 'pmap $$').trimEnd().split('\n');
    expect(pmap[0]).toMatch(/^\d+: +sh$/);
    const rows = pmap.filter((l) => /^[0-9a-f]{8} +\d+K /.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const total = /^ total +(\d+)K$/.exec(pmap[pmap.length - 1]);
    expect(total, pmap.join('\n')).not.toBeNull();
    const sum = rows.reduce((s, l) => s + Number(/ +(\d+)K /.exec(l)![1]), 0);
    expect(Number(total![1])).toBe(sum);
    expect(rows.some((l) => l.endsWith('[stack]'))).toBe(true);

    // vmstat: faults were counted (memhog alone took >= 1024); no swap or OOM yet
    const vm = outputOf(out, 'cat /proc/vmstat');
    const pgfault = /^pgfault (\d+)$/m.exec(vm);
    expect(pgfault, vm).not.toBeNull();
    expect(Number(pgfault![1])).toBeGreaterThanOrEqual(1024);
    for (const zero of ['pgmajfault', 'pswpin', 'pswpout', 'oom_kill']) expect(vm).toMatch(new RegExp(`^${zero} 0$`, 'm'));

    const vmstat = outputOf(out, 'vmstat').trimEnd().split('\n');
    expect(vmstat[0]).toMatch(/swpd +free +buff +cache +si +so +flt +majflt$/);
    expect(vmstat[1]).toMatch(/^ +0 +\d+ +\d+ +\d+ +0 +0 +\d+ +0$/);
    expect(vmstat.length).toBe(2);
    // with DELAY and COUNT: the header, then COUNT lines
    const repeated = outputOf(out, 'vmstat 1 3').trimEnd().split('\n');
    expect(repeated.length).toBe(4);
    for (const l of repeated.slice(1)) expect(l).toMatch(/^ +0 +\d+ +\d+ +\d+ +0 +0 +\d+ +0$/);

    // meminfo: Linux's names, "Name:" padded to 16 columns, then 8 digits and kB
    const meminfo = outputOf(out, 'cat /proc/meminfo').trimEnd().split('\n');
    const mem = new Map<string, number>();
    for (const l of meminfo) {
      const m = /^(\w+):( +)(\d+) kB$/.exec(l);
      expect(m, l).not.toBeNull();
      expect(l.length).toBe(16 + 8 + 3);
      mem.set(m![1], Number(m![3]));
    }
    for (const k of ['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapCached', 'SwapTotal', 'SwapFree',
      'AnonPages', 'PageTables', 'Slab']) expect(mem.has(k), k).toBe(true);
    expect(mem.get('MemTotal')).toBe(32 * 1024);
    expect(mem.get('MemFree')!).toBeGreaterThan(0);
    expect(mem.get('MemFree')!).toBeLessThan(32 * 1024);
    expect(mem.get('MemAvailable')!).toBeGreaterThanOrEqual(mem.get('MemFree')!);
    expect(mem.get('SwapTotal')).toBe(0);   // this boot has no swap disk
    expect(mem.get('AnonPages')!).toBeGreaterThan(0);   // init, sh and cat have pages
    expect(mem.get('PageTables')!).toBeGreaterThan(0);
    expect(mem.get('Slab')!).toBeGreaterThan(0);

    // buddyinfo: one zone line, 11 orders; the blocks add up to the free pages
    // vmstat reports in the same cat (both generated while cat holds the same memory)
    const buddyVm = outputOf(out, 'cat /proc/buddyinfo /proc/vmstat');
    const zone = /^Node 0, zone   Normal((?: +\d+){11}) $/m.exec(buddyVm);
    expect(zone, buddyVm).not.toBeNull();
    const blocks = zone![1].trim().split(/ +/).map(Number);
    const freeByBuddy = blocks.reduce((s, n, order) => s + n * 2 ** order, 0);
    const nrFree = Number(/^nr_free_pages (\d+)$/m.exec(buddyVm)![1]);
    expect(freeByBuddy).toBe(nrFree);
    for (const k of ['nr_anon_pages', 'nr_file_pages', 'nr_page_table_pages', 'nr_slab']) {
      expect(buddyVm).toMatch(new RegExp(`^${k} \\d+$`, 'm'));
    }

    // slabinfo 2.1: a header, then one line per cache whose figures agree
    const slab = outputOf(out, 'cat /proc/slabinfo').trimEnd().split('\n');
    expect(slab[0]).toBe('slabinfo - version: 2.1');
    expect(slab[1]).toMatch(/^# name +<active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables /);
    const caches = new Map<string, number[]>();
    for (const l of slab.slice(2)) {
      const m = /^(\S+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) : tunables +0 +0 +0 : slabdata +(\d+) +(\d+) +0$/.exec(l);
      expect(m, l).not.toBeNull();
      const [active, num, size, perSlab, pages, , slabs] = m!.slice(2).map(Number);
      expect(active).toBeLessThanOrEqual(num);
      expect(num).toBe(slabs * perSlab);
      expect(size * perSlab).toBeLessThanOrEqual(pages * 4096);
      caches.set(m![1], [active, num]);
    }
    for (const name of ['task_struct', 'mm_struct', 'vm_area_struct', 'filp', 'kmalloc-64']) {
      expect(caches.has(name), name).toBe(true);
    }
    // every process (idle, init, kdebugd, sh, cat, ...) has a task_struct
    const psRows = outputOf(out, 'ps').trimEnd().split('\n').length - 1;
    expect(caches.get('task_struct')![0]).toBeGreaterThanOrEqual(psRows);

    // swaps: Linux's header and no device
    expect(outputOf(out, 'cat /proc/swaps')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');

    // oom_score_adj: 0 by default, written through /proc/$$ for the shell,
    // inherited by cat (fork); oom_score gains 300/1000 of all memory
    expect(outputOf(out, 'cat /proc/$$/oom_score_adj')).toBe('0\n');
    const high = outputOf(out, 'cat /proc/self/oom_score_adj /proc/self/oom_score').trimEnd().split('\n');
    expect(high[0]).toBe('300');
    expect(Number(high[1])).toBeGreaterThanOrEqual(300);
    expect(Number(high[1])).toBeLessThan(320);
    const normal = outputOf(out, 'cat /proc/self/oom_score /proc/self/oom_score_adj').trimEnd().split('\n');
    expect(normal[1]).toBe('0');
    expect(Number(normal[0])).toBeLessThan(20);   // cat: a few dozen pages of 8192
    expect(outputOf(out, 'echo 1 > /proc/meminfo')).toMatch(/\/proc\/meminfo: Permission denied/);

    // status: the Vm lines in kB, the resident part within the mapped size
    const vmLines = outputOf(out, 'grep Vm /proc/self/status').trimEnd().split('\n');
    const vmk = new Map(vmLines.map((l) => {
      const m = /^(Vm\w+):\t +(\d+) kB$/.exec(l);
      expect(m, l).not.toBeNull();
      return [m![1], Number(m![2])] as [string, number];
    }));
    for (const k of ['VmSize', 'VmRSS', 'VmData', 'VmStk', 'VmExe', 'VmPTE', 'VmSwap']) expect(vmk.has(k), k).toBe(true);
    expect(vmk.get('VmRSS')!).toBeGreaterThan(0);
    expect(vmk.get('VmRSS')!).toBeLessThanOrEqual(vmk.get('VmSize')!);
    expect(vmk.get('VmSwap')).toBe(0);

    // free -m: procps's columns; 32 MiB of RAM, no swap
    const freeM = outputOf(out, 'free -m').split('\n');
    expect(freeM[0]).toBe('               total        used        free      shared  buff/cache   available');
    const memRow = /^Mem: +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$/.exec(freeM[1]);
    expect(memRow, freeM[1]).not.toBeNull();
    const [memTotal, used, free, shared, cache] = memRow!.slice(1).map(Number);
    expect(memTotal).toBe(32);
    expect(shared).toBe(0);
    // MiB are rounded down column by column, so the parts may miss the total by 2
    expect(memTotal - (used + free + cache)).toBeGreaterThanOrEqual(0);
    expect(memTotal - (used + free + cache)).toBeLessThanOrEqual(2);
    expect(freeM[2]).toMatch(/^Swap: +0 +0 +0$/);
    expect(outputOf(out, 'free -h').split('\n')[1]).toMatch(/^Mem: +32Mi +\d+(\.\d)?Mi +\d+(\.\d)?Mi +0B /);

    // swapon -s is /proc/swaps; with no swap disk, swapon and swapoff say why
    expect(outputOf(out, 'swapon -s')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
    expect(outputOf(out, 'swapon /dev/hdb; echo swapon-status $?')).toMatch(/^swapon: \/dev\/hdb: [A-Z][^\n]+\nswapon-status 1\n$/);
    expect(outputOf(out, 'swapoff /dev/hdb; echo swapoff-status $?')).toMatch(/^swapoff: \/dev\/hdb: [A-Z][^\n]+\nswapoff-status 1\n$/);
  }, 300_000);

  it('with a swap disk, swaps, meminfo, VmSwap, free and vmstat agree', async () => {
    const out = await runShell([
      'cat /proc/swaps',
      'memhog 16m; echo hog $?',
      'cat /proc/swaps /proc/meminfo /proc/1/status',
      'free',
      'vmstat',
    ], { ramMiB: 8, budget: 3_000_000_000, extraDisks: [new MemoryBlockStore(4096)] });   // 16 MiB of swap

    // the device line: name padded to 40 columns, sizes in kB (slot 0 is the header)
    const device = /^\/dev\/hdb {32}partition\t(\d+)\t\t(\d+)\t\t-2$/m;
    const before = device.exec(outputOf(out, 'cat /proc/swaps'));
    expect(before).not.toBeNull();
    expect(Number(before![1])).toBe(4095 * 4);
    expect(Number(before![2])).toBe(0);
    // twice the RAM: it went through swap and came back whole
    expect(outputOf(out, 'memhog 16m; echo hog $?')).toContain('pattern verified\nhog 0\n');

    // one cat, one snapshot: idle init was pushed to swap, and the totals agree
    const snap = outputOf(out, 'cat /proc/swaps /proc/meminfo /proc/1/status');
    const after = device.exec(snap)!;
    const used = Number(after[2]);
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(snap)![1]);
    expect(kb('SwapTotal')).toBe(Number(after[1]));
    expect(kb('SwapTotal') - kb('SwapFree')).toBe(used);
    expect(kb('VmSwap')).toBeGreaterThan(0);
    expect(kb('VmSwap')).toBeLessThanOrEqual(used);
    expect(kb('VmRSS') + kb('VmSwap')).toBeLessThanOrEqual(kb('VmSize'));

    // free's Swap row: what is left in swap now (the shell may have read some back)
    const swapRow = /^Swap: +(\d+) +(\d+) +(\d+)$/m.exec(outputOf(out, 'free'));
    expect(swapRow).not.toBeNull();
    const [total, swapUsed, swapFree] = swapRow!.slice(1).map(Number);
    expect(total).toBe(4095 * 4);
    expect(swapUsed + swapFree).toBe(total);
    expect(swapUsed).toBeLessThanOrEqual(used);
    // vmstat: swpd is that figure; pages went out and came back in, through
    // major faults
    const row = /^ +(\d+) +\d+ +\d+ +\d+ +(\d+) +(\d+) +\d+ +(\d+)$/m.exec(outputOf(out, 'vmstat'));
    expect(row).not.toBeNull();
    const [swpd, si, so, majflt] = row!.slice(1).map(Number);
    expect(swpd).toBe(swapUsed);
    expect(so).toBeGreaterThan(4096 - 8 * 256);   // more pages than RAM holds went out
    expect(si).toBeGreaterThan(0);
    expect(majflt).toBeGreaterThan(0);
  }, 600_000);
});
