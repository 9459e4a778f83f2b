// The whole chain on the machine: two assembled objects linked for the bare
// machine (0x00100000) run on the emulator, call across objects, walk data
// reached through relocations and power off with the computed exit code.

import { describe, it, expect } from 'vitest';
import { assemble, formatDiagnostic } from '../../toolchain/as/assemble.ts';
import { link } from '../../toolchain/ld/link.ts';
import { Machine } from '../../emulator/machine.ts';

function asm(source: string, name: string): Uint8Array {
  const r = assemble(source, name);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.object;
}

const MAIN = `
global _start
extern sum, values, count
_start:
    mov esi, values
    mov ecx, [count]
    call sum                  ; eax = 10 + 20 + 30 + 40 + 7
    add eax, [bonus]
    mov dword [result], eax
    mov edx, 0x501
    outb edx, eax             ; power off with the low byte as exit code
.hang:
    jmp .hang
section .data
result: dd 0
bonus: dd 7
`;

const LIB = `
global sum, values, count
sum:
    xor eax, eax
.loop:
    add eax, dword [esi]
    add esi, 4
    dec ecx
    jnz .loop
    ret
section .rodata
values: dd 10, 20, 30, 40
count: dd (count - values) / 4
`;

describe('linked program on the machine', () => {
  it('runs and exits with the value computed across both objects', () => {
    const r = link([{ name: 'main.o', data: asm(MAIN, 'main.s') }, { name: 'lib.o', data: asm(LIB, 'lib.s') }], { base: 0x00100000 });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const m = new Machine({ ramBytes: 4 << 20, bootTime: 0 });
    m.load(r.elf);
    const state = m.run(100000);
    expect(state).toBe('off');
    expect(m.exitCode).toBe(107);
  });
});
