// The Hako ISA table: the only place an instruction is defined.
//
// Every row is one opcode byte. The interpreter's decoder, the assembler's
// encoder and the disassembler all derive what they know from these rows
// (through ./encoding.ts); docs/isa.md lists the same rows and a test keeps
// the two in agreement.
//
// Operand kinds (Intel order: destination first):
//   r          a 32-bit register (eax ecx edx ebx esp ebp esi edi = 0..7)
//   cr         a control register (cr0, cr2, cr3)
//   i8 i16 i32 an immediate of that width (little-endian in the encoding)
//   m8 m16 m32 a memory operand [base + index*scale + disp] of that size
//   m          a memory address with no access size (lea, invlpg)
//   rel        a branch target, encoded as rel32 from the end of the instruction
//
// `flags` says which arithmetic flags the instruction writes:
//   '-'        none
//   'all'      CF PF ZF SF OF from the result, exactly as x86
//   'logic'    CF=0 OF=0, PF ZF SF from the result
//   'incdec'   PF ZF SF OF from the result; CF unchanged
//   other text is explained in docs/isa.md.

export type OperandKind = 'r' | 'cr' | 'i8' | 'i16' | 'i32' | 'm8' | 'm16' | 'm32' | 'm' | 'rel';

export interface IsaRow {
  /** The opcode byte. */
  readonly op: number;
  /** Assembly mnemonic; string operations carry their `rep` in the name. */
  readonly mnemonic: string;
  readonly operands: readonly OperandKind[];
  /** Flag effects, see the header comment. */
  readonly flags: string;
  /** True when ring 3 may not execute it (#GP). */
  readonly privileged: boolean;
  /** One line saying what it does. */
  readonly text: string;
}

function row(op: number, mnemonic: string, operands: string, flags: string, text: string, privileged = false): IsaRow {
  const ops = operands === '' ? [] : operands.split(',').map((s) => s.trim() as OperandKind);
  return { op, mnemonic, operands: ops, flags, privileged, text };
}

/** x86 condition codes in encoding order (the low nibble of jcc/setcc opcodes). */
export const CONDITIONS = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'] as const;

const CONDITION_TEXT = [
  'overflow (OF=1)', 'not overflow (OF=0)', 'below, unsigned (CF=1)', 'above or equal, unsigned (CF=0)',
  'equal (ZF=1)', 'not equal (ZF=0)', 'below or equal, unsigned (CF=1 or ZF=1)', 'above, unsigned (CF=0 and ZF=0)',
  'sign (SF=1)', 'not sign (SF=0)', 'parity even (PF=1)', 'parity odd (PF=0)',
  'less, signed (SF!=OF)', 'greater or equal, signed (SF=OF)', 'less or equal, signed (ZF=1 or SF!=OF)',
  'greater, signed (ZF=0 and SF=OF)',
];

/** Binary ALU operations in x86 /digit order, then test; each has five forms. */
const ALU = [
  ['add', 'all', 'dst = dst + src'],
  ['or', 'logic', 'dst = dst | src'],
  ['adc', 'all', 'dst = dst + src + CF'],
  ['sbb', 'all', 'dst = dst - src - CF'],
  ['and', 'logic', 'dst = dst & src'],
  ['sub', 'all', 'dst = dst - src'],
  ['xor', 'logic', 'dst = dst ^ src'],
  ['cmp', 'all', 'set flags from dst - src, write nothing'],
  ['test', 'logic', 'set flags from dst & src, write nothing'],
] as const;
const ALU_FORMS = ['r, r', 'r, i32', 'r, m32', 'm32, r', 'm32, i32'];

const SHIFTS = [
  ['shl', 'shift', 'shift left; count masked to 5 bits'],
  ['shr', 'shift', 'logical shift right; count masked to 5 bits'],
  ['sar', 'shift', 'arithmetic shift right; count masked to 5 bits'],
  ['rol', 'rotate', 'rotate left; count masked to 5 bits'],
  ['ror', 'rotate', 'rotate right; count masked to 5 bits'],
] as const;

export const ISA: readonly IsaRow[] = [
  // 0x00 is never an instruction: running into zeroed memory raises #UD.
  row(0x01, 'nop', '', '-', 'do nothing'),
  row(0x02, 'hlt', '', '-', 'halt until the next interrupt', true),
  row(0x03, 'cli', '', '-', 'clear IF: mask interrupts', true),
  row(0x04, 'sti', '', '-', 'set IF: accept interrupts', true),
  row(0x05, 'iret', '', 'popped', 'return from a trap: pop eip, cpl, eflags, esp', true),
  row(0x06, 'pushf', '', '-', 'push eflags'),
  row(0x07, 'popf', '', 'popped', 'pop eflags (IF unchanged in ring 3)'),
  row(0x08, 'ret', '', '-', 'pop eip'),
  row(0x09, 'leave', '', '-', 'esp = ebp; pop ebp'),
  row(0x0a, 'cdq', '', '-', 'edx = sign of eax (sign-extend eax into edx:eax)'),
  row(0x0b, 'ud2', '', '-', 'the defined invalid opcode: raise #UD'),
  row(0x0c, 'int3', '', '-', 'raise #BP (vector 3); allowed in ring 3'),
  row(0x0d, 'rdtsc', '', '-', 'edx:eax = instructions retired since power-on'),
  row(0x0e, 'cld', '', '-', 'clear DF: string operations go up'),
  row(0x0f, 'std', '', '-', 'set DF: string operations go down'),

  row(0x10, 'movsb', '', '-', 'byte [edi] = byte [esi]; esi, edi step by 1 (down if DF)'),
  row(0x11, 'movsd', '', '-', 'dword [edi] = dword [esi]; esi, edi step by 4 (down if DF)'),
  row(0x12, 'stosb', '', '-', 'byte [edi] = eax low byte; edi steps by 1 (down if DF)'),
  row(0x13, 'stosd', '', '-', 'dword [edi] = eax; edi steps by 4 (down if DF)'),
  row(0x14, 'rep movsb', '', '-', 'movsb ecx times, ecx counting down; interruptible and restartable'),
  row(0x15, 'rep movsd', '', '-', 'movsd ecx times, ecx counting down; interruptible and restartable'),
  row(0x16, 'rep stosb', '', '-', 'stosb ecx times, ecx counting down; interruptible and restartable'),
  row(0x17, 'rep stosd', '', '-', 'stosd ecx times, ecx counting down; interruptible and restartable'),

  row(0x18, 'int', 'i8', '-', 'software interrupt to vector i8 (ring 3: only 0x80)'),
  row(0x19, 'invlpg', 'm', '-', 'drop the TLB entry of the page holding the address', true),
  row(0x1a, 'lvt', 'r', '-', 'load the vector-table base (linear address of 256 handler addresses)', true),
  row(0x1b, 'lksp', 'r', '-', 'set the kernel stack pointer used by traps from ring 3', true),
  row(0x1c, 'mov', 'cr, r', '-', 'control register = register', true),
  row(0x1d, 'mov', 'r, cr', '-', 'register = control register', true),

  row(0x20, 'inb', 'r, r', '-', 'dst = byte read from the port in the second register', true),
  row(0x21, 'inw', 'r, r', '-', 'dst = word read from the port in the second register', true),
  row(0x22, 'inl', 'r, r', '-', 'dst = dword read from the port in the second register', true),
  row(0x23, 'outb', 'r, r', '-', 'write the low byte of the second register to the port in the first', true),
  row(0x24, 'outw', 'r, r', '-', 'write the low word of the second register to the port in the first', true),
  row(0x25, 'outl', 'r, r', '-', 'write the second register to the port in the first', true),

  row(0x28, 'mov', 'r, r', '-', 'dst = src'),
  row(0x29, 'mov', 'r, i32', '-', 'dst = immediate'),
  row(0x2a, 'mov', 'r, m32', '-', 'load a dword'),
  row(0x2b, 'mov', 'm32, r', '-', 'store a dword'),
  row(0x2c, 'mov', 'm32, i32', '-', 'store an immediate dword'),
  row(0x2d, 'mov', 'm16, r', '-', 'store the low word of a register'),
  row(0x2e, 'mov', 'm8, r', '-', 'store the low byte of a register'),
  row(0x2f, 'mov', 'm16, i16', '-', 'store an immediate word'),
  row(0x30, 'mov', 'm8, i8', '-', 'store an immediate byte'),
  row(0x31, 'movzx', 'r, m8', '-', 'load a byte, zero-extended'),
  row(0x32, 'movzx', 'r, m16', '-', 'load a word, zero-extended'),
  row(0x33, 'movsx', 'r, m8', '-', 'load a byte, sign-extended'),
  row(0x34, 'movsx', 'r, m16', '-', 'load a word, sign-extended'),
  row(0x35, 'movzxb', 'r, r', '-', 'dst = low byte of src, zero-extended'),
  row(0x36, 'movzxw', 'r, r', '-', 'dst = low word of src, zero-extended'),
  row(0x37, 'movsxb', 'r, r', '-', 'dst = low byte of src, sign-extended'),
  row(0x38, 'movsxw', 'r, r', '-', 'dst = low word of src, sign-extended'),
  row(0x39, 'lea', 'r, m', '-', 'dst = the address of the memory operand (no access)'),
  row(0x3a, 'xchg', 'r, r', '-', 'swap two registers'),
  row(0x3b, 'xchg', 'r, m32', '-', 'swap a register with a dword in memory'),
  row(0x3c, 'push', 'r', '-', 'esp -= 4; dword [esp] = src'),
  row(0x3d, 'push', 'i32', '-', 'esp -= 4; dword [esp] = immediate'),
  row(0x3e, 'push', 'm32', '-', 'esp -= 4; dword [esp] = dword from memory'),
  row(0x3f, 'pop', 'r', '-', 'dst = dword [esp]; esp += 4'),
  row(0x40, 'pop', 'm32', '-', 'dword in memory = dword [esp]; esp += 4'),

  row(0x41, 'jmp', 'rel', '-', 'jump'),
  row(0x42, 'jmp', 'r', '-', 'jump to the address in a register'),
  row(0x43, 'jmp', 'm32', '-', 'jump to the address stored in memory'),
  row(0x44, 'call', 'rel', '-', 'push the return address; jump'),
  row(0x45, 'call', 'r', '-', 'push the return address; jump to the address in a register'),
  row(0x46, 'call', 'm32', '-', 'push the return address; jump to the address stored in memory'),

  ...ALU.flatMap(([name, flags, text], k) =>
    ALU_FORMS.map((form, f) => row(0x50 + k * 5 + f, name, form, flags, text))),

  row(0x80, 'inc', 'r', 'incdec', 'dst = dst + 1'),
  row(0x81, 'inc', 'm32', 'incdec', 'dst = dst + 1'),
  row(0x82, 'dec', 'r', 'incdec', 'dst = dst - 1'),
  row(0x83, 'dec', 'm32', 'incdec', 'dst = dst - 1'),
  row(0x84, 'neg', 'r', 'neg', 'dst = 0 - dst'),
  row(0x85, 'neg', 'm32', 'neg', 'dst = 0 - dst'),
  row(0x86, 'not', 'r', '-', 'dst = ~dst'),
  row(0x87, 'not', 'm32', '-', 'dst = ~dst'),

  ...SHIFTS.flatMap(([name, flags, text], k) => [
    row(0x88 + k * 2, name, 'r, i8', flags, text),
    row(0x89 + k * 2, name, 'r, r', flags, text),
  ]),

  row(0x92, 'mul', 'r', 'mul', 'edx:eax = eax * src, unsigned'),
  row(0x93, 'mul', 'm32', 'mul', 'edx:eax = eax * src, unsigned'),
  row(0x94, 'imul', 'r', 'mul', 'edx:eax = eax * src, signed'),
  row(0x95, 'imul', 'm32', 'mul', 'edx:eax = eax * src, signed'),
  row(0x96, 'imul', 'r, r', 'mul', 'dst = dst * src, signed, truncated to 32 bits'),
  row(0x97, 'imul', 'r, m32', 'mul', 'dst = dst * src, signed, truncated to 32 bits'),
  row(0x98, 'imul', 'r, r, i32', 'mul', 'dst = src * immediate, signed, truncated to 32 bits'),
  row(0x99, 'div', 'r', 'div', 'eax = edx:eax / src, edx = remainder, unsigned; #DE on 0 or overflow'),
  row(0x9a, 'div', 'm32', 'div', 'eax = edx:eax / src, edx = remainder, unsigned; #DE on 0 or overflow'),
  row(0x9b, 'idiv', 'r', 'div', 'eax = edx:eax / src, edx = remainder, signed; #DE on 0 or overflow'),
  row(0x9c, 'idiv', 'm32', 'div', 'eax = edx:eax / src, edx = remainder, signed; #DE on 0 or overflow'),

  ...CONDITIONS.map((cc, k) => row(0xa0 + k, `j${cc}`, 'rel', '-', `jump if ${CONDITION_TEXT[k]}`)),
  ...CONDITIONS.map((cc, k) => row(0xb0 + k, `set${cc}`, 'r', '-', `dst = 1 if ${CONDITION_TEXT[k]}, else 0 (whole register)`)),
];

/** Register names in encoding order. */
export const REGISTERS = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'] as const;

/** Control register names by encoding (cr1 and cr4 do not exist: #UD). */
export const CONTROL_REGISTERS: Readonly<Record<number, string>> = { 0: 'cr0', 2: 'cr2', 3: 'cr3' };

/** Assembler spellings that mean the same condition as a CONDITIONS entry. */
export const CONDITION_ALIASES: Readonly<Record<string, string>> = {
  c: 'b', nae: 'b', nc: 'ae', nb: 'ae', z: 'e', nz: 'ne', na: 'be', nbe: 'a',
  pe: 'p', po: 'np', nge: 'l', nl: 'ge', ng: 'le', nle: 'g',
};

/** Rows indexed by opcode byte; undefined for invalid opcodes. */
export const BY_OPCODE: readonly (IsaRow | undefined)[] = (() => {
  const t: (IsaRow | undefined)[] = new Array(256).fill(undefined);
  for (const r of ISA) {
    if (t[r.op]) throw new Error(`ISA table: opcode 0x${r.op.toString(16)} defined twice`);
    t[r.op] = r;
  }
  return t;
})();
