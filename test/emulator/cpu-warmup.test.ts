// The interpreter's warm-up (emulator/cpu/warmup.ts): its program reaches
// every instruction of the ISA table (but ud2) on a scratch CPU, including a
// fault and software interrupts through its vector table, runs its opening
// loops as compiled blocks, and ends alive at its final hlt. (It shares
// nothing with any guest but V8's feedback; every machine test in a process
// runs after it.)
import { describe, it, expect } from 'vitest';
import { runWarmUp, WARM_UP_SKIPS } from '../../emulator/cpu/warmup.ts';
import { BY_OPCODE } from '../../isa/table.ts';
import { VEC_BP, VEC_DE } from '../../emulator/cpu.ts';

describe('interpreter warm-up', () => {
  it('executes every opcode but ud2, traps included, and ends alive at its hlt', () => {
    const cpu = runWarmUp();
    expect(cpu.dead).toBe(false);
    expect(cpu.halted).toBe(true); // it ran to its final hlt
    expect(cpu.deadReason).toBe('');
    const seen = new Set<number>();
    const word = cpu.code.word;
    for (let i = 0; i < word.length; i++) if (word[i] !== 0) seen.add(word[i] & 0xff);
    const missing: string[] = [];
    BY_OPCODE.forEach((row, op) => {
      if (row && !WARM_UP_SKIPS.includes(op) && !seen.has(op)) missing.push(`0x${op.toString(16)} ${row.mnemonic}`);
    });
    expect(missing).toEqual([]);
    expect(cpu.counters.exceptions[VEC_DE]).toBeGreaterThan(0);
    expect(cpu.counters.exceptions[VEC_BP]).toBeGreaterThan(0);
    expect(cpu.counters.exceptions[0x30]).toBeGreaterThan(0);
    // Its opening loops ran as compiled blocks, two different functions at least (the interpreter's
    // call of a block sees more than one target, as in a real boot).
    expect(new Set(cpu.code.blocks.filter((b) => typeof b === 'function')).size).toBeGreaterThanOrEqual(2);
  });
});
