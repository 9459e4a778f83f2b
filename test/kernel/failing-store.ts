// FailingBlockStore: a test-only BlockStore wrapper that fails reads or
// writes of chosen blocks, every time they are asked for (a worn-out spot
// on a disk), and counts what it refused. Anything else goes to the inner
// store unchanged. The block device turns the rejection into its ERROR
// status, exactly as for a real store failure.

import { BlockStoreError, type BlockStore } from '../../emulator/blockstore/interface.ts';

export interface FailurePlan {
  /** Blocks whose writes fail. */
  writes?: (block: number) => boolean;
  /** Blocks whose reads fail. */
  reads?: (block: number) => boolean;
}

export class FailingBlockStore implements BlockStore {
  readonly failedWrites: number[] = [];
  readonly failedReads: number[] = [];

  constructor(private readonly inner: BlockStore, private readonly plan: FailurePlan) {}

  get blocks(): number { return this.inner.blocks; }

  read(block: number, count: number): Promise<Uint8Array> {
    for (let b = block; b < block + count; b++) {
      if (this.plan.reads?.(b)) {
        this.failedReads.push(b);
        return Promise.reject(new BlockStoreError(`injected read error on block ${b}`));
      }
    }
    return this.inner.read(block, count);
  }

  write(block: number, data: Uint8Array): Promise<void> {
    for (let b = block; b < block + data.length / 4096; b++) {
      if (this.plan.writes?.(b)) {
        this.failedWrites.push(b);
        return Promise.reject(new BlockStoreError(`injected write error on block ${b}`));
      }
    }
    return this.inner.write(block, data);
  }
}
