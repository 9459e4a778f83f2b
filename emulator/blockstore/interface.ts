// BlockStore: where a block device keeps its bytes on the host.
//
// A store is an array of `blocks` blocks of BLOCK_SIZE (4 KiB) bytes.
// Every operation is asynchronous; the block device turns a rejected promise
// into the guest-visible ERROR status "store error", so implementations
// reject with a BlockStoreError whose message says what failed (quota
// exceeded, aborted transaction, missing record, I/O error…) and never need
// to worry about the emulator's run loop.
//
// Contract: `read(block, count)` resolves to exactly count × BLOCK_SIZE bytes
// owned by the caller; `write(block, data)` takes data whose length is a
// multiple of BLOCK_SIZE and may keep no reference to it after resolving;
// the caller keeps requests inside [0, blocks). Operations issued one after
// another take effect in that order.

export const BLOCK_SIZE = 4096;

export interface BlockStore {
  readonly blocks: number;
  read(block: number, count: number): Promise<Uint8Array>;
  write(block: number, data: Uint8Array): Promise<void>;
  flush?(): Promise<void>;
}

export class BlockStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockStoreError';
  }
}

/** Reject a request that leaves the store or is not whole blocks (a caller bug, reported as a store error). */
export function checkRange(store: BlockStore, block: number, count: number): void {
  if (!Number.isInteger(block) || !Number.isInteger(count) || block < 0 || count < 0 || block + count > store.blocks) {
    throw new BlockStoreError(`blocks ${block}..${block + count - 1} outside a store of ${store.blocks} blocks`);
  }
}

export function checkWriteData(data: Uint8Array): number {
  if (data.length % BLOCK_SIZE !== 0) {
    throw new BlockStoreError(`write of ${data.length} bytes is not a whole number of ${BLOCK_SIZE}-byte blocks`);
  }
  return data.length / BLOCK_SIZE;
}
