// Generated from isa/table.ts by emulator/cpu/gen-isa.ts (npm run gen): do not edit.
//
// The block compiler's (emulator/cpu/blocks.ts) JavaScript for each compilable
// instruction: the row's template with its operands filled in when the block
// is compiled. Register, flag-slot and eflags-bit names of emulator/cpu/alu.ts
// are literal numbers here (registers 0-7 eax..edi; F_Z 9, F_SP 10, F_CF 11,
// F_OF 12, F_BITS 13; FL_DF 1024, FL_IF 512).

/** The alu.ts exports these sources call: the block function binds them by name. */
export const BLOCK_HELPERS = 'PARITY, adc, add, dec, divSigned, divUnsigned, imul2, inc, logic, mulSigned, mulUnsigned, rol, ror, sar, sbb, shl, shr, sub';

/** Each condition (CONDITIONS order) as a boolean expression over st. */
export const CONDITION_JS: readonly string[] = [
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
 * instruction and the branch target, n its 1-based index in the block.
 */
export function instructionSource(op: number, r0: number, r1: number, ea: string, imm: number, next: string, rel: string, n: number): string {
  switch (op) {
    case 0x01: return ``; // nop
    case 0x08: return `{ const v = (ta = st[4], te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (st[4] + 4) | 0; { cpu.blockRetired = r + ${n}; return v; }; }`; // ret
    case 0x09: return `{ const v = (ta = st[5], te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (st[5] + 4) | 0; st[5] = v; }`; // leave
    case 0x0a: return `st[2] = st[0] >> 31;`; // cdq
    case 0x0e: return `st[13] &= ~1024;`; // cld
    case 0x0f: return `st[13] |= 1024;`; // std
    case 0x28: return `st[${r0}] = st[${r1}];`; // mov r, r
    case 0x29: return `st[${r0}] = ${imm};`; // mov r, i32
    case 0x2a: return `st[${r0}] = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta));`; // mov r, m32
    case 0x2b: return `(tw = ${ea}, tv = st[${r0}], twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv));`; // mov m32, r
    case 0x2c: return `(tw = ${ea}, tv = ${imm}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv));`; // mov m32, i32
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
    case 0x3b: return `{ const a = ${ea}; const v = (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)); (tw = a, tv = st[${r0}], twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[${r0}] = v; }`; // xchg r, m32
    case 0x3c: return `{ const v = st[${r0}]; const sp = (st[4] - 4) | 0; (tw = sp, tv = v, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = sp; }`; // push r
    case 0x3d: return `{ const sp = (st[4] - 4) | 0; (tw = sp, tv = ${imm}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = sp; }`; // push i32
    case 0x3e: return `{ const v = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); const sp = (st[4] - 4) | 0; (tw = sp, tv = v, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = sp; }`; // push m32
    case 0x3f: return `{ const v = (ta = st[4], te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (st[4] + 4) | 0; st[${r0}] = v; }`; // pop r
    case 0x40: return `{ const sp = st[4]; const v = (ta = sp, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); st[4] = (sp + 4) | 0; const a = ${ea}; st[4] = sp; (tw = a, tv = v, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = (sp + 4) | 0; }`; // pop m32
    case 0x41: return `{ cpu.blockRetired = r + ${n}; return ${rel}; };`; // jmp rel
    case 0x42: return `{ cpu.blockRetired = r + ${n}; return st[${r0}]; };`; // jmp r
    case 0x43: return `{ const t = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); { cpu.blockRetired = r + ${n}; return t; }; }`; // jmp m32
    case 0x44: return `{ const sp = (st[4] - 4) | 0; (tw = sp, tv = ${next}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = sp; { cpu.blockRetired = r + ${n}; return ${rel}; }; }`; // call rel
    case 0x45: return `{ const t = st[${r0}]; const sp = (st[4] - 4) | 0; (tw = sp, tv = ${next}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = sp; { cpu.blockRetired = r + ${n}; return t; }; }`; // call r
    case 0x46: return `{ const t = (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)); const sp = (st[4] - 4) | 0; (tw = sp, tv = ${next}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); st[4] = sp; { cpu.blockRetired = r + ${n}; return t; }; }`; // call m32
    case 0x50: return `st[${r0}] = add(st, st[${r0}], st[${r1}]);`; // add r, r
    case 0x51: return `st[${r0}] = add(st, st[${r0}], ${imm});`; // add r, i32
    case 0x52: return `st[${r0}] = add(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // add r, m32
    case 0x53: return `{ const a = ${ea}; (tw = a, tv = add(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // add m32, r
    case 0x54: return `{ const a = ${ea}; (tw = a, tv = add(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // add m32, i32
    case 0x55: return `st[${r0}] = logic(st, st[${r0}] | st[${r1}]);`; // or r, r
    case 0x56: return `st[${r0}] = logic(st, st[${r0}] | ${imm});`; // or r, i32
    case 0x57: return `st[${r0}] = logic(st, st[${r0}] | (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // or r, m32
    case 0x58: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) | st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // or m32, r
    case 0x59: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) | ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // or m32, i32
    case 0x5a: return `st[${r0}] = adc(st, st[${r0}], st[${r1}]);`; // adc r, r
    case 0x5b: return `st[${r0}] = adc(st, st[${r0}], ${imm});`; // adc r, i32
    case 0x5c: return `st[${r0}] = adc(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // adc r, m32
    case 0x5d: return `{ const a = ${ea}; (tw = a, tv = adc(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // adc m32, r
    case 0x5e: return `{ const a = ${ea}; (tw = a, tv = adc(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // adc m32, i32
    case 0x5f: return `st[${r0}] = sbb(st, st[${r0}], st[${r1}]);`; // sbb r, r
    case 0x60: return `st[${r0}] = sbb(st, st[${r0}], ${imm});`; // sbb r, i32
    case 0x61: return `st[${r0}] = sbb(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // sbb r, m32
    case 0x62: return `{ const a = ${ea}; (tw = a, tv = sbb(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // sbb m32, r
    case 0x63: return `{ const a = ${ea}; (tw = a, tv = sbb(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // sbb m32, i32
    case 0x64: return `st[${r0}] = logic(st, st[${r0}] & st[${r1}]);`; // and r, r
    case 0x65: return `st[${r0}] = logic(st, st[${r0}] & ${imm});`; // and r, i32
    case 0x66: return `st[${r0}] = logic(st, st[${r0}] & (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // and r, m32
    case 0x67: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) & st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // and m32, r
    case 0x68: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) & ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // and m32, i32
    case 0x69: return `st[${r0}] = sub(st, st[${r0}], st[${r1}]);`; // sub r, r
    case 0x6a: return `st[${r0}] = sub(st, st[${r0}], ${imm});`; // sub r, i32
    case 0x6b: return `st[${r0}] = sub(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // sub r, m32
    case 0x6c: return `{ const a = ${ea}; (tw = a, tv = sub(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // sub m32, r
    case 0x6d: return `{ const a = ${ea}; (tw = a, tv = sub(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // sub m32, i32
    case 0x6e: return `st[${r0}] = logic(st, st[${r0}] ^ st[${r1}]);`; // xor r, r
    case 0x6f: return `st[${r0}] = logic(st, st[${r0}] ^ ${imm});`; // xor r, i32
    case 0x70: return `st[${r0}] = logic(st, st[${r0}] ^ (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // xor r, m32
    case 0x71: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) ^ st[${r0}]), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // xor m32, r
    case 0x72: return `{ const a = ${ea}; (tw = a, tv = logic(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)) ^ ${imm}), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // xor m32, i32
    case 0x73: return `sub(st, st[${r0}], st[${r1}]);`; // cmp r, r
    case 0x74: return `sub(st, st[${r0}], ${imm});`; // cmp r, i32
    case 0x75: return `sub(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // cmp r, m32
    case 0x76: return `sub(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)), st[${r0}]);`; // cmp m32, r
    case 0x77: return `sub(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)), ${imm});`; // cmp m32, i32
    case 0x78: return `logic(st, st[${r0}] & st[${r1}]);`; // test r, r
    case 0x79: return `logic(st, st[${r0}] & ${imm});`; // test r, i32
    case 0x7a: return `logic(st, st[${r0}] & (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // test r, m32
    case 0x7b: return `logic(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)) & st[${r0}]);`; // test m32, r
    case 0x7c: return `logic(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)) & ${imm});`; // test m32, i32
    case 0x80: return `st[${r0}] = inc(st, st[${r0}]);`; // inc r
    case 0x81: return `{ const a = ${ea}; (tw = a, tv = inc(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // inc m32
    case 0x82: return `st[${r0}] = dec(st, st[${r0}]);`; // dec r
    case 0x83: return `{ const a = ${ea}; (tw = a, tv = dec(st, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // dec m32
    case 0x84: return `st[${r0}] = sub(st, 0, st[${r0}]);`; // neg r
    case 0x85: return `{ const a = ${ea}; (tw = a, tv = sub(st, 0, (ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta))), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // neg m32
    case 0x86: return `st[${r0}] = ~st[${r0}];`; // not r
    case 0x87: return `{ const a = ${ea}; (tw = a, tv = ~(ta = a, te = tlb[ta >>> 12], (te & wm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32w(ta)), twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? (tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, hits[0]++) : cpu.wr32(tw, tv)); }`; // not m32
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
    case 0x93: return `mulUnsigned(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // mul m32
    case 0x94: return `mulSigned(st, st[${r0}]);`; // imul r
    case 0x95: return `mulSigned(st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // imul m32
    case 0x96: return `st[${r0}] = imul2(st, st[${r0}], st[${r1}]);`; // imul r, r
    case 0x97: return `st[${r0}] = imul2(st, st[${r0}], (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // imul r, m32
    case 0x98: return `st[${r0}] = imul2(st, st[${r1}], ${imm});`; // imul r, r, i32
    case 0x99: return `divUnsigned(cpu, st, st[${r0}]);`; // div r
    case 0x9a: return `divUnsigned(cpu, st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // div m32
    case 0x9b: return `divSigned(cpu, st, st[${r0}]);`; // idiv r
    case 0x9c: return `divSigned(cpu, st, (ta = ${ea}, te = tlb[ta >>> 12], (te & rm) !== 0 && (ta & 3) === 0 ? (hits[0]++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.rd32(ta)));`; // idiv m32
    case 0xa0: return `if (st[12] !== 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jo rel
    case 0xa1: return `if (st[12] === 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jno rel
    case 0xa2: return `if (st[11] !== 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jb rel
    case 0xa3: return `if (st[11] === 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jae rel
    case 0xa4: return `if (st[9] === 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // je rel
    case 0xa5: return `if (st[9] !== 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jne rel
    case 0xa6: return `if ((st[11] !== 0 || st[9] === 0)) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jbe rel
    case 0xa7: return `if ((st[11] === 0 && st[9] !== 0)) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // ja rel
    case 0xa8: return `if (st[10] < 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // js rel
    case 0xa9: return `if (st[10] >= 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jns rel
    case 0xaa: return `if (PARITY[st[10] & 255] !== 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jp rel
    case 0xab: return `if (PARITY[st[10] & 255] === 0) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jnp rel
    case 0xac: return `if ((st[10] >>> 31) !== st[12]) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jl rel
    case 0xad: return `if ((st[10] >>> 31) === st[12]) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jge rel
    case 0xae: return `if ((st[9] === 0 || (st[10] >>> 31) !== st[12])) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jle rel
    case 0xaf: return `if ((st[9] !== 0 && (st[10] >>> 31) === st[12])) { cpu.blockRetired = r + ${n}; return ${rel}; };`; // jg rel
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
