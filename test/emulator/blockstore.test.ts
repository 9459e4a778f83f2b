// The three BlockStore implementations: memory (with its fault injection),
// Node file, and IndexedDB through fake-indexeddb with injected failures.
import { describe, it, expect } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCK_SIZE } from '../../emulator/blockstore/interface.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { FileBlockStore } from '../../emulator/blockstore/file.ts';
import { IndexedDbBlockStore } from '../../emulator/blockstore/indexeddb.ts';

function blockOf(value: number, blocks = 1): Uint8Array {
  const a = new Uint8Array(blocks * BLOCK_SIZE);
  for (let i = 0; i < a.length; i++) a[i] = (value + i * 13 + (i >> 12)) & 0xff;
  return a;
}

describe('MemoryBlockStore', () => {
  it('starts from an image (zero-padded to whole blocks) without changing it', async () => {
    const image = new Uint8Array(BLOCK_SIZE + 10).fill(7);
    const store = new MemoryBlockStore(image);
    expect(store.blocks).toBe(2);
    const b1 = await store.read(1, 1);
    expect(b1.slice(0, 10).every((x) => x === 7)).toBe(true);
    expect(b1.slice(10).every((x) => x === 0)).toBe(true);
    await store.write(0, new Uint8Array(BLOCK_SIZE));
    expect(image[0]).toBe(7);
  });

  it('writes and reads back; rejects out-of-range and partial-block requests', async () => {
    const store = new MemoryBlockStore(4);
    const data = blockOf(3, 2);
    await store.write(1, data);
    expect(await store.read(1, 2)).toEqual(data);
    await expect(store.read(3, 2)).rejects.toThrow(/outside a store of 4 blocks/);
    await expect(store.write(0, new Uint8Array(100))).rejects.toThrow(/whole number/);
  });

  it('injects a fault into the next matching operation only', async () => {
    const store = new MemoryBlockStore(4);
    store.injectFault({ op: 'write', block: 2, message: 'disk on fire' });
    await store.write(0, blockOf(1)); // does not touch block 2
    await expect(store.write(1, blockOf(5, 2))).rejects.toThrow('disk on fire');
    expect((await store.read(1, 1)).every((x) => x === 0)).toBe(true); // the failed write changed nothing
    await store.write(1, blockOf(5, 2));
    expect(await store.read(2, 1)).toEqual(blockOf(5, 2).slice(BLOCK_SIZE));
  });
});

describe('FileBlockStore', () => {
  it('keeps the disk in a host file, byte for byte, and reopens it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-fbs-'));
    try {
      const path = join(dir, 'disk.img');
      const store = await FileBlockStore.open(path, { create: true, blocks: 3 });
      expect(store.blocks).toBe(3);
      expect((await store.read(0, 3)).every((x) => x === 0)).toBe(true);
      const data = blockOf(11);
      await store.write(2, data);
      await store.flush();
      await store.close();
      const bytes = readFileSync(path);
      expect(bytes.length).toBe(3 * BLOCK_SIZE);
      expect(new Uint8Array(bytes.subarray(2 * BLOCK_SIZE))).toEqual(data);
      const again = await FileBlockStore.open(path);
      expect(await again.read(2, 1)).toEqual(data);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats a short last block as zero-padded and reports a missing file clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-fbs-'));
    try {
      const path = join(dir, 'short.img');
      writeFileSync(path, new Uint8Array(BLOCK_SIZE + 5).fill(9));
      const store = await FileBlockStore.open(path, { readOnly: true });
      expect(store.blocks).toBe(2);
      const b = await store.read(1, 1);
      expect(Array.from(b.slice(0, 6))).toEqual([9, 9, 9, 9, 9, 0]);
      await expect(store.write(0, new Uint8Array(BLOCK_SIZE))).rejects.toThrow(/read-only/);
      await store.close();
      await expect(FileBlockStore.open(join(dir, 'nope.img'))).rejects.toThrow(/nope\.img: cannot open/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('IndexedDbBlockStore (fake-indexeddb)', () => {
  it('reads never-written blocks as zeros and persists writes across reopening', async () => {
    const factory = new IDBFactory();
    const store = await IndexedDbBlockStore.open('swap', { blocks: 16, factory });
    expect((await store.read(0, 16)).every((x) => x === 0)).toBe(true);
    const data = blockOf(42, 2);
    await store.write(5, data);
    expect(store.isWritten(5) && store.isWritten(6) && !store.isWritten(7)).toBe(true);
    store.close();
    const again = await IndexedDbBlockStore.open('swap', { factory });
    expect(again.blocks).toBe(16);
    expect(await again.read(4, 4)).toEqual(new Uint8Array([...new Uint8Array(BLOCK_SIZE), ...data, ...new Uint8Array(BLOCK_SIZE)]));
    await expect(IndexedDbBlockStore.open('swap2', { factory })).rejects.toThrow(/needs a size/);
    again.close();
    await expect(IndexedDbBlockStore.open('swap', { factory, blocks: 99 })).rejects.toThrow(/has 16 blocks, not 99/);
  });

  it('overlays a base store: unwritten blocks come from the base', async () => {
    const factory = new IDBFactory();
    const base = new MemoryBlockStore(blockOf(1, 4));
    const store = await IndexedDbBlockStore.open('root', { blocks: 4, factory, base });
    await store.write(1, blockOf(99));
    const all = await store.read(0, 4);
    expect(all.slice(0, BLOCK_SIZE)).toEqual(base.image.slice(0, BLOCK_SIZE));
    expect(all.slice(BLOCK_SIZE, 2 * BLOCK_SIZE)).toEqual(blockOf(99));
    expect(all.slice(2 * BLOCK_SIZE)).toEqual(base.image.slice(2 * BLOCK_SIZE));
    expect(base.image.slice(BLOCK_SIZE, 2 * BLOCK_SIZE)).not.toEqual(blockOf(99));
    store.close();
  });

  it("reports a written block whose record is gone as 'missing record'", async () => {
    const factory = new IDBFactory();
    const store = await IndexedDbBlockStore.open('d', { blocks: 4, factory });
    await store.write(2, blockOf(8));
    // Delete the record behind the store's back, as cleared site data would.
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = factory.open('d', 1);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    await new Promise<void>((res, rej) => {
      const tx = db.transaction(['blocks'], 'readwrite');
      tx.objectStore('blocks').delete(2);
      tx.oncomplete = () => res();
      tx.onabort = () => rej(tx.error);
    });
    db.close();
    await expect(store.read(0, 4)).rejects.toThrow('d: missing record for block 2');
    expect((await store.read(0, 2)).every((x) => x === 0)).toBe(true); // other blocks still read
    store.close();
  });

  it("reports an aborted write transaction as 'transaction aborted' and keeps the old data", async () => {
    const factory = new IDBFactory();
    let abortNext = false;
    const store = await IndexedDbBlockStore.open('d', {
      blocks: 4, factory,
      onWriteTransaction: (tx) => { if (abortNext) { abortNext = false; tx.abort(); } },
    });
    await store.write(0, blockOf(1));
    abortNext = true;
    await expect(store.write(0, blockOf(2, 2))).rejects.toThrow('d: transaction aborted');
    expect(store.isWritten(1)).toBe(false);
    expect(await store.read(0, 2)).toEqual(new Uint8Array([...blockOf(1), ...new Uint8Array(BLOCK_SIZE)]));
    store.close();
  });

  it("reports a quota failure as 'quota exceeded'", async () => {
    const factory = new IDBFactory();
    let failNext = false;
    const store = await IndexedDbBlockStore.open('d', {
      blocks: 4, factory,
      // What a browser does when the origin is out of quota: the transaction
      // aborts with a QuotaExceededError (fake-indexeddb's own abort path).
      onWriteTransaction: (tx) => {
        if (!failNext) return;
        failNext = false;
        (tx as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      },
    });
    failNext = true;
    await expect(store.write(3, blockOf(4))).rejects.toThrow('d: quota exceeded');
    expect(store.isWritten(3)).toBe(false);
    // A put() that throws synchronously (another browser behaviour) is reported the same way.
    const throwing = await IndexedDbBlockStore.open('e', {
      blocks: 4, factory,
      onWriteTransaction: () => { throw new DOMException('full', 'QuotaExceededError'); },
    });
    await expect(throwing.write(0, blockOf(4))).rejects.toThrow('e: quota exceeded');
    expect((await throwing.read(0, 1)).every((x) => x === 0)).toBe(true);
    store.close();
    throwing.close();
  });
});
