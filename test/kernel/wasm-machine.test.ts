// The whole OS with the wasm tier on (MachineOptions.wasm: RAM, TLB and CPU
// state in one WebAssembly.Memory, hot loops compiled to wasm). The tiers
// must agree exactly: a deterministic session (boot, a few shell commands,
// poweroff) retires the same number of instructions and prints the same
// text with the tier on and off, and the tier must have run some of it
// (otherwise the comparison says nothing). A usertests subset passes with it
// on and leaves a disk e2fsck finds clean.
import { describe, expect, it } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { wasmStats } from '../../emulator/cpu/wasm-tier.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

// A loop in the shell and a few programs: enough hot kernel and user loops for the tier to compile.
const COMMANDS = 'i=0; while [ $i -lt 40 ]; do i=$((i+1)); done; echo loop $i; ls /bin | wc -l; cat /etc/passwd | wc -c; poweroff 7\r';

async function session(wasm: boolean) {
  const store = new MemoryBlockStore(userlandDisk());
  const before = { ...wasmStats };
  const r = await boot({ wasm, disks: [store], script: [{ after: SHELL_PROMPT, send: COMMANDS }], budget: 400_000_000 });
  return { ...r, compiled: wasmStats.compiled - before.compiled, inWasm: wasmStats.retired - before.retired };
}

describe('a Machine with the wasm tier on', () => {
  it('creates its RAM in a WebAssembly.Memory and turns the tier on only when asked', async () => {
    const on = (await boot({ wasm: true, budget: 1 })).machine;
    const off = (await boot({ wasm: false, budget: 1 })).machine;
    expect(on.cpu.wasmTier).toBe(true);
    expect((on.memory.backing as { memory?: unknown } | null)?.memory).toBeInstanceOf(WebAssembly.Memory);
    expect(off.cpu.wasmTier).toBe(false);
    expect(off.memory.backing).toBeNull();
  });

  it('runs a shell session retiring exactly the instructions it retires with the tier off', async () => {
    const off = await session(false);
    const on = await session(true);
    expect(off.state, off.output.slice(-2000)).toBe('off');
    expect(off.exitCode).toBe(7);
    expect(off.output).toContain('loop 40');
    expect(off.compiled).toBe(0);
    expect(on.state, `${on.deadReason}\n${on.output.slice(-2000)}`).toBe('off');
    expect(on.exitCode).toBe(7);
    expect(on.output).toBe(off.output);
    expect(on.instructions).toBe(off.instructions);
    if (process.env.DEBUG_OUT) console.log(`wasm session: ${on.instructions} instructions, ${on.inWasm} in wasm, ${on.compiled} modules`);
    expect(on.compiled).toBeGreaterThan(0);
    expect(on.inWasm).toBeGreaterThan(0);
  }, 300_000);

  it('passes a usertests subset and leaves a clean disk', async () => {
    const cases = ['fork_exit_wait', 'many_children', 'create_exclusive', 'pipe_basic', 'pipeline_many', 'mmap_shared_file', 'mmap_shared_anon_fork'];
    const { store } = await runUsertests(cases, { budget: 1_500_000_000, wasm: true });
    expectFsckClean(store.image);
  }, 300_000);
});
