// The cost of memory-cgroup charging (npm run bench memcg-minor-fault): the
// real kernel and root disk booted headless in deterministic mode (as
// test/bench/vm.ts), /bench/vm's minor-fault loop (1024 first touches of
// fresh anonymous pages, userland/bench/vm.c) run three times by the same
// shell:
//   root      the shell in the root group: no charge is kept (the root has
//             no counters), only the test for it
//   group     the shell moved into a group without limits: each fault
//             charges the group (page->memcg, memory.current, memory.peak)
//             and checks memory.max and memory.high, which are "max"
//   limited   the same group with memory.max 64M and memory.high 32M set
//             (above the machine's RAM, so never reached): the limit tests
//             run on every fault
// `instructions` is the per-fault figure in a group with limits; the other
// two are beside it, with the differences. The uncharge at free is inside
// the freeing loop, not in these figures.
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchStores, OsSession, parseResult, PROMPT } from './os-harness.ts';

async function measure(): Promise<Record<string, number>> {
  const kernel = await kernelImage();
  const s = new OsSession(kernel, benchStores(benchDisk()));
  await s.runUntil(PROMPT);
  const root = parseResult(await s.command('/bench/vm'), 'vm');
  await s.command('mkdir /sys/fs/cgroup/bench; echo $$ > /sys/fs/cgroup/bench/cgroup.procs');
  const group = parseResult(await s.command('/bench/vm'), 'vm');
  await s.command('echo 64M > /sys/fs/cgroup/bench/memory.max; echo 32M > /sys/fs/cgroup/bench/memory.high');
  const limited = parseResult(await s.command('/bench/vm'), 'vm');
  const events = await s.command('cat /sys/fs/cgroup/bench/memory.events');
  const exit = await s.powerOff();
  if (exit !== 0) throw new Error(`poweroff gave exit code ${exit}:\n${s.tail()}`);
  if (!/^max 0$/m.test(events) || !/^high 0$/m.test(events)) throw new Error(`the limits were reached:\n${events}`);
  return {
    instructions: limited.minor_per_fault,
    root_instructions: root.minor_per_fault,
    group_instructions: group.minor_per_fault,
    charge_cost: group.minor_per_fault - root.minor_per_fault,
    limit_cost: limited.minor_per_fault - root.minor_per_fault,
    pages: limited.pages,
  };
}

export const benchmarks: Benchmark[] = [{ name: 'memcg-minor-fault', run: measure }];
