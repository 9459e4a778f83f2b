// WriteBehindBlockStore: writes resolve from the cache and reach the inner
// store in batches (one IndexedDB transaction each), reads see the newest
// data whatever is in flight, a failed batch is reported once as a store
// error and retried, and the bounds hold.
import { describe, it, expect } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { BLOCK_SIZE } from '../../emulator/blockstore/interface.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { IndexedDbBlockStore } from '../../emulator/blockstore/indexeddb.ts';
import { WriteBehindBlockStore } from '../../emulator/blockstore/write-behind.ts';

function blockOf(value: number, blocks = 1): Uint8Array {
  const a = new Uint8Array(blocks * BLOCK_SIZE);
  for (let i = 0; i < a.length; i++) a[i] = (value + i * 7 + (i >> 12)) & 0xff;
  return a;
}

describe('WriteBehindBlockStore', () => {
  it('batches writes into few IndexedDB transactions and reads back the newest data', async () => {
    let transactions = 0;
    const idb = await IndexedDbBlockStore.open('wb', { blocks: 512, factory: new IDBFactory(), onWriteTransaction: () => { transactions++; } });
    const store = new WriteBehindBlockStore(idb, { capacity: 64, flushAt: 32, maxDirty: 48 });
    for (let b = 0; b < 200; b++) await store.write(b, blockOf(b));
    await store.write(5, blockOf(99)); // overwritten while older copies may be in flight
    expect(store.dirtyBlocks).toBeLessThanOrEqual(48);
    await store.flush();
    expect(store.dirtyBlocks).toBe(0);
    expect(transactions).toBeLessThanOrEqual(Math.ceil(201 / 32) + 1);
    expect(transactions).toBeGreaterThan(1);
    // through the cache (partly evicted: capacity 64) and straight from the database
    expect(await store.read(5, 1)).toEqual(blockOf(99));
    for (const b of [0, 100, 199]) expect(await idb.read(b, 1)).toEqual(blockOf(b));
    expect(await idb.read(5, 1)).toEqual(blockOf(99));
    const span = await store.read(60, 8);
    for (let i = 0; i < 8; i++) expect(span.subarray(i * BLOCK_SIZE, (i + 1) * BLOCK_SIZE)).toEqual(blockOf(60 + i));
    idb.close();
  });

  it('serves a read from a block written after the batch holding its older copy started', async () => {
    const inner = new MemoryBlockStore(16);
    const store = new WriteBehindBlockStore(inner, { capacity: 4, flushAt: 2, maxDirty: 4 });
    inner.hold();                      // the first batch stays in flight
    await store.write(0, blockOf(1));
    await store.write(1, blockOf(2));  // starts the batch of blocks 0 and 1
    await store.write(0, blockOf(3));  // newer than the batch
    expect(await store.read(0, 2)).toEqual(new Uint8Array([...blockOf(3), ...blockOf(2)]));
    inner.release();
    await store.flush();
    expect(await inner.read(0, 1)).toEqual(blockOf(3));
    expect(store.dirtyBlocks).toBe(0);
  });

  it('reports a failed batch once as a store error, keeps the data and writes it with the next batch', async () => {
    const inner = new MemoryBlockStore(16);
    const store = new WriteBehindBlockStore(inner, { capacity: 8, flushAt: 2, maxDirty: 4 });
    inner.injectFault({ op: 'write', message: 'disk on fire' });
    await store.write(3, blockOf(3));
    await store.write(4, blockOf(4)); // the batch fails in the background
    await expect(store.flush()).rejects.toThrow('disk on fire');
    expect(await store.read(3, 2)).toEqual(new Uint8Array([...blockOf(3), ...blockOf(4)]));
    await store.flush();             // the retry lands
    expect(await inner.read(3, 2)).toEqual(new Uint8Array([...blockOf(3), ...blockOf(4)]));
  });

  it('keeps the quota error of the IndexedDB store as the error the device sees', async () => {
    const idb = await IndexedDbBlockStore.open('wb-quota', {
      blocks: 64, factory: new IDBFactory(),
      onWriteTransaction: () => { throw new DOMException('full', 'QuotaExceededError'); },
    });
    const store = new WriteBehindBlockStore(idb, { flushAt: 1, maxDirty: 2 });
    await store.write(0, blockOf(1));
    await expect(store.flush()).rejects.toThrow(/quota exceeded/);
    idb.close();
  });

  it('rejects out-of-range and partial-block requests like any store', async () => {
    const store = new WriteBehindBlockStore(new MemoryBlockStore(4));
    await expect(store.write(4, blockOf(0))).rejects.toThrow(/outside/);
    await expect(store.write(0, new Uint8Array(10))).rejects.toThrow(/whole number/);
    await expect(store.read(3, 2)).rejects.toThrow(/outside/);
  });
});
