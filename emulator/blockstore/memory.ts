// MemoryBlockStore: a disk held in a host Uint8Array.
//
// Built empty (n zeroed blocks) or from an image (a built ext2 file system),
// which is copied so the caller's buffer is never changed; a partial last
// block is zero-padded. For tests it injects faults: a queued failure makes
// the next matching operation reject with the given message, and `hold()`
// keeps every answer back until `release()`, so a test can make the guest
// wait on a slow host store (the machine's 'io-wait' state).
//
// Invariant: `image` always has blocks × BLOCK_SIZE bytes; a rejected write
// changes nothing.

import { BLOCK_SIZE, BlockStoreError, checkRange, checkWriteData, type BlockStore } from './interface.ts';

export interface InjectedFault {
  op: 'read' | 'write' | 'any';
  /** Reject only a request touching this block (any block when absent). */
  block?: number;
  message: string;
}

export class MemoryBlockStore implements BlockStore {
  readonly blocks: number;
  readonly image: Uint8Array;
  /** Operations served so far (reads and writes), for tests. */
  operations = 0;
  private faults: InjectedFault[] = [];
  private holding = false;
  private held: (() => void)[] = [];

  constructor(source: number | Uint8Array) {
    if (typeof source === 'number') {
      this.blocks = source;
      this.image = new Uint8Array(source * BLOCK_SIZE);
    } else {
      this.blocks = Math.ceil(source.length / BLOCK_SIZE);
      this.image = new Uint8Array(this.blocks * BLOCK_SIZE);
      this.image.set(source);
    }
  }

  /** Make the next operation matching `fault` reject with `fault.message`. */
  injectFault(fault: InjectedFault): void { this.faults.push(fault); }

  /** Keep answers back until release(). */
  hold(): void { this.holding = true; }

  /** Answer every held request (in order) and stop holding. */
  release(): void {
    this.holding = false;
    const waiting = this.held;
    this.held = [];
    for (const go of waiting) go();
  }

  /** Requests waiting for release(). */
  heldRequests(): number { return this.held.length; }

  read(block: number, count: number): Promise<Uint8Array> {
    return this.answer(() => {
      checkRange(this, block, count);
      this.takeFault('read', block, count);
      this.operations++;
      return this.image.slice(block * BLOCK_SIZE, (block + count) * BLOCK_SIZE);
    });
  }

  write(block: number, data: Uint8Array): Promise<void> {
    const copy = data.slice(); // the caller may reuse its buffer before we answer
    return this.answer(() => {
      const count = checkWriteData(copy);
      checkRange(this, block, count);
      this.takeFault('write', block, count);
      this.operations++;
      this.image.set(copy, block * BLOCK_SIZE);
    });
  }

  async flush(): Promise<void> {}

  private takeFault(op: 'read' | 'write', block: number, count: number): void {
    const i = this.faults.findIndex((f) =>
      (f.op === op || f.op === 'any') && (f.block === undefined || (f.block >= block && f.block < block + count)));
    if (i < 0) return;
    const [fault] = this.faults.splice(i, 1);
    throw new BlockStoreError(fault.message);
  }

  private answer<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const go = (): void => {
        try { resolve(work()); } catch (e) { reject(e); }
      };
      if (this.holding) this.held.push(go);
      else queueMicrotask(go);
    });
  }
}
