// Test helper (not a test): assemble and link a bare-machine program with
// the project's own assembler and linker (at 0x00100000, paging off) and
// boot it on a Machine. A standard prelude gives every program a vector
// table whose entries all point at `unexpected` (power off with 0xEE), and
// an `irq_return` path; programs patch the vectors they handle.

import { assemble, formatDiagnostic } from '../../toolchain/as/assemble.ts';
import { link } from '../../toolchain/ld/link.ts';
import { Machine, type MachineOptions } from '../../emulator/machine.ts';

export const PRELUDE = `
section .text
global _start
_start:
    mov eax, vectors
    lvt eax
    jmp main
unexpected:               ; any vector nobody expects: power off with 0xEE
    mov edx, 0x501
    mov eax, 0xEE
    outb edx, eax
    hlt
section .data
vectors:
    times 256 dd unexpected
section .text
`;

/** Assemble PRELUDE + `source` and link it for the bare machine. Throws with the diagnostics on error. */
export function buildProgram(source: string): Uint8Array {
  const text = PRELUDE + source;
  const asm = assemble(text, 'test.s');
  if (!asm.ok) throw new Error(asm.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  const linked = link([{ name: 'test.o', data: asm.object }], { base: 0x00100000 });
  if (!linked.ok) throw new Error(linked.errors.join('\n'));
  return linked.elf;
}

export interface Booted { machine: Machine; output: () => string }

export function boot(source: string, options: Partial<MachineOptions> = {}): Booted {
  const machine = new Machine({ ramBytes: 4 << 20, bootTime: 1_700_000_000, ...options });
  machine.load(buildProgram(source));
  const chunks: Uint8Array[] = [];
  machine.on('console', (b) => chunks.push(b));
  return { machine, output: () => chunks.map((c) => String.fromCharCode(...c)).join('') };
}

/** Run to power-off (or another final or waiting state) in one synchronous go. */
export function runToEnd(machine: Machine, maxInstructions = 50_000_000): string {
  return machine.run(maxInstructions);
}

/** Run, awaiting host store answers whenever the machine is in io-wait. */
export async function runWithIo(machine: Machine, maxInstructions = 50_000_000): Promise<string> {
  let state = machine.run(maxInstructions);
  while (state === 'io-wait') {
    await machine.ioSettled();
    state = machine.run(maxInstructions);
  }
  return state;
}
