// A disk whose contents are still on their way: a BlockStore of a known size
// that forwards every request to the real store once it exists. The worker
// builds the machine and starts the kernel as soon as the kernel image and
// the disk's header have arrived; the kernel's first disk request comes a
// million instructions later, and usually finds the disk decoded by then.
//
// Why this changes nothing the guest can see: a block request completes at
// its emulated deadline; if the host store has not answered by then the
// machine stops in 'io-wait' with emulated time standing still (the runner
// awaits it), exactly as for a slow IndexedDB store. Same output, same
// instruction counts.
//
// Invariants: requests reach the real store in the order they were made
// (they all wait on the same promise, whose reactions run in order); if the
// real store never comes (its promise rejects), every request rejects with
// that message, which the block device reports to the guest as a store error.

import { BlockStoreError, type BlockStore } from '../emulator/blockstore/interface.ts';

export class DeferredBlockStore implements BlockStore {
  private store: BlockStore | null = null;
  private readonly ready: Promise<BlockStore>;

  constructor(readonly blocks: number, store: Promise<BlockStore>) {
    this.ready = store.then(
      (s) => {
        if (s.blocks !== blocks) throw new BlockStoreError(`the disk has ${s.blocks} blocks, not the ${blocks} announced`);
        this.store = s;
        return s;
      },
      (e: Error) => { throw new BlockStoreError(`the disk did not arrive: ${e.message ?? e}`); },
    );
    this.ready.catch(() => {}); // reported by the requests that wait on it
  }

  /** The real store, once it has arrived (null before). */
  get arrived(): BlockStore | null { return this.store; }

  async read(block: number, count: number): Promise<Uint8Array> {
    return (this.store ?? await this.ready).read(block, count);
  }

  async write(block: number, data: Uint8Array): Promise<void> {
    const copy = this.store ? data : data.slice(); // the caller may reuse its buffer before the store exists
    return (this.store ?? await this.ready).write(block, copy);
  }

  async flush(): Promise<void> {
    const s = this.store ?? await this.ready;
    await s.flush?.();
  }
}
