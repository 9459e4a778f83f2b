// The decoded-instruction cache: each physical code frame decoded once.
//
// Owns a pool of slots; a slot holds the decoded form of one 4 KiB physical
// frame, one entry per byte offset (an instruction may start anywhere), filled
// lazily the first time an instruction at that offset runs. An entry is three
// parallel typed-array cells:
//   word  op (bits 0-7) | length (8-11) | first register (12-15) |
//         second register (16-19) | base (20-23) | index (24-27) | log2 scale (28-29)
//         (base/index 8 = none: the CPU's register 8 is always zero)
//   disp  the memory operand's displacement
//   imm   the immediate or rel32 (i8/i16 zero-extended)
// word 0 means "not decoded yet" (opcode 0 is never valid).
//
// Invariants: a frame has a slot iff mem.codeMark[frame] is set; any write to
// the frame (CPU store, DMA, page-table update) drops the slot before the
// write lands, so a cached entry always matches the bytes in RAM. The first
// entry (`scratch`) is not part of any slot: instructions that cross a page
// boundary are decoded there afresh every time they run (the slow path).
// Compiled basic blocks hang off the same entries and are dropped with them.
//
// Allocation: the typed arrays are allocated whole (zeroed pages the OS
// hands out untouched until used: cheap). The block table is a plain array,
// which V8 fills with holes when made: a million entries cost a page start
// 50-150 ms, so it grows a slot at a time instead, when a slot is first
// handed out (slots are handed out in order, so it only ever grows at its
// end, and never again once all slots have been used). The hot loop never
// allocates: it reads and writes only entries of slots already handed out.

import { decode, layoutOf, NO_REG, type Decoded, type MemOperand } from '../../isa/encoding.ts';
import { PAGE_SHIFT, PAGE_SIZE, type PhysicalMemory } from '../memory.ts';
import type { BlockFn } from './blocks.ts';

export const DEFAULT_CODE_SLOTS = 256;

export class CodeCache {
  readonly word: Int32Array;
  readonly disp: Int32Array;
  readonly imm: Int32Array;
  readonly scratch: number;
  /**
   * Per entry: the compiled block starting there (emulator/cpu/blocks.ts),
   * null when it cannot start a block, undefined when not compiled yet.
   */
  readonly blocks: (BlockFn | null | undefined)[];
  /** Instructions in the block at each entry. */
  readonly blockLen: Uint8Array;
  /** Interpreted executions of each entry, until it is compiled. */
  readonly heat: Uint16Array;
  /** How often each frame's decoded code was dropped (saturates): frames rewritten often are not worth compiling. */
  readonly dropCount: Uint8Array;
  /** Called whenever a slot is dropped, so the CPU forgets its cached fetch page. */
  onDrop: () => void = () => {};

  private readonly slotOfFrame: Int32Array;
  private readonly frameOfSlot: Int32Array;
  private nextVictim = 0;
  decodedCount = 0;
  droppedCount = 0;

  constructor(private readonly mem: PhysicalMemory, private readonly slots = DEFAULT_CODE_SLOTS) {
    const n = slots * PAGE_SIZE + 1;
    this.word = new Int32Array(n);
    this.disp = new Int32Array(n);
    this.imm = new Int32Array(n);
    this.scratch = 0;
    // Page-crossing instructions never start a block; the slots' entries are added by baseFor (holes read as
    // undefined: "not compiled yet").
    this.blocks = [null];
    this.blockLen = new Uint8Array(n);
    this.heat = new Uint16Array(n);
    this.slotOfFrame = new Int32Array(mem.size >>> PAGE_SHIFT);
    this.dropCount = new Uint8Array(mem.size >>> PAGE_SHIFT);
    this.frameOfSlot = new Int32Array(slots).fill(-1);
    mem.onCodeWrite = (frame) => this.dropFrame(frame);
  }

  /** The index of offset 0 of `frame`'s slot, allocating (and evicting) if needed. */
  baseFor(frame: number): number {
    const s = this.slotOfFrame[frame];
    if (s !== 0) return this.slotBase(s - 1);
    const slot = this.nextVictim;
    this.nextVictim = (slot + 1) % this.slots;
    const old = this.frameOfSlot[slot];
    if (old >= 0) this.dropFrame(old);
    this.frameOfSlot[slot] = frame;
    this.slotOfFrame[frame] = slot + 1;
    this.mem.codeMark[frame] = 1;
    const base = this.slotBase(slot);
    if (this.blocks.length < base + PAGE_SIZE) this.blocks.length = base + PAGE_SIZE; // the slot's first use
    return base;
  }

  /** The index of offset 0 of `slot` (entry 0 is the scratch entry). */
  private slotBase(slot: number): number {
    return 1 + slot * PAGE_SIZE;
  }

  /** Forget what was decoded from `frame` (its bytes are about to change). */
  dropFrame(frame: number): void {
    const s = this.slotOfFrame[frame];
    this.mem.codeMark[frame] = 0;
    if (s === 0) return;
    const base = this.slotBase(s - 1);
    this.word.fill(0, base, base + PAGE_SIZE);
    this.blocks.fill(undefined, base, base + PAGE_SIZE);
    this.heat.fill(0, base, base + PAGE_SIZE);
    this.slotOfFrame[frame] = 0;
    this.frameOfSlot[s - 1] = -1;
    this.droppedCount++;
    if (this.dropCount[frame] < 255) this.dropCount[frame]++;
    this.onDrop();
  }

  /** Forget everything (power-on): slots, blocks and the per-frame drop history. */
  dropAll(): void {
    for (let s = 0; s < this.slots; s++) {
      const f = this.frameOfSlot[s];
      if (f >= 0) this.dropFrame(f);
    }
    this.dropCount.fill(0);
  }

  /**
   * Decode the instruction whose bytes `byteAt` gives into entry `idx`.
   * Returns false for an undefined opcode or invalid encoding (#UD).
   * `byteAt` may throw (a page fault fetching the second page).
   */
  decodeInto(idx: number, byteAt: (offset: number) => number): boolean {
    const d = decode(byteAt);
    if (!d) return false;
    this.pack(idx, d);
    this.decodedCount++;
    return true;
  }

  private pack(idx: number, d: Decoded): void {
    const l = layoutOf(d.row);
    let r0 = 0, r1 = 0, base = NO_REG, index = NO_REG, scaleLog = 0, disp = 0, imm = 0;
    if (l.regIdx.length > 0) r0 = d.operands[l.regIdx[0]] as number;
    if (l.regIdx.length > 1) r1 = d.operands[l.regIdx[1]] as number;
    if (l.hasMem) {
      const m = d.operands[l.memIdx] as MemOperand;
      base = m.base;
      index = m.index;
      scaleLog = 31 - Math.clz32(m.scale);
      disp = m.disp;
    }
    if (l.immIdx.length > 0) imm = d.operands[l.immIdx[0]] as number;
    this.word[idx] = d.row.op | (d.length << 8) | (r0 << 12) | (r1 << 16) | (base << 20) | (index << 24) | (scaleLog << 28);
    this.disp[idx] = disp;
    this.imm[idx] = imm | 0;
  }
}
