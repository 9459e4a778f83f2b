// One WebAssembly.Memory holding everything the wasm tier reads and writes
// (emulator/cpu/wasm-tier.ts), so that compiled wasm and the JS tiers share
// the machine's state with no copying.
//
// What it owns: the layout of that memory. In order:
//   STATE    the CPU's `st` (registers and flag slots, emulator/cpu/alu.ts)
//   EXIT     two words a wasm block leaves on every exit: instructions
//            retired, TLB hits counted
//   TLB      the MMU's flat TLB, one Int32 per linear page (emulator/mmu.ts)
//   CODEMARK one byte per RAM frame, "holds decoded code" (emulator/memory.ts)
//   RAM      the physical memory, 4 KiB aligned
// Invariants: the offsets are constants of a given RAM size, multiples of 4
// (RAM of 4096), and fixed for the memory's lifetime: it never grows, so the
// JS views made here stay valid (growing would detach them). One backing
// serves one PhysicalMemory, one Mmu and one Cpu (the state and the TLB are
// that CPU's).
//
// Without it (the default), each of these is a plain typed array of its own
// and nothing else changes: PhysicalMemory, Mmu and Cpu take their arrays from
// a WasmBacking only when given one.

import { STATE_SIZE } from './alu.ts';

export const STATE_OFFSET = 0;
export const EXIT_RETIRED = STATE_SIZE * 4;
export const EXIT_HITS = EXIT_RETIRED + 4;
export const TLB_OFFSET = 4096;
const TLB_ENTRIES = 1 << 20;
export const CODEMARK_OFFSET = TLB_OFFSET + TLB_ENTRIES * 4;

export interface WasmBacking {
  readonly memory: WebAssembly.Memory;
  readonly state: Int32Array;
  readonly tlb: Int32Array;
  readonly codeMark: Uint8Array;
  readonly ram: Uint8Array;
  /** Byte offset of RAM in the memory (the wasm code adds it to a physical address). */
  readonly ramOffset: number;
}

/** Allocate the shared memory for `ramBytes` of RAM (a multiple of 4096, as PhysicalMemory checks). */
export function createWasmBacking(ramBytes: number): WasmBacking {
  const frames = Math.ceil(ramBytes / 4096);
  const ramOffset = CODEMARK_OFFSET + Math.ceil(frames / 4096) * 4096;
  const pages = Math.ceil((ramOffset + ramBytes) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const buf = memory.buffer;
  return {
    memory,
    state: new Int32Array(buf, STATE_OFFSET, STATE_SIZE),
    tlb: new Int32Array(buf, TLB_OFFSET, TLB_ENTRIES),
    codeMark: new Uint8Array(buf, CODEMARK_OFFSET, frames),
    ram: new Uint8Array(buf, ramOffset, ramBytes),
    ramOffset,
  };
}
