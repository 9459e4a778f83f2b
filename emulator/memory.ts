// Physical memory: the RAM chips, addressed by physical byte address.
//
// Owns the RAM bytes and one "holds decoded code" mark per 4 KiB frame.
// Invariants:
// - `bytes` is RAM, little-endian; `words` views the same buffer as dwords
//   (size is a multiple of 4), so an aligned dword access is one load.
// - Reads outside RAM return all ones (a floating bus); writes outside RAM are
//   dropped. Nothing here throws for any address.
// - Every write that goes through this class (CPU slow paths, page-table A/D
//   updates, devices, DMA) to a frame whose `codeMark` is set calls
//   `onCodeWrite(frame)` first, so the CPU can drop what it decoded from that
//   frame. The CPU's own fast store path checks `codeMark` itself.

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
/** The largest RAM we model: frames must fit in a positive int32 (TLB entries keep them there). */
export const MAX_RAM_BYTES = 1 << 30;

/** Arrays allocated elsewhere (one WebAssembly.Memory: emulator/cpu/wasm-memory.ts) for RAM, code marks, TLB and CPU state. */
export interface SharedBacking { readonly ram: Uint8Array; readonly codeMark: Uint8Array; readonly tlb: Int32Array; readonly state: Int32Array }

export class PhysicalMemory {
  readonly size: number;
  readonly bytes: Uint8Array;
  /** The same buffer as little-endian dwords (the host is little-endian: every JS engine we run on is). */
  readonly words: Int32Array;
  /** Per frame: nonzero when the CPU holds decoded instructions of that frame. */
  readonly codeMark: Uint8Array;
  /** Called before a write lands in a frame with `codeMark` set. */
  onCodeWrite: ((frame: number) => void) | null = null;

  /** Given: RAM and the arrays beside it live there (the wasm tier's memory); the Mmu and Cpu take theirs from it too. */
  readonly backing: SharedBacking | null;

  constructor(sizeBytes: number, backing: SharedBacking | null = null) {
    if (!Number.isInteger(sizeBytes) || sizeBytes <= 0 || sizeBytes > MAX_RAM_BYTES || sizeBytes % PAGE_SIZE !== 0) {
      throw new Error(`RAM size must be a positive multiple of 4096 up to ${MAX_RAM_BYTES} bytes, not ${sizeBytes}`);
    }
    if (backing && (backing.ram.length !== sizeBytes || backing.codeMark.length !== sizeBytes >>> PAGE_SHIFT)) {
      throw new Error('RAM backing does not match the RAM size');
    }
    this.size = sizeBytes;
    this.backing = backing;
    this.bytes = backing ? backing.ram : new Uint8Array(sizeBytes);
    this.words = new Int32Array(this.bytes.buffer, this.bytes.byteOffset, sizeBytes >>> 2);
    this.codeMark = backing ? backing.codeMark : new Uint8Array(sizeBytes >>> PAGE_SHIFT);
  }

  read8(p: number): number {
    p >>>= 0;
    return p < this.size ? this.bytes[p] : 0xff;
  }

  read16(p: number): number {
    p >>>= 0;
    if (p + 1 < this.size) return this.bytes[p] | (this.bytes[p + 1] << 8);
    return this.read8(p) | (this.read8(p + 1) << 8);
  }

  /** A dword as an unsigned number. */
  read32(p: number): number {
    p >>>= 0;
    if (p + 3 < this.size) {
      if ((p & 3) === 0) return this.words[p >>> 2] >>> 0;
      const b = this.bytes;
      return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
    }
    return (this.read8(p) | (this.read8(p + 1) << 8) | (this.read8(p + 2) << 16) | (this.read8(p + 3) << 24)) >>> 0;
  }

  write8(p: number, v: number): void {
    p >>>= 0;
    if (p >= this.size) return;
    if (this.codeMark[p >>> PAGE_SHIFT] !== 0) this.codeWritten(p >>> PAGE_SHIFT);
    this.bytes[p] = v;
  }

  write16(p: number, v: number): void {
    this.write8(p, v);
    this.write8(p + 1, v >>> 8);
  }

  write32(p: number, v: number): void {
    p >>>= 0;
    if ((p & 3) === 0 && p + 3 < this.size) {
      if (this.codeMark[p >>> PAGE_SHIFT] !== 0) this.codeWritten(p >>> PAGE_SHIFT);
      this.words[p >>> 2] = v;
      return;
    }
    this.write8(p, v);
    this.write8(p + 1, v >>> 8);
    this.write8(p + 2, v >>> 16);
    this.write8(p + 3, v >>> 24);
  }

  /** Device DMA into RAM. False (and nothing written) if any byte is outside RAM. */
  dmaWrite(p: number, data: Uint8Array): boolean {
    if (!this.inRange(p, data.length)) return false;
    this.invalidateRange(p, data.length);
    this.bytes.set(data, p);
    return true;
  }

  /** Device DMA out of RAM: a copy, or null if any byte is outside RAM. */
  dmaRead(p: number, len: number): Uint8Array | null {
    if (!this.inRange(p, len)) return null;
    return this.bytes.slice(p, p + len);
  }

  /** Tell the code cache that [p, p+len) changed behind the CPU's back (loader, DMA). */
  invalidateRange(p: number, len: number): void {
    if (len <= 0) return;
    const last = Math.min((p + len - 1) >>> PAGE_SHIFT, this.codeMark.length - 1);
    for (let f = p >>> PAGE_SHIFT; f <= last; f++) if (this.codeMark[f] !== 0) this.codeWritten(f);
  }

  private inRange(p: number, len: number): boolean {
    return Number.isInteger(p) && Number.isInteger(len) && p >= 0 && len >= 0 && p + len <= this.size;
  }

  /** A write is about to land in a frame with decoded code. */
  codeWritten(frame: number): void {
    this.codeMark[frame] = 0;
    if (this.onCodeWrite) this.onCodeWrite(frame);
  }
}
