// select, poll and epoll (issue 12, item 1) on the real userland: the
// in-guest usertests cases of userland/usertests/t_poll.c (readiness of
// pipes, FIFOs, regular files and /dev/null; timeouts; EINTR; errors;
// epoll's level-triggered, edge-triggered and one-shot reporting; a closed
// fd leaving the interest set).
import { describe, it, expect } from 'vitest';
import { outputOf, runShell } from './shell-session.ts';

const CASES = [
  'poll_pipe_states', 'poll_full_pipe', 'poll_errors_and_timeout', 'poll_wakes_on_write', 'poll_eintr',
  'poll_select_sets', 'poll_select_fifo_dev', 'poll_epoll_basics', 'poll_epoll_lt_et_oneshot',
  'poll_epoll_close_removes', 'poll_epoll_eintr',
];

describe('select, poll and epoll (issue 12)', () => {
  it('the usertests readiness cases pass', async () => {
    const commands = ['usertests poll_; echo ut=$?'];
    const out = await runShell(commands, { ramMiB: 32, budget: 3_000_000_000 });
    const results = out.split('\n').filter((l) => /^test \S+: /.test(l));
    expect(results, out).toEqual(CASES.map((n) => `test ${n}: OK`));
    expect(outputOf(out, commands[0])).toMatch(new RegExp(`ALL TESTS PASSED \\(${CASES.length}\\)\\nut=0\\n$`));
  });
});
