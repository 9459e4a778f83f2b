// The disassembler: one instruction at a linear address to text, driven by
// the ISA table through decode(). The debug pane, the inspection API and the
// assembler's round-trip test use it.
//
// Invariants: the text is valid input for toolchain/as and reassembles to the
// same bytes (memory operands always carry their size, except the size-less
// `m` of lea/invlpg; numbers are exact; branch targets are absolute
// addresses; a branch target or an absolute memory address gets
// `; <symbol+off>` as a comment when a symbolizer knows one);
// undefined or invalidly encoded bytes give "(bad)" with length 1; it never
// throws whatever the bytes are.

import { decode, type MemOperand } from '../isa/encoding.ts';
import { CONTROL_REGISTERS, REGISTERS } from '../isa/table.ts';

const SIZE_NAME: Record<string, string> = { m8: 'byte ', m16: 'word ', m32: 'dword ', m: '' };

/** Small numbers in decimal, others in hexadecimal; negative values keep their sign. */
function num(v: number): string {
  if (v < 0) return `-${num(-v)}`;
  return v < 10 ? String(v) : `0x${v.toString(16)}`;
}

function memText(m: MemOperand): string {
  const parts: string[] = [];
  if (m.base <= 7) parts.push(REGISTERS[m.base]);
  if (m.index <= 7) parts.push(m.scale === 1 && m.base <= 7 ? REGISTERS[m.index] : `${REGISTERS[m.index]}*${m.scale}`);
  let text = parts.join('+');
  if (parts.length === 0) text = num(m.disp >>> 0);
  else if (m.disp > 0) text += `+${num(m.disp)}`;
  else if (m.disp < 0) text += `-${num(-m.disp)}`;
  return `[${text}]`;
}

export function disassemble(
  byteAt: (linear: number) => number,
  addr: number,
  symbolize?: (addr: number) => string | undefined,
): { text: string; length: number } {
  let d;
  try {
    d = decode((offset) => byteAt((addr + offset) >>> 0) & 0xff);
  } catch {
    d = null;
  }
  if (!d) return { text: '(bad)', length: 1 };
  const { row, operands, length } = d;
  let comment = '';
  const parts = row.operands.map((kind, i) => {
    const v = operands[i];
    if (typeof v !== 'number') {
      // An absolute address ([0xc0123400]) is usually a global variable: name it too.
      if (v.base > 7 && v.index > 7) {
        const name = symbolize?.(v.disp >>> 0);
        if (name) comment = ` ; <${name}>`;
      }
      return SIZE_NAME[kind] + memText(v);
    }
    switch (kind) {
      case 'r': return REGISTERS[v];
      case 'cr': return CONTROL_REGISTERS[v];
      case 'rel': {
        const target = (addr + length + v) >>> 0;
        const name = symbolize?.(target);
        if (name) comment = ` ; <${name}>`;
        return `0x${target.toString(16)}`;
      }
      case 'i32': return v < 0 && v >= -4096 ? num(v) : num(v >>> 0);
      default: return num(v);
    }
  });
  return { text: (parts.length ? `${row.mnemonic} ${parts.join(', ')}` : row.mnemonic) + comment, length };
}
