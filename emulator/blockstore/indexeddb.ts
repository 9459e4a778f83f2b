// IndexedDbBlockStore: a disk kept in the browser's IndexedDB, one record per
// 4 KiB block (tested in Node with fake-indexeddb).
//
// Database layout (version 1): object store `blocks` (key = block number,
// value = a 4096-byte Uint8Array) and object store `meta` with `blocks` (the
// disk size, fixed at creation) and `written` (a bitmap, one bit per block
// ever written). A block never written reads as zeros — or, when the store
// was opened with a `base`, as that block of the base store, which makes the
// database a copy-on-write overlay over a read-only image. A block whose bit
// is set but whose record is gone (cleared site data, a broken database) is
// a 'missing record' error, not silent zeros: the file system must learn its
// disk lost data.
//
// A write puts its records and the new bitmap in one readwrite transaction,
// so either both land or neither; the in-memory bitmap changes only after
// the transaction completes. Failures reject with a BlockStoreError saying
// what happened: 'quota exceeded', 'transaction aborted', 'missing record'.
// `writeBlocks` puts many scattered blocks in one such transaction (the
// write-behind cache's batches: emulator/blockstore/write-behind.ts).
// Operations are chained so they take effect in issue order.

import { BLOCK_SIZE, BlockStoreError, checkRange, checkWriteData, type BlockStore } from './interface.ts';

const BLOCKS = 'blocks';
const META = 'meta';
const DB_VERSION = 1;

export interface IndexedDbBlockStoreOptions {
  /** Size of a new disk in blocks; must match when reopening an existing one. */
  blocks?: number;
  /** The IndexedDB to use (default: globalThis.indexedDB). */
  factory?: IDBFactory;
  /** Never-written blocks read from here instead of as zeros. */
  base?: BlockStore;
  /** Test hook: sees each write transaction after its requests are queued (to abort it, say). */
  onWriteTransaction?: (tx: IDBTransaction) => void;
}

export class IndexedDbBlockStore implements BlockStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly name: string,
    private readonly db: IDBDatabase,
    readonly blocks: number,
    private written: Uint8Array,
    private readonly options: IndexedDbBlockStoreOptions,
  ) {}

  static async open(name: string, options: IndexedDbBlockStoreOptions = {}): Promise<IndexedDbBlockStore> {
    const factory = options.factory ?? globalThis.indexedDB;
    if (!factory) throw new BlockStoreError(`${name}: IndexedDB is not available`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        const d = req.result;
        if (!d.objectStoreNames.contains(BLOCKS)) d.createObjectStore(BLOCKS);
        if (!d.objectStoreNames.contains(META)) d.createObjectStore(META);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new BlockStoreError(`${name}: cannot open database: ${describe(req.error)}`));
      req.onblocked = () => reject(new BlockStoreError(`${name}: database is blocked by another connection`));
    });
    try {
      const tx = db.transaction([META], 'readwrite');
      const meta = tx.objectStore(META);
      const storedBlocks = await request<number | undefined>(meta.get('blocks'), name);
      const storedWritten = await request<Uint8Array | undefined>(meta.get('written'), name);
      let blocks: number;
      let written: Uint8Array;
      if (storedBlocks === undefined) {
        if (options.blocks === undefined) throw new BlockStoreError(`${name}: new disk needs a size in blocks`);
        if (options.base && options.base.blocks !== options.blocks) {
          throw new BlockStoreError(`${name}: base has ${options.base.blocks} blocks, disk ${options.blocks}`);
        }
        blocks = options.blocks;
        written = new Uint8Array(Math.ceil(blocks / 8));
        meta.put(blocks, 'blocks');
        meta.put(written, 'written');
      } else {
        if (options.blocks !== undefined && options.blocks !== storedBlocks) {
          throw new BlockStoreError(`${name}: disk has ${storedBlocks} blocks, not ${options.blocks}`);
        }
        blocks = storedBlocks;
        written = storedWritten ? new Uint8Array(storedWritten) : new Uint8Array(Math.ceil(blocks / 8));
      }
      await completion(tx, name);
      return new IndexedDbBlockStore(name, db, blocks, written, options);
    } catch (e) {
      db.close();
      throw e instanceof BlockStoreError ? e : new BlockStoreError(`${name}: ${(e as Error).message}`);
    }
  }

  /** Delete a disk's database. */
  static remove(name: string, factory: IDBFactory = globalThis.indexedDB): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = factory.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(new BlockStoreError(`${name}: cannot delete: ${describe(req.error)}`));
    });
  }

  /** True if the block was ever written. */
  isWritten(block: number): boolean {
    return (this.written[block >> 3] & (1 << (block & 7))) !== 0;
  }

  read(block: number, count: number): Promise<Uint8Array> {
    return this.enqueue(async () => {
      checkRange(this, block, count);
      const out = this.options.base && count > 0
        ? new Uint8Array(await this.options.base.read(block, count))
        : new Uint8Array(count * BLOCK_SIZE);
      const tx = this.db.transaction([BLOCKS], 'readonly');
      const store = tx.objectStore(BLOCKS);
      const gets: [number, IDBRequest][] = [];
      for (let b = block; b < block + count; b++) {
        if (this.isWritten(b)) gets.push([b, store.get(b)]);
      }
      await completion(tx, this.name);
      for (const [b, req] of gets) {
        const data = req.result as Uint8Array | undefined;
        if (!data) throw new BlockStoreError(`${this.name}: missing record for block ${b}`);
        if (data.length !== BLOCK_SIZE) throw new BlockStoreError(`${this.name}: record for block ${b} has ${data.length} bytes`);
        out.set(data, (b - block) * BLOCK_SIZE);
      }
      return out;
    });
  }

  write(block: number, data: Uint8Array): Promise<void> {
    const copy = data.slice();
    return this.enqueue(async () => {
      const count = checkWriteData(copy);
      checkRange(this, block, count);
      const blocks = new Map<number, Uint8Array>();
      for (let i = 0; i < count; i++) blocks.set(block + i, copy.subarray(i * BLOCK_SIZE, (i + 1) * BLOCK_SIZE));
      await this.putBlocks(blocks);
    });
  }

  /** Many scattered blocks in one transaction (what WriteBehindBlockStore sends): all land or none. */
  writeBlocks(blocks: ReadonlyMap<number, Uint8Array>): Promise<void> {
    const copies = new Map<number, Uint8Array>();
    for (const [b, data] of blocks) copies.set(b, data.slice());
    return this.enqueue(async () => {
      for (const [b, data] of copies) {
        checkRange(this, b, 1);
        if (data.length !== BLOCK_SIZE) throw new BlockStoreError(`${this.name}: block ${b} is ${data.length} bytes, not ${BLOCK_SIZE}`);
      }
      await this.putBlocks(copies);
    });
  }

  private async putBlocks(blocks: ReadonlyMap<number, Uint8Array>): Promise<void> {
    const written = this.written.slice();
    const tx = this.db.transaction([BLOCKS, META], 'readwrite');
    const done = completion(tx, this.name);
    try {
      const store = tx.objectStore(BLOCKS);
      for (const [b, data] of blocks) {
        store.put(data.slice(), b);
        written[b >> 3] |= 1 << (b & 7);
      }
      tx.objectStore(META).put(written, 'written');
      this.options.onWriteTransaction?.(tx);
    } catch (e) {
      // Some browsers throw QuotaExceededError from put() itself.
      try { tx.abort(); } catch { /* already finished */ }
      await done.catch(() => {});
      throw new BlockStoreError(`${this.name}: ${describe(e as DOMException)}`);
    }
    await done;
    this.written = written;
  }

  /** IndexedDB commits each transaction durably when it completes; nothing is buffered here. */
  async flush(): Promise<void> {
    await this.enqueue(async () => {});
  }

  close(): void {
    this.db.close();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      try {
        return await work();
      } catch (e) {
        if (e instanceof BlockStoreError) throw e;
        throw new BlockStoreError(`${this.name}: ${describe(e as DOMException)}`);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }
}

/** What went wrong, in the words the guest's error log and the tests use. */
function describe(error: DOMException | Error | null | undefined): string {
  if (!error) return 'transaction aborted';
  if (error.name === 'QuotaExceededError') return 'quota exceeded';
  if (error.name === 'AbortError') return 'transaction aborted';
  return `${error.name}${error.message ? `: ${error.message}` : ''}`;
}

function request<T>(req: IDBRequest, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(new BlockStoreError(`${name}: ${describe(req.error)}`));
  });
}

function completion(tx: IDBTransaction, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // An error on a request goes on to abort the transaction: report it once, from abort.
    tx.onerror = () => {};
    tx.onabort = () => reject(new BlockStoreError(`${name}: ${describe(tx.error)}`));
  });
}
