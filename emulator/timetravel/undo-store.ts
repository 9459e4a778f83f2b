// The disk side of time travel: a BlockStore wrapper that keeps, for the
// current epoch (the time since the latest snapshot), the bytes each block
// had before its first write in the epoch — an undo log of overwritten
// blocks. Putting a disk back as it was at snapshot j is writing back the
// undo logs of every epoch from the newest to j's, in that order: each block
// ends with the content it had at j.
//
// Owns: the epoch's undo map (the recorder hands it a fresh one at every
// snapshot and keeps the finished ones with their snapshots). Invariants:
// operations reach the inner store in the order they were issued (one
// queue), so the "before" read of a write sees every earlier write; a block
// is saved at most once per epoch; while `recording` is false (no recorder)
// the wrapper only forwards. A failed read of the old bytes fails the write
// (the guest sees a store error), so the log never misses a block.

import { BLOCK_SIZE, type BlockStore } from '../blockstore/interface.ts';

export class UndoStore implements BlockStore {
  readonly blocks: number;
  /** block → its bytes at the start of the epoch; replaced by the recorder at each snapshot. */
  epoch = new Map<number, Uint8Array>();
  recording = true;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly inner: BlockStore) {
    this.blocks = inner.blocks;
  }

  read(block: number, count: number): Promise<Uint8Array> {
    return this.enqueue(() => this.inner.read(block, count));
  }

  write(block: number, data: Uint8Array): Promise<void> {
    const copy = data.slice(); // the contract lets the caller reuse data once we resolve; we may run later
    return this.enqueue(async () => {
      const count = Math.floor(copy.length / BLOCK_SIZE);
      if (this.recording && count > 0 && block >= 0 && block + count <= this.blocks) {
        const epoch = this.epoch;
        let first = -1, last = -1;
        for (let b = block; b < block + count; b++) if (!epoch.has(b)) { if (first < 0) first = b; last = b; }
        if (first >= 0) {
          const old = await this.inner.read(first, last - first + 1);
          for (let b = first; b <= last; b++) {
            if (!epoch.has(b)) epoch.set(b, old.slice((b - first) * BLOCK_SIZE, (b - first + 1) * BLOCK_SIZE));
          }
        }
      }
      await this.inner.write(block, copy);
    });
  }

  flush(): Promise<void> {
    return this.enqueue(async () => { await this.inner.flush?.(); });
  }

  /** Resolves when every operation issued so far has finished (successfully or not). */
  idle(): Promise<void> {
    return this.queue.then(() => {}, () => {});
  }

  /** Write `undo` (an epoch's saved blocks) back to the inner store, in block order. */
  async writeBack(undo: Map<number, Uint8Array>): Promise<void> {
    await this.idle();
    for (const b of [...undo.keys()].sort((x, y) => x - y)) await this.inner.write(b, undo.get(b)!);
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => {});
    return run;
  }
}
