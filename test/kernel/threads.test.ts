// Threads (issue 11): clone, thread groups, futexes and TLS on the real OS —
// the usertests cases of t_thread.c, run in one boot: a counter under a
// futex lock from 4 threads, thread exit codes, CLONE_CHILD_CLEARTID waking
// a joiner, exec from a thread, a fatal signal in one thread killing the
// group, 200 threads alive at once, getpid/gettid, wait seeing the group,
// tgkill to a thread, futex errors, a futex shared between processes
// through MAP_SHARED, requeue, clone's flag rules, affinity.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

const PROMPT = ':/# ';

describe('threads: clone, thread groups, futex, TLS', () => {
  it('usertests: every thread case passes', async () => {
    const cases = [
      'thread_ids', 'futex_counter', 'thread_exit_codes', 'cleartid_wakes_joiner', 'exec_from_thread',
      'fatal_signal_kills_group', 'many_threads', 'wait_sees_group', 'tgkill_to_thread', 'futex_errors',
      'futex_shared_mapping', 'futex_requeue_moves', 'clone_flag_rules', 'affinity', 'tls_per_thread', 'proc_task_dir', 'ps_shows_threads', 'yield_alternates', 'clone_shares_tables', 'stop_stops_group',
    ];
    const script = [{ after: PROMPT, send: `usertests ${cases.join(' ')}; poweroff $?\r` }];
    const store = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 800_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    for (const c of cases) expect(out, out.slice(-3000)).toContain(`test ${c}: OK\n`);
    expect(out).toContain(`ALL TESTS PASSED (${cases.length})`);
    expect(r.state, out.slice(-2000)).toBe('off');
    expect(r.exitCode).toBe(0);
    // exec from a thread, the killed groups and the scratch directories left ext2 consistent
    const dir = mkdtempSync(join(tmpdir(), 'hako-threads-'));
    try {
      const img = join(dir, 'disk.img');
      writeFileSync(img, store.image);
      const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
      expect(fsck.stdout + fsck.stderr).toMatch(/Pass 5/);
      expect(fsck.status, fsck.stdout).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
