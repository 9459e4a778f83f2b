// Threads (issue 11): clone, thread groups, futexes and TLS on the real OS —
// the usertests cases of t_thread.c, run in one boot: a counter under a
// futex lock from 4 threads, thread exit codes, CLONE_CHILD_CLEARTID waking
// a joiner, exec from a thread, a fatal signal in one thread killing the
// group, 200 threads alive at once, getpid/gettid, wait seeing the group,
// tgkill to a thread, futex errors, a futex shared between processes
// through MAP_SHARED, requeue, clone's flag rules, affinity.
import { describe, it } from 'vitest';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('threads: clone, thread groups, futex, TLS', () => {
  it('usertests: every thread case passes', async () => {
    const cases = [
      'thread_ids', 'futex_counter', 'thread_exit_codes', 'cleartid_wakes_joiner', 'exec_from_thread',
      'fatal_signal_kills_group', 'many_threads', 'wait_sees_group', 'tgkill_to_thread', 'futex_errors',
      'futex_shared_mapping', 'futex_requeue_moves', 'clone_flag_rules', 'affinity', 'tls_per_thread', 'proc_task_dir', 'ps_shows_threads', 'yield_alternates', 'clone_shares_tables', 'stop_stops_group',
    ];
    const { store } = await runUsertests(cases, { budget: 800_000_000 });
    // exec from a thread, the killed groups and the scratch directories left ext2 consistent
    expectFsckClean(store.image);
  }, 600_000);
});
