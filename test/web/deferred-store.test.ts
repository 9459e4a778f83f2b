// A disk that is still arriving (web/deferred-store.ts): requests made before
// the real store exists wait for it and then reach it in the order they were
// made; a store of the wrong size, or one that never comes, turns every
// request into a store error naming why.
import { describe, it, expect } from 'vitest';
import { DeferredBlockStore } from '../../web/deferred-store.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE } from '../../emulator/blockstore/interface.ts';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void, reject!: (e: Error) => void;
  const promise = new Promise<T>((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
}

describe('deferred block store', () => {
  it('holds requests until the store arrives, then serves them in order', async () => {
    const coming = deferred<MemoryBlockStore>();
    const disk = new DeferredBlockStore(4, coming.promise);
    expect(disk.blocks).toBe(4);
    const buffer = new Uint8Array(BLOCK_SIZE).fill(7);
    let settled = 0;
    const write = disk.write(1, buffer).then(() => settled++);
    buffer.fill(9); // the caller reuses its buffer: the write must keep the bytes it was given
    const read = disk.read(1, 1).then((b) => { settled++; return b; });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(0);
    expect(disk.arrived).toBeNull();
    const store = new MemoryBlockStore(4);
    coming.resolve(store);
    await write;
    expect((await read)[0]).toBe(7); // the read was made after the write, so it sees it
    expect(disk.arrived).toBe(store);
    expect((await disk.read(1, 1))[100]).toBe(7);
  });

  it('turns a store that never comes, or has another size, into store errors', async () => {
    const failing = deferred<MemoryBlockStore>();
    const lost = new DeferredBlockStore(4, failing.promise);
    const request = lost.read(0, 1);
    failing.reject(new Error('disk.sparse: HTTP 500'));
    await expect(request).rejects.toThrow('the disk did not arrive: disk.sparse: HTTP 500');
    const odd = new DeferredBlockStore(4, Promise.resolve(new MemoryBlockStore(8)));
    await expect(odd.write(0, new Uint8Array(BLOCK_SIZE))).rejects.toThrow('the disk has 8 blocks, not the 4 announced');
  });
});
