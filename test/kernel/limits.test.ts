// Resource limits (issue 13): the usertests cases of t_rlimit.c in one boot
// (getrlimit/setrlimit/prlimit64 and each limit the kernel enforces), then
// the shell's view of them and a process table with no fixed size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

const PROMPT = ':/# ';

function fsckClean(image: Uint8Array): void {
  const dir = mkdtempSync(join(tmpdir(), 'hako-limits-'));
  try {
    const img = join(dir, 'disk.img');
    writeFileSync(img, image);
    const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    expect(fsck.stdout + fsck.stderr).toMatch(/Pass 5/);
    expect(fsck.status, fsck.stdout).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('resource limits', () => {
  it('usertests: every rlimit case passes', async () => {
    const cases = [
      'rlimit_defaults', 'rlimit_nofile', 'rlimit_hard_eperm', 'rlimit_nproc', 'rlimit_nproc_root', 'rlimit_as',
      'rlimit_data', 'rlimit_stack', 'rlimit_cpu', 'rlimit_fsize', 'rlimit_inherit', 'rlimit_prlimit',
    ];
    const script = [{ after: PROMPT, send: `usertests ${cases.join(' ')}; poweroff $?\r` }];
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 1_500_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    for (const c of cases) expect(out, out.slice(-3000)).toContain(`test ${c}: OK\n`);
    expect(out).toContain(`ALL TESTS PASSED (${cases.length})`);
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(0);
    fsckClean(store.image);
  }, 600_000);
});
