// The Hako ISA table: the only place an instruction is defined.
//
// Every row is one opcode byte: its encoding (operand kinds), its flag
// effects, what it does, and what the CPU's tiers need to know about it. The
// assembler's encoder, the disassembler and the interpreter's decoder derive
// the encoding from the rows (./encoding.ts); the interpreter's dispatch and
// the block compiler's per-instruction source are generated from `sem`
// (emulator/cpu/gen-isa.ts, `npm run gen`; a test fails when the generated
// code is stale); docs/isa.md lists the same rows and a test keeps the two in
// agreement. Adding an instruction is one row here and its docs/isa.md line.
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
//
// `sem` is what the instruction does: a JavaScript statement template, or
// `{ system: NAME }` for the rare system instructions, which run the function
// NAME of emulator/cpu/system.ts in the interpreter and are never compiled
// into blocks. A template may use:
//   $r0 $r1     the row's first and second register operand (assignable)
//   $imm        the immediate (i8/i16 zero-extended, i32 as a signed int32)
//   $ea         the memory operand's address (base + index*scale + disp,
//               int32), as computed before the instruction changes anything
//   $eaNow      the same address computed at that point (pop m32: x86 uses
//               esp already incremented)
//   $next $rel  the next instruction's address; the branch target (next + rel32)
//   $cond       the row's condition (jcc/setcc), a boolean expression
//   $jump(x);   continue at x (a compiled block ends there)
//   rd8 rd16 rd32(a), rd32w(a) (a read that checks write access, for
//   read-modify-write), wr8 wr16 wr32(a, v): memory at linear address a, at
//   the current privilege; they fault precisely (nothing changed yet)
//   st, cpu     the CPU's state array and the CPU
//   names of emulator/cpu/alu.ts: register and flag slots (st[ESP], st[F_BITS]),
//   eflags bits (FL_DF) and the flag-computing helpers (add(st, a, b) ...).
// Every access that can fault must come before the first change of state
// (precise exceptions). What a block needs is derived from the template
// (`faults`: it reads or writes memory or says so; `stores`: it writes
// memory; `ends`: it jumps), so it cannot disagree with it.

export type OperandKind = 'r' | 'cr' | 'i8' | 'i16' | 'i32' | 'm8' | 'm16' | 'm32' | 'm' | 'rel';

/**
 * How the warm-up program (emulator/cpu/warmup.ts) gets an instruction to run
 * harmlessly; rows without one run with ordinary operands (registers, [ebx + 16],
 * a branch to the next instruction).
 */
export type WarmUp =
  | 'skip'            // not run (ud2 would fault forever)
  | 'last'            // ends the program (hlt)
  | 'iret-frame'      // push a frame that returns to the next instruction
  | 'return-address'  // push the next instruction's address (ret)
  | 'target-in-reg'   // the next instruction's address in the register operand
  | 'target-in-mem'   // ... in the memory operand
  | 'then-cld'        // followed by cld (std: string operations must go up)
  | 'vector-table'    // the register operand holds the warm-up's vector table
  | 'kernel-stack'    // ... a kernel stack
  | 'soft-interrupt'  // int 0x30, through the handler and back
  | 'divide-by-zero'  // #DE through the handler, which makes the divisor 1
  | 'divide';         // edx:eax = 7, no overflow

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
  /** The statement template (see the header comment); undefined for system rows. */
  readonly sem?: string;
  /** The function of emulator/cpu/system.ts that executes a system row. */
  readonly system?: string;
  /** jcc/setcc: the condition (index into CONDITIONS). */
  readonly cc?: number;
  /** May fault: a block records which instruction it is at before it. */
  readonly faults: boolean;
  /** Writes memory: a block checks after it whether the write hit decoded code. */
  readonly stores: boolean;
  /** Transfers control: a block ends after it. */
  readonly ends: boolean;
  readonly warm?: WarmUp;
}

type Sem = string | { system: string };
interface RowOptions { privileged?: boolean; cc?: number; faults?: boolean; warm?: WarmUp }

function row(op: number, mnemonic: string, operands: string, flags: string, text: string, sem: Sem, o: RowOptions = {}): IsaRow {
  const ops = operands === '' ? [] : operands.split(',').map((s) => s.trim() as OperandKind);
  const template = typeof sem === 'string' ? sem : undefined;
  const stores = template !== undefined && /\bwr(8|16|32)\(/.test(template);
  const faults = o.faults === true || (template !== undefined && /\b(rd|wr)(8|16|32)w?\(/.test(template));
  return {
    op, mnemonic, operands: ops, flags, privileged: o.privileged ?? false, text,
    sem: template, system: typeof sem === 'string' ? undefined : sem.system, cc: o.cc,
    faults, stores, ends: template !== undefined && template.includes('$jump('), warm: o.warm,
  };
}

const sys = (name: string): Sem => ({ system: name });

/** x86 condition codes in encoding order (the low nibble of jcc/setcc opcodes). */
export const CONDITIONS = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'] as const;

/**
 * Each condition as an expression over the CPU's flag slots (emulator/cpu/alu.ts:
 * ZF = st[F_Z] === 0, SF = st[F_SP] < 0, PF = even parity of st[F_SP]'s low byte,
 * CF = st[F_CF], OF = st[F_OF]).
 */
export const CONDITION_SOURCE = [
  'st[F_OF] !== 0', 'st[F_OF] === 0', 'st[F_CF] !== 0', 'st[F_CF] === 0',
  'st[F_Z] === 0', 'st[F_Z] !== 0', '(st[F_CF] !== 0 || st[F_Z] === 0)', '(st[F_CF] === 0 && st[F_Z] !== 0)',
  'st[F_SP] < 0', 'st[F_SP] >= 0', 'PARITY[st[F_SP] & 255] !== 0', 'PARITY[st[F_SP] & 255] === 0',
  '(st[F_SP] >>> 31) !== st[F_OF]', '(st[F_SP] >>> 31) === st[F_OF]',
  '(st[F_Z] === 0 || (st[F_SP] >>> 31) !== st[F_OF])', '(st[F_Z] !== 0 && (st[F_SP] >>> 31) === st[F_OF])',
] as const;

const CONDITION_TEXT = [
  'overflow (OF=1)', 'not overflow (OF=0)', 'below, unsigned (CF=1)', 'above or equal, unsigned (CF=0)',
  'equal (ZF=1)', 'not equal (ZF=0)', 'below or equal, unsigned (CF=1 or ZF=1)', 'above, unsigned (CF=0 and ZF=0)',
  'sign (SF=1)', 'not sign (SF=0)', 'parity even (PF=1)', 'parity odd (PF=0)',
  'less, signed (SF!=OF)', 'greater or equal, signed (SF=OF)', 'less or equal, signed (ZF=1 or SF!=OF)',
  'greater, signed (ZF=0 and SF=OF)',
];

/**
 * Binary ALU operations in x86 /digit order, then test; each has five forms.
 * `expr` computes the result (and sets the flags) from a and b; `writes` says
 * whether it goes back to the destination (cmp and test only set flags).
 */
const ALU: readonly { name: string; flags: string; text: string; expr: (a: string, b: string) => string; writes: boolean }[] = [
  { name: 'add', flags: 'all', text: 'dst = dst + src', expr: (a, b) => `add(st, ${a}, ${b})`, writes: true },
  { name: 'or', flags: 'logic', text: 'dst = dst | src', expr: (a, b) => `logic(st, ${a} | ${b})`, writes: true },
  { name: 'adc', flags: 'all', text: 'dst = dst + src + CF', expr: (a, b) => `adc(st, ${a}, ${b})`, writes: true },
  { name: 'sbb', flags: 'all', text: 'dst = dst - src - CF', expr: (a, b) => `sbb(st, ${a}, ${b})`, writes: true },
  { name: 'and', flags: 'logic', text: 'dst = dst & src', expr: (a, b) => `logic(st, ${a} & ${b})`, writes: true },
  { name: 'sub', flags: 'all', text: 'dst = dst - src', expr: (a, b) => `sub(st, ${a}, ${b})`, writes: true },
  { name: 'xor', flags: 'logic', text: 'dst = dst ^ src', expr: (a, b) => `logic(st, ${a} ^ ${b})`, writes: true },
  { name: 'cmp', flags: 'all', text: 'set flags from dst - src, write nothing', expr: (a, b) => `sub(st, ${a}, ${b})`, writes: false },
  { name: 'test', flags: 'logic', text: 'set flags from dst & src, write nothing', expr: (a, b) => `logic(st, ${a} & ${b})`, writes: false },
];

/** The five forms of an ALU operation: operands and the statement. */
function aluForms(k: number): IsaRow[] {
  const { name, flags, text, expr, writes } = ALU[k];
  const toReg = (src: string) => writes ? `$r0 = ${expr('$r0', src)};` : `${expr('$r0', src)};`;
  const toMem = (src: string) => writes ? `{ const a = $ea; wr32(a, ${expr('rd32w(a)', src)}); }` : `${expr('rd32($ea)', src)};`;
  const forms: [string, string][] = [
    ['r, r', toReg('$r1')], ['r, i32', toReg('$imm')], ['r, m32', toReg('rd32($ea)')],
    ['m32, r', toMem('$r0')], ['m32, i32', toMem('$imm')],
  ];
  return forms.map(([operands, sem], f) => row(0x50 + k * 5 + f, name, operands, flags, text, sem));
}

const SHIFTS = [
  ['shl', 'shift', 'shift left; count masked to 5 bits'],
  ['shr', 'shift', 'logical shift right; count masked to 5 bits'],
  ['sar', 'shift', 'arithmetic shift right; count masked to 5 bits'],
  ['rol', 'rotate', 'rotate left; count masked to 5 bits'],
  ['ror', 'rotate', 'rotate right; count masked to 5 bits'],
] as const;

/** Push v (evaluated first). */
const push = (v: string) => `const sp = (st[ESP] - 4) | 0; wr32(sp, ${v}); st[ESP] = sp;`;

export const ISA: readonly IsaRow[] = [
  // 0x00 is never an instruction: running into zeroed memory raises #UD.
  row(0x01, 'nop', '', '-', 'do nothing', ''),
  row(0x02, 'hlt', '', '-', 'halt until the next interrupt', sys('hlt'), { privileged: true, warm: 'last' }),
  row(0x03, 'cli', '', '-', 'clear IF: mask interrupts', sys('cli'), { privileged: true }),
  row(0x04, 'sti', '', '-', 'set IF: accept interrupts', sys('sti'), { privileged: true }),
  row(0x05, 'iret', '', 'popped', 'return from a trap: pop eip, cpl, eflags, esp', sys('iret'), { privileged: true, warm: 'iret-frame' }),
  row(0x06, 'pushf', '', '-', 'push eflags', sys('pushf')),
  row(0x07, 'popf', '', 'popped', 'pop eflags (IF unchanged in ring 3)', sys('popf')),
  row(0x08, 'ret', '', '-', 'pop eip',
    '{ const v = rd32(st[ESP]); st[ESP] = (st[ESP] + 4) | 0; $jump(v); }', { warm: 'return-address' }),
  row(0x09, 'leave', '', '-', 'esp = ebp; pop ebp', '{ const v = rd32(st[EBP]); st[ESP] = (st[EBP] + 4) | 0; st[EBP] = v; }'),
  row(0x0a, 'cdq', '', '-', 'edx = sign of eax (sign-extend eax into edx:eax)', 'st[EDX] = st[EAX] >> 31;'),
  row(0x0b, 'ud2', '', '-', 'the defined invalid opcode: raise #UD', sys('ud2'), { warm: 'skip' }),
  row(0x0c, 'int3', '', '-', 'raise #BP (vector 3); allowed in ring 3', sys('int3')),
  row(0x0d, 'rdtsc', '', '-', 'edx:eax = instructions retired since power-on', sys('rdtsc')),
  row(0x0e, 'cld', '', '-', 'clear DF: string operations go up', 'st[F_BITS] &= ~FL_DF;'),
  row(0x0f, 'std', '', '-', 'set DF: string operations go down', 'st[F_BITS] |= FL_DF;', { warm: 'then-cld' }),

  row(0x10, 'movsb', '', '-', 'byte [edi] = byte [esi]; esi, edi step by 1 (down if DF)', sys('movsb')),
  row(0x11, 'movsd', '', '-', 'dword [edi] = dword [esi]; esi, edi step by 4 (down if DF)', sys('movsd')),
  row(0x12, 'stosb', '', '-', 'byte [edi] = eax low byte; edi steps by 1 (down if DF)', sys('stosb')),
  row(0x13, 'stosd', '', '-', 'dword [edi] = eax; edi steps by 4 (down if DF)', sys('stosd')),
  row(0x14, 'rep movsb', '', '-', 'movsb ecx times, ecx counting down; interruptible and restartable', sys('repMovsb')),
  row(0x15, 'rep movsd', '', '-', 'movsd ecx times, ecx counting down; interruptible and restartable', sys('repMovsd')),
  row(0x16, 'rep stosb', '', '-', 'stosb ecx times, ecx counting down; interruptible and restartable', sys('repStosb')),
  row(0x17, 'rep stosd', '', '-', 'stosd ecx times, ecx counting down; interruptible and restartable', sys('repStosd')),

  row(0x18, 'int', 'i8', '-', 'software interrupt to vector i8 (ring 3: only 0x80)', sys('softInterrupt'), { warm: 'soft-interrupt' }),
  row(0x19, 'invlpg', 'm', '-', 'drop the TLB entry of the page holding the address', sys('invlpg'), { privileged: true }),
  row(0x1a, 'lvt', 'r', '-', 'load the vector-table base (linear address of 256 handler addresses)', sys('lvt'),
    { privileged: true, warm: 'vector-table' }),
  row(0x1b, 'lksp', 'r', '-', 'set the kernel stack pointer used by traps from ring 3', sys('lksp'),
    { privileged: true, warm: 'kernel-stack' }),
  row(0x1c, 'mov', 'cr, r', '-', 'control register = register', sys('movToCr'), { privileged: true }),
  row(0x1d, 'mov', 'r, cr', '-', 'register = control register', sys('movFromCr'), { privileged: true }),
  row(0x1e, 'rdtp', 'r', '-', 'register = the thread pointer (the base of thread-local storage)', sys('rdtp')),
  row(0x1f, 'wrtp', 'r', '-', 'thread pointer = register', sys('wrtp'), { privileged: true }),

  row(0x20, 'inb', 'r, r', '-', 'dst = byte read from the port in the second register', sys('inb'), { privileged: true }),
  row(0x21, 'inw', 'r, r', '-', 'dst = word read from the port in the second register', sys('inw'), { privileged: true }),
  row(0x22, 'inl', 'r, r', '-', 'dst = dword read from the port in the second register', sys('inl'), { privileged: true }),
  row(0x23, 'outb', 'r, r', '-', 'write the low byte of the second register to the port in the first', sys('outb'), { privileged: true }),
  row(0x24, 'outw', 'r, r', '-', 'write the low word of the second register to the port in the first', sys('outw'), { privileged: true }),
  row(0x25, 'outl', 'r, r', '-', 'write the second register to the port in the first', sys('outl'), { privileged: true }),

  row(0x28, 'mov', 'r, r', '-', 'dst = src', '$r0 = $r1;'),
  row(0x29, 'mov', 'r, i32', '-', 'dst = immediate', '$r0 = $imm;'),
  row(0x2a, 'mov', 'r, m32', '-', 'load a dword', '$r0 = rd32($ea);'),
  row(0x2b, 'mov', 'm32, r', '-', 'store a dword', 'wr32($ea, $r0);'),
  row(0x2c, 'mov', 'm32, i32', '-', 'store an immediate dword', 'wr32($ea, $imm);'),
  row(0x2d, 'mov', 'm16, r', '-', 'store the low word of a register', 'wr16($ea, $r0);'),
  row(0x2e, 'mov', 'm8, r', '-', 'store the low byte of a register', 'wr8($ea, $r0);'),
  row(0x2f, 'mov', 'm16, i16', '-', 'store an immediate word', 'wr16($ea, $imm);'),
  row(0x30, 'mov', 'm8, i8', '-', 'store an immediate byte', 'wr8($ea, $imm);'),
  row(0x31, 'movzx', 'r, m8', '-', 'load a byte, zero-extended', '$r0 = rd8($ea);'),
  row(0x32, 'movzx', 'r, m16', '-', 'load a word, zero-extended', '$r0 = rd16($ea);'),
  row(0x33, 'movsx', 'r, m8', '-', 'load a byte, sign-extended', '$r0 = (rd8($ea) << 24) >> 24;'),
  row(0x34, 'movsx', 'r, m16', '-', 'load a word, sign-extended', '$r0 = (rd16($ea) << 16) >> 16;'),
  row(0x35, 'movzxb', 'r, r', '-', 'dst = low byte of src, zero-extended', '$r0 = $r1 & 0xff;'),
  row(0x36, 'movzxw', 'r, r', '-', 'dst = low word of src, zero-extended', '$r0 = $r1 & 0xffff;'),
  row(0x37, 'movsxb', 'r, r', '-', 'dst = low byte of src, sign-extended', '$r0 = ($r1 << 24) >> 24;'),
  row(0x38, 'movsxw', 'r, r', '-', 'dst = low word of src, sign-extended', '$r0 = ($r1 << 16) >> 16;'),
  row(0x39, 'lea', 'r, m', '-', 'dst = the address of the memory operand (no access)', '$r0 = $ea;'),
  row(0x3a, 'xchg', 'r, r', '-', 'swap two registers', '{ const t = $r0; $r0 = $r1; $r1 = t; }'),
  row(0x3b, 'xchg', 'r, m32', '-', 'swap a register with a dword in memory',
    '{ const a = $ea; const v = rd32w(a); wr32(a, $r0); $r0 = v; }'),
  row(0x3c, 'push', 'r', '-', 'esp -= 4; dword [esp] = src', `{ const v = $r0; ${push('v')} }`),
  row(0x3d, 'push', 'i32', '-', 'esp -= 4; dword [esp] = immediate', `{ ${push('$imm')} }`),
  row(0x3e, 'push', 'm32', '-', 'esp -= 4; dword [esp] = dword from memory', `{ const v = rd32($ea); ${push('v')} }`),
  row(0x3f, 'pop', 'r', '-', 'dst = dword [esp]; esp += 4', '{ const v = rd32(st[ESP]); st[ESP] = (st[ESP] + 4) | 0; $r0 = v; }'),
  // x86 computes the destination address with esp already incremented; esp changes only once nothing can fault.
  row(0x40, 'pop', 'm32', '-', 'dword in memory = dword [esp]; esp += 4',
    '{ const sp = st[ESP]; const v = rd32(sp); st[ESP] = (sp + 4) | 0; const a = $eaNow; st[ESP] = sp; wr32(a, v); st[ESP] = (sp + 4) | 0; }'),

  row(0x41, 'jmp', 'rel', '-', 'jump', '$jump($rel);'),
  row(0x42, 'jmp', 'r', '-', 'jump to the address in a register', '$jump($r0);', { warm: 'target-in-reg' }),
  row(0x43, 'jmp', 'm32', '-', 'jump to the address stored in memory', '{ const t = rd32($ea); $jump(t); }', { warm: 'target-in-mem' }),
  row(0x44, 'call', 'rel', '-', 'push the return address; jump', `{ ${push('$next')} $jump($rel); }`),
  row(0x45, 'call', 'r', '-', 'push the return address; jump to the address in a register',
    `{ const t = $r0; ${push('$next')} $jump(t); }`, { warm: 'target-in-reg' }),
  row(0x46, 'call', 'm32', '-', 'push the return address; jump to the address stored in memory',
    `{ const t = rd32($ea); ${push('$next')} $jump(t); }`, { warm: 'target-in-mem' }),

  ...ALU.flatMap((_, k) => aluForms(k)),

  row(0x80, 'inc', 'r', 'incdec', 'dst = dst + 1', '$r0 = inc(st, $r0);'),
  row(0x81, 'inc', 'm32', 'incdec', 'dst = dst + 1', '{ const a = $ea; wr32(a, inc(st, rd32w(a))); }'),
  row(0x82, 'dec', 'r', 'incdec', 'dst = dst - 1', '$r0 = dec(st, $r0);'),
  row(0x83, 'dec', 'm32', 'incdec', 'dst = dst - 1', '{ const a = $ea; wr32(a, dec(st, rd32w(a))); }'),
  row(0x84, 'neg', 'r', 'neg', 'dst = 0 - dst', '$r0 = sub(st, 0, $r0);'),
  row(0x85, 'neg', 'm32', 'neg', 'dst = 0 - dst', '{ const a = $ea; wr32(a, sub(st, 0, rd32w(a))); }'),
  row(0x86, 'not', 'r', '-', 'dst = ~dst', '$r0 = ~$r0;'),
  row(0x87, 'not', 'm32', '-', 'dst = ~dst', '{ const a = $ea; wr32(a, ~rd32w(a)); }'),

  ...SHIFTS.flatMap(([name, flags, text], k) => [
    row(0x88 + k * 2, name, 'r, i8', flags, text, `$r0 = ${name}(st, $r0, $imm & 31);`),
    row(0x89 + k * 2, name, 'r, r', flags, text, `$r0 = ${name}(st, $r0, $r1 & 31);`),
  ]),

  row(0x92, 'mul', 'r', 'mul', 'edx:eax = eax * src, unsigned', 'mulUnsigned(st, $r0);'),
  row(0x93, 'mul', 'm32', 'mul', 'edx:eax = eax * src, unsigned', 'mulUnsigned(st, rd32($ea));'),
  row(0x94, 'imul', 'r', 'mul', 'edx:eax = eax * src, signed', 'mulSigned(st, $r0);'),
  row(0x95, 'imul', 'm32', 'mul', 'edx:eax = eax * src, signed', 'mulSigned(st, rd32($ea));'),
  row(0x96, 'imul', 'r, r', 'mul', 'dst = dst * src, signed, truncated to 32 bits', '$r0 = imul2(st, $r0, $r1);'),
  row(0x97, 'imul', 'r, m32', 'mul', 'dst = dst * src, signed, truncated to 32 bits', '$r0 = imul2(st, $r0, rd32($ea));'),
  row(0x98, 'imul', 'r, r, i32', 'mul', 'dst = src * immediate, signed, truncated to 32 bits', '$r0 = imul2(st, $r1, $imm);'),
  row(0x99, 'div', 'r', 'div', 'eax = edx:eax / src, edx = remainder, unsigned; #DE on 0 or overflow',
    'divUnsigned(cpu, st, $r0);', { faults: true, warm: 'divide-by-zero' }),
  row(0x9a, 'div', 'm32', 'div', 'eax = edx:eax / src, edx = remainder, unsigned; #DE on 0 or overflow',
    'divUnsigned(cpu, st, rd32($ea));', { faults: true, warm: 'divide' }),
  row(0x9b, 'idiv', 'r', 'div', 'eax = edx:eax / src, edx = remainder, signed; #DE on 0 or overflow',
    'divSigned(cpu, st, $r0);', { faults: true, warm: 'divide' }),
  row(0x9c, 'idiv', 'm32', 'div', 'eax = edx:eax / src, edx = remainder, signed; #DE on 0 or overflow',
    'divSigned(cpu, st, rd32($ea));', { faults: true, warm: 'divide' }),

  ...CONDITIONS.map((cc, k) => row(0xa0 + k, `j${cc}`, 'rel', '-', `jump if ${CONDITION_TEXT[k]}`, 'if ($cond) $jump($rel);', { cc: k })),
  ...CONDITIONS.map((cc, k) => row(0xb0 + k, `set${cc}`, 'r', '-', `dst = 1 if ${CONDITION_TEXT[k]}, else 0 (whole register)`,
    '$r0 = $cond ? 1 : 0;', { cc: k })),
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
