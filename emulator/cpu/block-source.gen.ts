// Generated from isa/table.ts by emulator/cpu/gen-isa.ts (npm run gen): do not edit.
//
// The block compiler's (emulator/cpu/blocks.ts) JavaScript for each compilable
// instruction: the row's template with its operands filled in when the block
// is compiled, in two forms. In a loop's block (instructionSource) the CPU
// state slots st[k] are the block's locals sk (registers
// s0-s7 eax..edi; flags F_Z s9, F_SP s10, F_CF s11, F_OF s12, F_BITS s13;
// eflags bits are numbers: FL_DF 1024, FL_IF 512); the flag operations of
// emulator/cpu/flag-ops.ts are inlined; `/*wb*/` marks where an exit writes
// the locals back. In any other block (plainInstructionSource) the state stays
// in st and the flag operations are calls of alu.ts's functions.

/** The alu.ts exports these sources call: the block function binds them by name. */
export const BLOCK_HELPERS = 'PARITY, adc, add, dec, divSigned, divUnsigned, imul2, inc, logic, mulHighSigned, mulHighUnsigned, mulSigned, mulUnsigned, rol, ror, sar, sbb, shl, shr, sub';

/** The inlined flag operations' temporaries: the block function declares them. */
export const BLOCK_TEMPS = 'add_a, add_b, add_r, adc_a, adc_b, adc_c, adc_r, sub_a, sub_b, sub_r, sbb_a, sbb_b, sbb_c, sbb_r, logic_r, inc_a, inc_r, dec_a, dec_r, shl_a, shl_count, shl_c, shl_r, shr_a, shr_count, shr_r, sar_a, sar_count, sar_r, rol_a, rol_count, rol_c, rol_r, ror_a, ror_count, ror_r, imul2_a, imul2_b, imul2_r, mulUnsigned_b, mulUnsigned_a, mulUnsigned_r, mulUnsigned_h, mulSigned_b, mulSigned_a, mulSigned_r, mulSigned_h';

/**
 * Opcodes whose source hands st to a function (division): the block writes its
 * locals back before them and reloads them after.
 */
export const SYNC_OPS: ReadonlySet<number> = new Set([0x99, 0x9a, 0x9b, 0x9c]);

/** Each condition (CONDITIONS order) as a boolean expression over a loop block's locals. */
export const CONDITION_JS: readonly string[] = [
  's12 !== 0',
  's12 === 0',
  's11 !== 0',
  's11 === 0',
  's9 === 0',
  's9 !== 0',
  '(s11 !== 0 || s9 === 0)',
  '(s11 === 0 && s9 !== 0)',
  's10 < 0',
  's10 >= 0',
  'PARITY[s10 & 255] !== 0',
  'PARITY[s10 & 255] === 0',
  '(s10 >>> 31) !== s12',
  '(s10 >>> 31) === s12',
  '(s9 === 0 || (s10 >>> 31) !== s12)',
  '(s9 !== 0 && (s10 >>> 31) === s12)',
];

/** The same over st, for plain blocks. */
export const CONDITION_JS_PLAIN: readonly string[] = [
  'st[12] !== 0',
  'st[12] === 0',
  'st[11] !== 0',
  'st[11] === 0',
  'st[9] === 0',
  'st[9] !== 0',
  '(st[11] !== 0 || st[9] === 0)',
  '(st[11] === 0 && st[9] !== 0)',
  'st[10] < 0',
  'st[10] >= 0',
  'PARITY[st[10] & 255] !== 0',
  'PARITY[st[10] & 255] === 0',
  '(st[10] >>> 31) !== st[12]',
  '(st[10] >>> 31) === st[12]',
  '(st[9] === 0 || (st[10] >>> 31) !== st[12])',
  '(st[9] !== 0 && (st[10] >>> 31) === st[12])',
];

/**
 * The source of instruction `op`: r0/r1 its registers, ea its memory operand's
 * address expression, imm its immediate, next/rel expressions for the next
 * instruction and the branch target; jump(x) is what continuing at x becomes
 * (leaving the block, or nothing when the block follows the jump).
 */
export function instructionSource(op: number, r0: number, r1: number, ea: string, imm: number, next: string, rel: string,
  jump: (target: string) => string): string {
  switch (op) {
    case 0x01: return ``; // nop
    case 0x08: return `{ const v = (ta = s4, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); s4 = (s4 + 4) | 0; ${jump(`v`)}; }`; // ret
    case 0x09: return `{ const v = (ta = s5, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); s4 = (s5 + 4) | 0; s5 = v; }`; // leave
    case 0x0a: return `s2 = s0 >> 31;`; // cdq
    case 0x0e: return `s13 &= ~1024;`; // cld
    case 0x0f: return `s13 |= 1024;`; // std
    case 0x28: return `s${r0} = s${r1};`; // mov r, r
    case 0x29: return `s${r0} = ${imm};`; // mov r, i32
    case 0x2a: return `s${r0} = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // mov r, m32
    case 0x2b: return `(tw = ${ea}, tv = s${r0}, (tw & -4093) === mc@0 ? (words[mb@0 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@0 = tw & -4096, mb@0 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)));`; // mov m32, r
    case 0x2c: return `(tw = ${ea}, tv = ${imm}, (tw & -4093) === mc@0 ? (words[mb@0 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@0 = tw & -4096, mb@0 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)));`; // mov m32, i32
    case 0x2d: return `cpu.wr16(${ea}, s${r0});`; // mov m16, r
    case 0x2e: return `cpu.wr8(${ea}, s${r0});`; // mov m8, r
    case 0x2f: return `cpu.wr16(${ea}, ${imm});`; // mov m16, i16
    case 0x30: return `cpu.wr8(${ea}, ${imm});`; // mov m8, i8
    case 0x31: return `s${r0} = cpu.rd8(${ea});`; // movzx r, m8
    case 0x32: return `s${r0} = cpu.rd16(${ea});`; // movzx r, m16
    case 0x33: return `s${r0} = (cpu.rd8(${ea}) << 24) >> 24;`; // movsx r, m8
    case 0x34: return `s${r0} = (cpu.rd16(${ea}) << 16) >> 16;`; // movsx r, m16
    case 0x35: return `s${r0} = s${r1} & 0xff;`; // movzxb r, r
    case 0x36: return `s${r0} = s${r1} & 0xffff;`; // movzxw r, r
    case 0x37: return `s${r0} = (s${r1} << 24) >> 24;`; // movsxb r, r
    case 0x38: return `s${r0} = (s${r1} << 16) >> 16;`; // movsxw r, r
    case 0x39: return `s${r0} = ${ea};`; // lea r, m
    case 0x3a: return `{ const t = s${r0}; s${r0} = s${r1}; s${r1} = t; }`; // xchg r, r
    case 0x3b: return `{ const a = ${ea}; const v = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))); (tw = a, tv = s${r0}, (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s${r0} = v; }`; // xchg r, m32
    case 0x3c: return `{ const v = s${r0}; const sp = (s4 - 4) | 0; (tw = sp, tv = v, (tw & -4093) === mc@0 ? (words[mb@0 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@0 = tw & -4096, mb@0 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = sp; }`; // push r
    case 0x3d: return `{ const sp = (s4 - 4) | 0; (tw = sp, tv = ${imm}, (tw & -4093) === mc@0 ? (words[mb@0 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@0 = tw & -4096, mb@0 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = sp; }`; // push i32
    case 0x3e: return `{ const v = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); const sp = (s4 - 4) | 0; (tw = sp, tv = v, (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = sp; }`; // push m32
    case 0x3f: return `{ const v = (ta = s4, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); s4 = (s4 + 4) | 0; s${r0} = v; }`; // pop r
    case 0x40: return `{ const sp = s4; const v = (ta = sp, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); s4 = (sp + 4) | 0; const a = ${ea}; s4 = sp; (tw = a, tv = v, (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = (sp + 4) | 0; }`; // pop m32
    case 0x41: return `${jump(`${rel}`)};`; // jmp rel
    case 0x42: return `${jump(`s${r0}`)};`; // jmp r
    case 0x43: return `{ const t = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); ${jump(`t`)}; }`; // jmp m32
    case 0x44: return `{ const sp = (s4 - 4) | 0; (tw = sp, tv = ${next}, (tw & -4093) === mc@0 ? (words[mb@0 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@0 = tw & -4096, mb@0 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = sp; ${jump(`${rel}`)}; }`; // call rel
    case 0x45: return `{ const t = s${r0}; const sp = (s4 - 4) | 0; (tw = sp, tv = ${next}, (tw & -4093) === mc@0 ? (words[mb@0 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@0 = tw & -4096, mb@0 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = sp; ${jump(`t`)}; }`; // call r
    case 0x46: return `{ const t = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))); const sp = (s4 - 4) | 0; (tw = sp, tv = ${next}, (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); s4 = sp; ${jump(`t`)}; }`; // call m32
    case 0x50: return `s${r0} = (add_a = s${r0}, add_b = s${r1}, (add_r = (add_a + add_b) | 0, s9 = add_r, s10 = add_r, s11 = (add_r >>> 0) < (add_a >>> 0) ? 1 : 0, s12 = ((add_a ^ add_r) & (add_b ^ add_r)) >>> 31, add_r));`; // add r, r
    case 0x51: return `s${r0} = (add_a = s${r0}, add_b = ${imm}, (add_r = (add_a + add_b) | 0, s9 = add_r, s10 = add_r, s11 = (add_r >>> 0) < (add_a >>> 0) ? 1 : 0, s12 = ((add_a ^ add_r) & (add_b ^ add_r)) >>> 31, add_r));`; // add r, i32
    case 0x52: return `s${r0} = (add_a = s${r0}, add_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (add_r = (add_a + add_b) | 0, s9 = add_r, s10 = add_r, s11 = (add_r >>> 0) < (add_a >>> 0) ? 1 : 0, s12 = ((add_a ^ add_r) & (add_b ^ add_r)) >>> 31, add_r));`; // add r, m32
    case 0x53: return `{ const a = ${ea}; (tw = a, tv = (add_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), add_b = s${r0}, (add_r = (add_a + add_b) | 0, s9 = add_r, s10 = add_r, s11 = (add_r >>> 0) < (add_a >>> 0) ? 1 : 0, s12 = ((add_a ^ add_r) & (add_b ^ add_r)) >>> 31, add_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // add m32, r
    case 0x54: return `{ const a = ${ea}; (tw = a, tv = (add_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), add_b = ${imm}, (add_r = (add_a + add_b) | 0, s9 = add_r, s10 = add_r, s11 = (add_r >>> 0) < (add_a >>> 0) ? 1 : 0, s12 = ((add_a ^ add_r) & (add_b ^ add_r)) >>> 31, add_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // add m32, i32
    case 0x55: return `s${r0} = (logic_r = s${r0} | s${r1}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // or r, r
    case 0x56: return `s${r0} = (logic_r = s${r0} | ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // or r, i32
    case 0x57: return `s${r0} = (logic_r = s${r0} | (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // or r, m32
    case 0x58: return `{ const a = ${ea}; (tw = a, tv = (logic_r = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))) | s${r0}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // or m32, r
    case 0x59: return `{ const a = ${ea}; (tw = a, tv = (logic_r = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))) | ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // or m32, i32
    case 0x5a: return `s${r0} = (adc_a = s${r0}, adc_b = s${r1}, (adc_c = s11, adc_r = (adc_a + adc_b + adc_c) | 0, s9 = adc_r, s10 = adc_r, s11 = (adc_a >>> 0) + (adc_b >>> 0) + adc_c > 0xffffffff ? 1 : 0, s12 = ((adc_a ^ adc_r) & (adc_b ^ adc_r)) >>> 31, adc_r));`; // adc r, r
    case 0x5b: return `s${r0} = (adc_a = s${r0}, adc_b = ${imm}, (adc_c = s11, adc_r = (adc_a + adc_b + adc_c) | 0, s9 = adc_r, s10 = adc_r, s11 = (adc_a >>> 0) + (adc_b >>> 0) + adc_c > 0xffffffff ? 1 : 0, s12 = ((adc_a ^ adc_r) & (adc_b ^ adc_r)) >>> 31, adc_r));`; // adc r, i32
    case 0x5c: return `s${r0} = (adc_a = s${r0}, adc_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (adc_c = s11, adc_r = (adc_a + adc_b + adc_c) | 0, s9 = adc_r, s10 = adc_r, s11 = (adc_a >>> 0) + (adc_b >>> 0) + adc_c > 0xffffffff ? 1 : 0, s12 = ((adc_a ^ adc_r) & (adc_b ^ adc_r)) >>> 31, adc_r));`; // adc r, m32
    case 0x5d: return `{ const a = ${ea}; (tw = a, tv = (adc_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), adc_b = s${r0}, (adc_c = s11, adc_r = (adc_a + adc_b + adc_c) | 0, s9 = adc_r, s10 = adc_r, s11 = (adc_a >>> 0) + (adc_b >>> 0) + adc_c > 0xffffffff ? 1 : 0, s12 = ((adc_a ^ adc_r) & (adc_b ^ adc_r)) >>> 31, adc_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // adc m32, r
    case 0x5e: return `{ const a = ${ea}; (tw = a, tv = (adc_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), adc_b = ${imm}, (adc_c = s11, adc_r = (adc_a + adc_b + adc_c) | 0, s9 = adc_r, s10 = adc_r, s11 = (adc_a >>> 0) + (adc_b >>> 0) + adc_c > 0xffffffff ? 1 : 0, s12 = ((adc_a ^ adc_r) & (adc_b ^ adc_r)) >>> 31, adc_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // adc m32, i32
    case 0x5f: return `s${r0} = (sbb_a = s${r0}, sbb_b = s${r1}, (sbb_c = s11, sbb_r = (sbb_a - sbb_b - sbb_c) | 0, s9 = sbb_r, s10 = sbb_r, s11 = (sbb_a >>> 0) < (sbb_b >>> 0) + sbb_c ? 1 : 0, s12 = ((sbb_a ^ sbb_b) & (sbb_a ^ sbb_r)) >>> 31, sbb_r));`; // sbb r, r
    case 0x60: return `s${r0} = (sbb_a = s${r0}, sbb_b = ${imm}, (sbb_c = s11, sbb_r = (sbb_a - sbb_b - sbb_c) | 0, s9 = sbb_r, s10 = sbb_r, s11 = (sbb_a >>> 0) < (sbb_b >>> 0) + sbb_c ? 1 : 0, s12 = ((sbb_a ^ sbb_b) & (sbb_a ^ sbb_r)) >>> 31, sbb_r));`; // sbb r, i32
    case 0x61: return `s${r0} = (sbb_a = s${r0}, sbb_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (sbb_c = s11, sbb_r = (sbb_a - sbb_b - sbb_c) | 0, s9 = sbb_r, s10 = sbb_r, s11 = (sbb_a >>> 0) < (sbb_b >>> 0) + sbb_c ? 1 : 0, s12 = ((sbb_a ^ sbb_b) & (sbb_a ^ sbb_r)) >>> 31, sbb_r));`; // sbb r, m32
    case 0x62: return `{ const a = ${ea}; (tw = a, tv = (sbb_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), sbb_b = s${r0}, (sbb_c = s11, sbb_r = (sbb_a - sbb_b - sbb_c) | 0, s9 = sbb_r, s10 = sbb_r, s11 = (sbb_a >>> 0) < (sbb_b >>> 0) + sbb_c ? 1 : 0, s12 = ((sbb_a ^ sbb_b) & (sbb_a ^ sbb_r)) >>> 31, sbb_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // sbb m32, r
    case 0x63: return `{ const a = ${ea}; (tw = a, tv = (sbb_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), sbb_b = ${imm}, (sbb_c = s11, sbb_r = (sbb_a - sbb_b - sbb_c) | 0, s9 = sbb_r, s10 = sbb_r, s11 = (sbb_a >>> 0) < (sbb_b >>> 0) + sbb_c ? 1 : 0, s12 = ((sbb_a ^ sbb_b) & (sbb_a ^ sbb_r)) >>> 31, sbb_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // sbb m32, i32
    case 0x64: return `s${r0} = (logic_r = s${r0} & s${r1}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // and r, r
    case 0x65: return `s${r0} = (logic_r = s${r0} & ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // and r, i32
    case 0x66: return `s${r0} = (logic_r = s${r0} & (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // and r, m32
    case 0x67: return `{ const a = ${ea}; (tw = a, tv = (logic_r = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))) & s${r0}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // and m32, r
    case 0x68: return `{ const a = ${ea}; (tw = a, tv = (logic_r = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))) & ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // and m32, i32
    case 0x69: return `s${r0} = (sub_a = s${r0}, sub_b = s${r1}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // sub r, r
    case 0x6a: return `s${r0} = (sub_a = s${r0}, sub_b = ${imm}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // sub r, i32
    case 0x6b: return `s${r0} = (sub_a = s${r0}, sub_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // sub r, m32
    case 0x6c: return `{ const a = ${ea}; (tw = a, tv = (sub_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), sub_b = s${r0}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // sub m32, r
    case 0x6d: return `{ const a = ${ea}; (tw = a, tv = (sub_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), sub_b = ${imm}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // sub m32, i32
    case 0x6e: return `s${r0} = (logic_r = s${r0} ^ s${r1}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // xor r, r
    case 0x6f: return `s${r0} = (logic_r = s${r0} ^ ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // xor r, i32
    case 0x70: return `s${r0} = (logic_r = s${r0} ^ (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // xor r, m32
    case 0x71: return `{ const a = ${ea}; (tw = a, tv = (logic_r = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))) ^ s${r0}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // xor m32, r
    case 0x72: return `{ const a = ${ea}; (tw = a, tv = (logic_r = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))) ^ ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // xor m32, i32
    case 0x73: return `(sub_a = s${r0}, sub_b = s${r1}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // cmp r, r
    case 0x74: return `(sub_a = s${r0}, sub_b = ${imm}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // cmp r, i32
    case 0x75: return `(sub_a = s${r0}, sub_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // cmp r, m32
    case 0x76: return `(sub_a = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), sub_b = s${r0}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // cmp m32, r
    case 0x77: return `(sub_a = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), sub_b = ${imm}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // cmp m32, i32
    case 0x78: return `(logic_r = s${r0} & s${r1}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // test r, r
    case 0x79: return `(logic_r = s${r0} & ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // test r, i32
    case 0x7a: return `(logic_r = s${r0} & (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // test r, m32
    case 0x7b: return `(logic_r = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))) & s${r0}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // test m32, r
    case 0x7c: return `(logic_r = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))) & ${imm}, (s9 = logic_r, s10 = logic_r, s11 = 0, s12 = 0, logic_r));`; // test m32, i32
    case 0x80: return `s${r0} = (inc_a = s${r0}, (inc_r = (inc_a + 1) | 0, s9 = inc_r, s10 = inc_r, s12 = inc_r === -0x80000000 ? 1 : 0, inc_r));`; // inc r
    case 0x81: return `{ const a = ${ea}; (tw = a, tv = (inc_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), (inc_r = (inc_a + 1) | 0, s9 = inc_r, s10 = inc_r, s12 = inc_r === -0x80000000 ? 1 : 0, inc_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // inc m32
    case 0x82: return `s${r0} = (dec_a = s${r0}, (dec_r = (dec_a - 1) | 0, s9 = dec_r, s10 = dec_r, s12 = dec_r === 0x7fffffff ? 1 : 0, dec_r));`; // dec r
    case 0x83: return `{ const a = ${ea}; (tw = a, tv = (dec_a = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), (dec_r = (dec_a - 1) | 0, s9 = dec_r, s10 = dec_r, s12 = dec_r === 0x7fffffff ? 1 : 0, dec_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // dec m32
    case 0x84: return `s${r0} = (sub_a = 0, sub_b = s${r0}, (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r));`; // neg r
    case 0x85: return `{ const a = ${ea}; (tw = a, tv = (sub_a = 0, sub_b = (ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), (sub_r = (sub_a - sub_b) | 0, s9 = sub_r, s10 = sub_r, s11 = (sub_a >>> 0) < (sub_b >>> 0) ? 1 : 0, s12 = ((sub_a ^ sub_b) & (sub_a ^ sub_r)) >>> 31, sub_r)), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // neg m32
    case 0x86: return `s${r0} = ~s${r0};`; // not r
    case 0x87: return `{ const a = ${ea}; (tw = a, tv = ~(ta = a, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), (tw & -4093) === mc@1 ? (words[mb@1 | ((tw >>> 2) & 1023)] = tv, th++) : (twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : (mc@1 = tw & -4096, mb@1 = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv))); }`; // not m32
    case 0x88: return `s${r0} = (shl_a = s${r0}, shl_count = ${imm} & 31, (shl_count === 0 ? shl_a : (shl_r = shl_a << shl_count, shl_c = (shl_a >>> (32 - shl_count)) & 1, s9 = shl_r, s10 = shl_r, s11 = shl_c, s12 = (shl_r >>> 31) ^ shl_c, shl_r)));`; // shl r, i8
    case 0x89: return `s${r0} = (shl_a = s${r0}, shl_count = s${r1} & 31, (shl_count === 0 ? shl_a : (shl_r = shl_a << shl_count, shl_c = (shl_a >>> (32 - shl_count)) & 1, s9 = shl_r, s10 = shl_r, s11 = shl_c, s12 = (shl_r >>> 31) ^ shl_c, shl_r)));`; // shl r, r
    case 0x8a: return `s${r0} = (shr_a = s${r0}, shr_count = ${imm} & 31, (shr_count === 0 ? shr_a : (shr_r = (shr_a >>> shr_count) | 0, s9 = shr_r, s10 = shr_r, s11 = (shr_a >>> (shr_count - 1)) & 1, s12 = shr_a >>> 31, shr_r)));`; // shr r, i8
    case 0x8b: return `s${r0} = (shr_a = s${r0}, shr_count = s${r1} & 31, (shr_count === 0 ? shr_a : (shr_r = (shr_a >>> shr_count) | 0, s9 = shr_r, s10 = shr_r, s11 = (shr_a >>> (shr_count - 1)) & 1, s12 = shr_a >>> 31, shr_r)));`; // shr r, r
    case 0x8c: return `s${r0} = (sar_a = s${r0}, sar_count = ${imm} & 31, (sar_count === 0 ? sar_a : (sar_r = sar_a >> sar_count, s9 = sar_r, s10 = sar_r, s11 = (sar_a >> (sar_count - 1)) & 1, s12 = 0, sar_r)));`; // sar r, i8
    case 0x8d: return `s${r0} = (sar_a = s${r0}, sar_count = s${r1} & 31, (sar_count === 0 ? sar_a : (sar_r = sar_a >> sar_count, s9 = sar_r, s10 = sar_r, s11 = (sar_a >> (sar_count - 1)) & 1, s12 = 0, sar_r)));`; // sar r, r
    case 0x8e: return `s${r0} = (rol_a = s${r0}, rol_count = ${imm} & 31, (rol_count === 0 ? rol_a : (rol_r = (rol_a << rol_count) | (rol_a >>> (32 - rol_count)), rol_c = rol_r & 1, s11 = rol_c, s12 = (rol_r >>> 31) ^ rol_c, rol_r)));`; // rol r, i8
    case 0x8f: return `s${r0} = (rol_a = s${r0}, rol_count = s${r1} & 31, (rol_count === 0 ? rol_a : (rol_r = (rol_a << rol_count) | (rol_a >>> (32 - rol_count)), rol_c = rol_r & 1, s11 = rol_c, s12 = (rol_r >>> 31) ^ rol_c, rol_r)));`; // rol r, r
    case 0x90: return `s${r0} = (ror_a = s${r0}, ror_count = ${imm} & 31, (ror_count === 0 ? ror_a : (ror_r = (ror_a >>> ror_count) | (ror_a << (32 - ror_count)), s11 = ror_r >>> 31, s12 = ((ror_r >>> 31) ^ (ror_r >>> 30)) & 1, ror_r)));`; // ror r, i8
    case 0x91: return `s${r0} = (ror_a = s${r0}, ror_count = s${r1} & 31, (ror_count === 0 ? ror_a : (ror_r = (ror_a >>> ror_count) | (ror_a << (32 - ror_count)), s11 = ror_r >>> 31, s12 = ((ror_r >>> 31) ^ (ror_r >>> 30)) & 1, ror_r)));`; // ror r, r
    case 0x92: return `(mulUnsigned_b = s${r0}, (mulUnsigned_a = s0, mulUnsigned_r = Math.imul(mulUnsigned_a, mulUnsigned_b), mulUnsigned_h = mulHighUnsigned(mulUnsigned_a, mulUnsigned_b), s0 = mulUnsigned_r, s2 = mulUnsigned_h, s9 = mulUnsigned_r, s10 = mulUnsigned_r, s11 = s12 = mulUnsigned_h !== 0 ? 1 : 0, mulUnsigned_r));`; // mul r
    case 0x93: return `(mulUnsigned_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (mulUnsigned_a = s0, mulUnsigned_r = Math.imul(mulUnsigned_a, mulUnsigned_b), mulUnsigned_h = mulHighUnsigned(mulUnsigned_a, mulUnsigned_b), s0 = mulUnsigned_r, s2 = mulUnsigned_h, s9 = mulUnsigned_r, s10 = mulUnsigned_r, s11 = s12 = mulUnsigned_h !== 0 ? 1 : 0, mulUnsigned_r));`; // mul m32
    case 0x94: return `(mulSigned_b = s${r0}, (mulSigned_a = s0, mulSigned_r = Math.imul(mulSigned_a, mulSigned_b), mulSigned_h = mulHighSigned(mulSigned_a, mulSigned_b), s0 = mulSigned_r, s2 = mulSigned_h, s9 = mulSigned_r, s10 = mulSigned_r, s11 = s12 = mulSigned_h !== mulSigned_r >> 31 ? 1 : 0, mulSigned_r));`; // imul r
    case 0x95: return `(mulSigned_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (mulSigned_a = s0, mulSigned_r = Math.imul(mulSigned_a, mulSigned_b), mulSigned_h = mulHighSigned(mulSigned_a, mulSigned_b), s0 = mulSigned_r, s2 = mulSigned_h, s9 = mulSigned_r, s10 = mulSigned_r, s11 = s12 = mulSigned_h !== mulSigned_r >> 31 ? 1 : 0, mulSigned_r));`; // imul m32
    case 0x96: return `s${r0} = (imul2_a = s${r0}, imul2_b = s${r1}, (imul2_r = Math.imul(imul2_a, imul2_b), s9 = imul2_r, s10 = imul2_r, s11 = s12 = mulHighSigned(imul2_a, imul2_b) !== imul2_r >> 31 ? 1 : 0, imul2_r));`; // imul r, r
    case 0x97: return `s${r0} = (imul2_a = s${r0}, imul2_b = (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))), (imul2_r = Math.imul(imul2_a, imul2_b), s9 = imul2_r, s10 = imul2_r, s11 = s12 = mulHighSigned(imul2_a, imul2_b) !== imul2_r >> 31 ? 1 : 0, imul2_r));`; // imul r, m32
    case 0x98: return `s${r0} = (imul2_a = s${r1}, imul2_b = ${imm}, (imul2_r = Math.imul(imul2_a, imul2_b), s9 = imul2_r, s10 = imul2_r, s11 = s12 = mulHighSigned(imul2_a, imul2_b) !== imul2_r >> 31 ? 1 : 0, imul2_r));`; // imul r, r, i32
    case 0x99: return `divUnsigned(cpu, st, s${r0});`; // div r
    case 0x9a: return `divUnsigned(cpu, st, (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))));`; // div m32
    case 0x9b: return `divSigned(cpu, st, s${r0});`; // idiv r
    case 0x9c: return `divSigned(cpu, st, (ta = ${ea}, (ta & -4093) === mc@0 ? (th++, words[mb@0 | ((ta >>> 2) & 1023)]) : (te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (mc@0 = ta & -4096, mb@0 = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta))));`; // idiv m32
    case 0xa0: return `if (s12 !== 0) ${jump(`${rel}`)};`; // jo rel
    case 0xa1: return `if (s12 === 0) ${jump(`${rel}`)};`; // jno rel
    case 0xa2: return `if (s11 !== 0) ${jump(`${rel}`)};`; // jb rel
    case 0xa3: return `if (s11 === 0) ${jump(`${rel}`)};`; // jae rel
    case 0xa4: return `if (s9 === 0) ${jump(`${rel}`)};`; // je rel
    case 0xa5: return `if (s9 !== 0) ${jump(`${rel}`)};`; // jne rel
    case 0xa6: return `if ((s11 !== 0 || s9 === 0)) ${jump(`${rel}`)};`; // jbe rel
    case 0xa7: return `if ((s11 === 0 && s9 !== 0)) ${jump(`${rel}`)};`; // ja rel
    case 0xa8: return `if (s10 < 0) ${jump(`${rel}`)};`; // js rel
    case 0xa9: return `if (s10 >= 0) ${jump(`${rel}`)};`; // jns rel
    case 0xaa: return `if (PARITY[s10 & 255] !== 0) ${jump(`${rel}`)};`; // jp rel
    case 0xab: return `if (PARITY[s10 & 255] === 0) ${jump(`${rel}`)};`; // jnp rel
    case 0xac: return `if ((s10 >>> 31) !== s12) ${jump(`${rel}`)};`; // jl rel
    case 0xad: return `if ((s10 >>> 31) === s12) ${jump(`${rel}`)};`; // jge rel
    case 0xae: return `if ((s9 === 0 || (s10 >>> 31) !== s12)) ${jump(`${rel}`)};`; // jle rel
    case 0xaf: return `if ((s9 !== 0 && (s10 >>> 31) === s12)) ${jump(`${rel}`)};`; // jg rel
    case 0xb0: return `s${r0} = s12 !== 0 ? 1 : 0;`; // seto r
    case 0xb1: return `s${r0} = s12 === 0 ? 1 : 0;`; // setno r
    case 0xb2: return `s${r0} = s11 !== 0 ? 1 : 0;`; // setb r
    case 0xb3: return `s${r0} = s11 === 0 ? 1 : 0;`; // setae r
    case 0xb4: return `s${r0} = s9 === 0 ? 1 : 0;`; // sete r
    case 0xb5: return `s${r0} = s9 !== 0 ? 1 : 0;`; // setne r
    case 0xb6: return `s${r0} = (s11 !== 0 || s9 === 0) ? 1 : 0;`; // setbe r
    case 0xb7: return `s${r0} = (s11 === 0 && s9 !== 0) ? 1 : 0;`; // seta r
    case 0xb8: return `s${r0} = s10 < 0 ? 1 : 0;`; // sets r
    case 0xb9: return `s${r0} = s10 >= 0 ? 1 : 0;`; // setns r
    case 0xba: return `s${r0} = PARITY[s10 & 255] !== 0 ? 1 : 0;`; // setp r
    case 0xbb: return `s${r0} = PARITY[s10 & 255] === 0 ? 1 : 0;`; // setnp r
    case 0xbc: return `s${r0} = (s10 >>> 31) !== s12 ? 1 : 0;`; // setl r
    case 0xbd: return `s${r0} = (s10 >>> 31) === s12 ? 1 : 0;`; // setge r
    case 0xbe: return `s${r0} = (s9 === 0 || (s10 >>> 31) !== s12) ? 1 : 0;`; // setle r
    case 0xbf: return `s${r0} = (s9 !== 0 && (s10 >>> 31) === s12) ? 1 : 0;`; // setg r
    default: throw new Error(`blocks: opcode 0x${op.toString(16)} is not compilable`);
  }
}

/** The same for a plain block: the state stays in st and the flag operations are calls. */
export function plainInstructionSource(op: number, r0: number, r1: number, ea: string, imm: number, next: string, rel: string,
  jump: (target: string) => string): string {
  switch (op) {
    case 0x01: return ``; // nop
    case 0x08: return `{ const v = (ta = st[4], te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (st[4] + 4) | 0; ${jump(`v`)}; }`; // ret
    case 0x09: return `{ const v = (ta = st[5], te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (st[5] + 4) | 0; st[5] = v; }`; // leave
    case 0x0a: return `st[2] = st[0] >> 31;`; // cdq
    case 0x0e: return `st[13] &= ~1024;`; // cld
    case 0x0f: return `st[13] |= 1024;`; // std
    case 0x28: return `st[${r0}] = st[${r1}];`; // mov r, r
    case 0x29: return `st[${r0}] = ${imm};`; // mov r, i32
    case 0x2a: return `st[${r0}] = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta));`; // mov r, m32
    case 0x2b: return `(tw = ${ea}, tv = st[${r0}], twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv));`; // mov m32, r
    case 0x2c: return `(tw = ${ea}, tv = ${imm}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv));`; // mov m32, i32
    case 0x2d: return `cpu.wr16(${ea}, st[${r0}]);`; // mov m16, r
    case 0x2e: return `cpu.wr8(${ea}, st[${r0}]);`; // mov m8, r
    case 0x2f: return `cpu.wr16(${ea}, ${imm});`; // mov m16, i16
    case 0x30: return `cpu.wr8(${ea}, ${imm});`; // mov m8, i8
    case 0x31: return `st[${r0}] = cpu.rd8(${ea});`; // movzx r, m8
    case 0x32: return `st[${r0}] = cpu.rd16(${ea});`; // movzx r, m16
    case 0x33: return `st[${r0}] = (cpu.rd8(${ea}) << 24) >> 24;`; // movsx r, m8
    case 0x34: return `st[${r0}] = (cpu.rd16(${ea}) << 16) >> 16;`; // movsx r, m16
    case 0x35: return `st[${r0}] = st[${r1}] & 0xff;`; // movzxb r, r
    case 0x36: return `st[${r0}] = st[${r1}] & 0xffff;`; // movzxw r, r
    case 0x37: return `st[${r0}] = (st[${r1}] << 24) >> 24;`; // movsxb r, r
    case 0x38: return `st[${r0}] = (st[${r1}] << 16) >> 16;`; // movsxw r, r
    case 0x39: return `st[${r0}] = ${ea};`; // lea r, m
    case 0x3a: return `{ const t = st[${r0}]; st[${r0}] = st[${r1}]; st[${r1}] = t; }`; // xchg r, r
    case 0x3b: return `{ const a = ${ea}; const v = (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)); (tw = a, tv = st[${r0}], twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[${r0}] = v; }`; // xchg r, m32
    case 0x3c: return `{ const v = st[${r0}]; const sp = (st[4] - 4) | 0; (tw = sp, tv = v, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = sp; }`; // push r
    case 0x3d: return `{ const sp = (st[4] - 4) | 0; (tw = sp, tv = ${imm}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = sp; }`; // push i32
    case 0x3e: return `{ const v = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); const sp = (st[4] - 4) | 0; (tw = sp, tv = v, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = sp; }`; // push m32
    case 0x3f: return `{ const v = (ta = st[4], te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (st[4] + 4) | 0; st[${r0}] = v; }`; // pop r
    case 0x40: return `{ const sp = st[4]; const v = (ta = sp, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (sp + 4) | 0; const a = ${ea}; st[4] = sp; (tw = a, tv = v, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = (sp + 4) | 0; }`; // pop m32
    case 0x41: return `${jump(`${rel}`)};`; // jmp rel
    case 0x42: return `${jump(`st[${r0}]`)};`; // jmp r
    case 0x43: return `{ const t = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); ${jump(`t`)}; }`; // jmp m32
    case 0x44: return `{ const sp = (st[4] - 4) | 0; (tw = sp, tv = ${next}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = sp; ${jump(`${rel}`)}; }`; // call rel
    case 0x45: return `{ const t = st[${r0}]; const sp = (st[4] - 4) | 0; (tw = sp, tv = ${next}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = sp; ${jump(`t`)}; }`; // call r
    case 0x46: return `{ const t = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); const sp = (st[4] - 4) | 0; (tw = sp, tv = ${next}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); st[4] = sp; ${jump(`t`)}; }`; // call m32
    case 0x50: return `st[${r0}] = add(st, st[${r0}], st[${r1}]);`; // add r, r
    case 0x51: return `st[${r0}] = add(st, st[${r0}], ${imm});`; // add r, i32
    case 0x52: return `st[${r0}] = add(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // add r, m32
    case 0x53: return `{ const a = ${ea}; (tw = a, tv = add(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // add m32, r
    case 0x54: return `{ const a = ${ea}; (tw = a, tv = add(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // add m32, i32
    case 0x55: return `st[${r0}] = logic(st, st[${r0}] | st[${r1}]);`; // or r, r
    case 0x56: return `st[${r0}] = logic(st, st[${r0}] | ${imm});`; // or r, i32
    case 0x57: return `st[${r0}] = logic(st, st[${r0}] | (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // or r, m32
    case 0x58: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) | st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // or m32, r
    case 0x59: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) | ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // or m32, i32
    case 0x5a: return `st[${r0}] = adc(st, st[${r0}], st[${r1}]);`; // adc r, r
    case 0x5b: return `st[${r0}] = adc(st, st[${r0}], ${imm});`; // adc r, i32
    case 0x5c: return `st[${r0}] = adc(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // adc r, m32
    case 0x5d: return `{ const a = ${ea}; (tw = a, tv = adc(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // adc m32, r
    case 0x5e: return `{ const a = ${ea}; (tw = a, tv = adc(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // adc m32, i32
    case 0x5f: return `st[${r0}] = sbb(st, st[${r0}], st[${r1}]);`; // sbb r, r
    case 0x60: return `st[${r0}] = sbb(st, st[${r0}], ${imm});`; // sbb r, i32
    case 0x61: return `st[${r0}] = sbb(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // sbb r, m32
    case 0x62: return `{ const a = ${ea}; (tw = a, tv = sbb(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // sbb m32, r
    case 0x63: return `{ const a = ${ea}; (tw = a, tv = sbb(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // sbb m32, i32
    case 0x64: return `st[${r0}] = logic(st, st[${r0}] & st[${r1}]);`; // and r, r
    case 0x65: return `st[${r0}] = logic(st, st[${r0}] & ${imm});`; // and r, i32
    case 0x66: return `st[${r0}] = logic(st, st[${r0}] & (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // and r, m32
    case 0x67: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) & st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // and m32, r
    case 0x68: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) & ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // and m32, i32
    case 0x69: return `st[${r0}] = sub(st, st[${r0}], st[${r1}]);`; // sub r, r
    case 0x6a: return `st[${r0}] = sub(st, st[${r0}], ${imm});`; // sub r, i32
    case 0x6b: return `st[${r0}] = sub(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // sub r, m32
    case 0x6c: return `{ const a = ${ea}; (tw = a, tv = sub(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // sub m32, r
    case 0x6d: return `{ const a = ${ea}; (tw = a, tv = sub(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // sub m32, i32
    case 0x6e: return `st[${r0}] = logic(st, st[${r0}] ^ st[${r1}]);`; // xor r, r
    case 0x6f: return `st[${r0}] = logic(st, st[${r0}] ^ ${imm});`; // xor r, i32
    case 0x70: return `st[${r0}] = logic(st, st[${r0}] ^ (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // xor r, m32
    case 0x71: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) ^ st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // xor m32, r
    case 0x72: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) ^ ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // xor m32, i32
    case 0x73: return `sub(st, st[${r0}], st[${r1}]);`; // cmp r, r
    case 0x74: return `sub(st, st[${r0}], ${imm});`; // cmp r, i32
    case 0x75: return `sub(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // cmp r, m32
    case 0x76: return `sub(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)), st[${r0}]);`; // cmp m32, r
    case 0x77: return `sub(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)), ${imm});`; // cmp m32, i32
    case 0x78: return `logic(st, st[${r0}] & st[${r1}]);`; // test r, r
    case 0x79: return `logic(st, st[${r0}] & ${imm});`; // test r, i32
    case 0x7a: return `logic(st, st[${r0}] & (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // test r, m32
    case 0x7b: return `logic(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)) & st[${r0}]);`; // test m32, r
    case 0x7c: return `logic(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)) & ${imm});`; // test m32, i32
    case 0x80: return `st[${r0}] = inc(st, st[${r0}]);`; // inc r
    case 0x81: return `{ const a = ${ea}; (tw = a, tv = inc(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // inc m32
    case 0x82: return `st[${r0}] = dec(st, st[${r0}]);`; // dec r
    case 0x83: return `{ const a = ${ea}; (tw = a, tv = dec(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // dec m32
    case 0x84: return `st[${r0}] = sub(st, 0, st[${r0}]);`; // neg r
    case 0x85: return `{ const a = ${ea}; (tw = a, tv = sub(st, 0, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // neg m32
    case 0x86: return `st[${r0}] = ~st[${r0}];`; // not r
    case 0x87: return `{ const a = ${ea}; (tw = a, tv = ~(ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)); }`; // not m32
    case 0x88: return `st[${r0}] = shl(st, st[${r0}], ${imm} & 31);`; // shl r, i8
    case 0x89: return `st[${r0}] = shl(st, st[${r0}], st[${r1}] & 31);`; // shl r, r
    case 0x8a: return `st[${r0}] = shr(st, st[${r0}], ${imm} & 31);`; // shr r, i8
    case 0x8b: return `st[${r0}] = shr(st, st[${r0}], st[${r1}] & 31);`; // shr r, r
    case 0x8c: return `st[${r0}] = sar(st, st[${r0}], ${imm} & 31);`; // sar r, i8
    case 0x8d: return `st[${r0}] = sar(st, st[${r0}], st[${r1}] & 31);`; // sar r, r
    case 0x8e: return `st[${r0}] = rol(st, st[${r0}], ${imm} & 31);`; // rol r, i8
    case 0x8f: return `st[${r0}] = rol(st, st[${r0}], st[${r1}] & 31);`; // rol r, r
    case 0x90: return `st[${r0}] = ror(st, st[${r0}], ${imm} & 31);`; // ror r, i8
    case 0x91: return `st[${r0}] = ror(st, st[${r0}], st[${r1}] & 31);`; // ror r, r
    case 0x92: return `mulUnsigned(st, st[${r0}]);`; // mul r
    case 0x93: return `mulUnsigned(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // mul m32
    case 0x94: return `mulSigned(st, st[${r0}]);`; // imul r
    case 0x95: return `mulSigned(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // imul m32
    case 0x96: return `st[${r0}] = imul2(st, st[${r0}], st[${r1}]);`; // imul r, r
    case 0x97: return `st[${r0}] = imul2(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // imul r, m32
    case 0x98: return `st[${r0}] = imul2(st, st[${r1}], ${imm});`; // imul r, r, i32
    case 0x99: return `divUnsigned(cpu, st, st[${r0}]);`; // div r
    case 0x9a: return `divUnsigned(cpu, st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // div m32
    case 0x9b: return `divSigned(cpu, st, st[${r0}]);`; // idiv r
    case 0x9c: return `divSigned(cpu, st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // idiv m32
    case 0xa0: return `if (st[12] !== 0) ${jump(`${rel}`)};`; // jo rel
    case 0xa1: return `if (st[12] === 0) ${jump(`${rel}`)};`; // jno rel
    case 0xa2: return `if (st[11] !== 0) ${jump(`${rel}`)};`; // jb rel
    case 0xa3: return `if (st[11] === 0) ${jump(`${rel}`)};`; // jae rel
    case 0xa4: return `if (st[9] === 0) ${jump(`${rel}`)};`; // je rel
    case 0xa5: return `if (st[9] !== 0) ${jump(`${rel}`)};`; // jne rel
    case 0xa6: return `if ((st[11] !== 0 || st[9] === 0)) ${jump(`${rel}`)};`; // jbe rel
    case 0xa7: return `if ((st[11] === 0 && st[9] !== 0)) ${jump(`${rel}`)};`; // ja rel
    case 0xa8: return `if (st[10] < 0) ${jump(`${rel}`)};`; // js rel
    case 0xa9: return `if (st[10] >= 0) ${jump(`${rel}`)};`; // jns rel
    case 0xaa: return `if (PARITY[st[10] & 255] !== 0) ${jump(`${rel}`)};`; // jp rel
    case 0xab: return `if (PARITY[st[10] & 255] === 0) ${jump(`${rel}`)};`; // jnp rel
    case 0xac: return `if ((st[10] >>> 31) !== st[12]) ${jump(`${rel}`)};`; // jl rel
    case 0xad: return `if ((st[10] >>> 31) === st[12]) ${jump(`${rel}`)};`; // jge rel
    case 0xae: return `if ((st[9] === 0 || (st[10] >>> 31) !== st[12])) ${jump(`${rel}`)};`; // jle rel
    case 0xaf: return `if ((st[9] !== 0 && (st[10] >>> 31) === st[12])) ${jump(`${rel}`)};`; // jg rel
    case 0xb0: return `st[${r0}] = st[12] !== 0 ? 1 : 0;`; // seto r
    case 0xb1: return `st[${r0}] = st[12] === 0 ? 1 : 0;`; // setno r
    case 0xb2: return `st[${r0}] = st[11] !== 0 ? 1 : 0;`; // setb r
    case 0xb3: return `st[${r0}] = st[11] === 0 ? 1 : 0;`; // setae r
    case 0xb4: return `st[${r0}] = st[9] === 0 ? 1 : 0;`; // sete r
    case 0xb5: return `st[${r0}] = st[9] !== 0 ? 1 : 0;`; // setne r
    case 0xb6: return `st[${r0}] = (st[11] !== 0 || st[9] === 0) ? 1 : 0;`; // setbe r
    case 0xb7: return `st[${r0}] = (st[11] === 0 && st[9] !== 0) ? 1 : 0;`; // seta r
    case 0xb8: return `st[${r0}] = st[10] < 0 ? 1 : 0;`; // sets r
    case 0xb9: return `st[${r0}] = st[10] >= 0 ? 1 : 0;`; // setns r
    case 0xba: return `st[${r0}] = PARITY[st[10] & 255] !== 0 ? 1 : 0;`; // setp r
    case 0xbb: return `st[${r0}] = PARITY[st[10] & 255] === 0 ? 1 : 0;`; // setnp r
    case 0xbc: return `st[${r0}] = (st[10] >>> 31) !== st[12] ? 1 : 0;`; // setl r
    case 0xbd: return `st[${r0}] = (st[10] >>> 31) === st[12] ? 1 : 0;`; // setge r
    case 0xbe: return `st[${r0}] = (st[9] === 0 || (st[10] >>> 31) !== st[12]) ? 1 : 0;`; // setle r
    case 0xbf: return `st[${r0}] = (st[9] !== 0 && (st[10] >>> 31) === st[12]) ? 1 : 0;`; // setg r
    default: throw new Error(`blocks: opcode 0x${op.toString(16)} is not compilable`);
  }
}
