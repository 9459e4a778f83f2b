// Issue 5's observability on the real kernel: the root disk with the whole
// userland, booted headless with the shell as in userland.test.ts, then
// memhog, /proc/self/maps, pmap and /proc/vmstat checked from the console.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';

function rootDisk(): Uint8Array {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  return buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 });
}

const PROMPT = '# ';

async function shell(commands: string[]): Promise<string> {
  const script = [...commands, 'poweroff'].map((c) => ({ after: PROMPT, send: `${c}\r` }));
  const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(rootDisk())], script, budget: 600_000_000 });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-2000)}`).toBe('off');
  return out;
}

/** The console text between the echo of `command` and the next prompt. */
function outputOf(out: string, command: string): string {
  const typed = `${PROMPT}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(PROMPT);
  return end < 0 ? rest : rest.slice(0, rest.lastIndexOf('\n', end) + 1);
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
    const line = /^([0-9a-f]{8})-([0-9a-f]{8}) ([r-][w-][x-][ps]) ([0-9a-f]{8}) 00:00 0( +\[(heap|stack)\])?$/;
    for (const l of maps.filter((m) => m.includes('['))) expect(l.indexOf('[')).toBe(49);
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
    expect(vmstat[0]).toMatch(/swpd +free +buff +cache +si +so +flt/);
    expect(vmstat[1]).toMatch(/^ +0 +\d+ +\d+ +\d+ +0 +0 +\d+$/);
    expect(vmstat.length).toBe(2);
    // with DELAY and COUNT: the header, then COUNT lines
    const repeated = outputOf(out, 'vmstat 1 3').trimEnd().split('\n');
    expect(repeated.length).toBe(4);
    for (const l of repeated.slice(1)) expect(l).toMatch(/^ +0 +\d+ +\d+ +\d+ +0 +0 +\d+$/);
  }, 300_000);
});
