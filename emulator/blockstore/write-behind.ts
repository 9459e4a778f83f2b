// WriteBehindBlockStore: a bounded block cache in front of a slow store (the
// page's swap disk in IndexedDB, where one transaction per 4 KiB request
// made a swap-heavy run wait on the browser for most of its wall time).
//
// Writes land in the cache and resolve at once; dirty blocks go to the
// inner store in one large batch (`writeBlocks` when the inner store has it:
// one IndexedDB transaction) once `flushAt` of them are waiting, in the
// background. Reads are served from the cache where it holds the block and
// from the inner store otherwise (the cache keeps what it read).
//
// Invariants:
// - The cache's copy of a block is always the newest; a block missing from
//   the cache is up to date in the inner store, because a dirty block is
//   never evicted and becomes clean only when the batch holding it (and no
//   newer write) has landed. Inner requests are issued in order, so a read
//   that misses is answered after every batch started before it.
// - At most `maxDirty` blocks are dirty: a write that would pass it waits for
//   the running batch. At most `capacity` blocks are cached (clean ones are
//   evicted oldest first; dirty ones over the bound wait for their batch).
// - A failed batch keeps its blocks dirty (retried with the next batch) and
//   the error rejects the next request once, as a BlockStoreError: the guest
//   sees a store error on the device, as it would have without the cache.
//   `flush()` writes everything out and rejects if that fails.
// - Emulated time does not change: the block device completes a request at
//   its emulated deadline whatever the host store does; the cache only makes
//   the host's answer come sooner.

import { BLOCK_SIZE, BlockStoreError, checkRange, checkWriteData, type BlockStore } from './interface.ts';

/** A store that can write many scattered blocks in one operation (IndexedDbBlockStore). */
export interface BatchWriter {
  writeBlocks(blocks: ReadonlyMap<number, Uint8Array>): Promise<void>;
}

export interface WriteBehindOptions {
  /** Blocks held in all (default 4096: 16 MiB). */
  capacity?: number;
  /** Dirty blocks that start a background batch (default 256: 1 MiB per transaction). */
  flushAt?: number;
  /** Dirty blocks at most; a write beyond waits for the running batch (default 1024). */
  maxDirty?: number;
}

interface Entry { data: Uint8Array; dirty: boolean; version: number }

export class WriteBehindBlockStore implements BlockStore {
  readonly blocks: number;
  private readonly cache = new Map<number, Entry>();
  private dirtyCount = 0;
  private version = 0;
  private batch: Promise<void> | null = null;
  private pendingError: BlockStoreError | null = null;
  private readonly capacity: number;
  private readonly flushAt: number;
  private readonly maxDirty: number;

  constructor(private readonly inner: BlockStore & Partial<BatchWriter>, options: WriteBehindOptions = {}) {
    this.blocks = inner.blocks;
    this.capacity = options.capacity ?? 4096;
    this.maxDirty = Math.min(options.maxDirty ?? 1024, this.capacity);
    this.flushAt = Math.max(1, Math.min(options.flushAt ?? 256, this.maxDirty));
  }

  /** Blocks written here and not yet in the inner store. */
  get dirtyBlocks(): number { return this.dirtyCount; }

  async read(block: number, count: number): Promise<Uint8Array> {
    checkRange(this, block, count);
    this.throwPending();
    const out = new Uint8Array(count * BLOCK_SIZE);
    const missing: number[] = [];
    for (let b = block; b < block + count; b++) {
      const entry = this.cache.get(b);
      if (entry) { out.set(entry.data, (b - block) * BLOCK_SIZE); this.touch(b, entry); } else missing.push(b);
    }
    if (missing.length === 0) return out;
    // One inner read over the missing span; blocks written meanwhile keep their newer cached copy.
    const first = missing[0], last = missing[missing.length - 1];
    const fetched = await this.inner.read(first, last - first + 1);
    for (const b of missing) {
      const data = fetched.slice((b - first) * BLOCK_SIZE, (b - first + 1) * BLOCK_SIZE);
      const now = this.cache.get(b);
      out.set(now ? now.data : data, (b - block) * BLOCK_SIZE);
      if (!now) this.cache.set(b, { data, dirty: false, version: 0 });
    }
    this.evict();
    return out;
  }

  async write(block: number, data: Uint8Array): Promise<void> {
    const count = checkWriteData(data);
    checkRange(this, block, count);
    this.throwPending();
    while (this.dirtyCount > 0 && this.dirtyCount + count > this.maxDirty) {
      await (this.batch ?? this.startBatch());
      this.throwPending();
    }
    for (let i = 0; i < count; i++) {
      const b = block + i;
      const old = this.cache.get(b);
      if (old) this.cache.delete(b);
      if (!old?.dirty) this.dirtyCount++;
      this.cache.set(b, { data: data.slice(i * BLOCK_SIZE, (i + 1) * BLOCK_SIZE), dirty: true, version: ++this.version });
    }
    if (this.dirtyCount >= this.flushAt && !this.batch) void this.startBatch();
    this.evict();
  }

  /** Everything written so far reaches the inner store (and its own flush). */
  async flush(): Promise<void> {
    while (this.batch) await this.batch;
    this.throwPending();
    if (this.dirtyCount > 0) {
      await this.startBatch();
      this.throwPending();
    }
    await this.inner.flush?.();
  }

  private startBatch(): Promise<void> {
    const taken = new Map<number, Uint8Array>();
    const versions = new Map<number, number>();
    for (const [b, e] of this.cache) if (e.dirty) { taken.set(b, e.data); versions.set(b, e.version); }
    const run = (async () => {
      try {
        await this.writeOut(taken);
        for (const [b, v] of versions) {
          const e = this.cache.get(b);
          if (e && e.dirty && e.version === v) { e.dirty = false; this.dirtyCount--; }
        }
      } catch (e) {
        this.pendingError = e instanceof BlockStoreError ? e : new BlockStoreError(String((e as Error)?.message ?? e));
      } finally {
        this.batch = null;
        this.evict();
      }
    })();
    this.batch = run;
    return run;
  }

  private async writeOut(blocks: Map<number, Uint8Array>): Promise<void> {
    if (this.inner.writeBlocks) return this.inner.writeBlocks(blocks);
    // A store without batches: one write per run of consecutive blocks.
    const sorted = [...blocks.keys()].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length;) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[j - 1] + 1) j++;
      const run = new Uint8Array((j - i) * BLOCK_SIZE);
      for (let k = i; k < j; k++) run.set(blocks.get(sorted[k])!, (k - i) * BLOCK_SIZE);
      await this.inner.write(sorted[i], run);
      i = j;
    }
  }

  private touch(block: number, entry: Entry): void {
    this.cache.delete(block);
    this.cache.set(block, entry);
  }

  private evict(): void {
    if (this.cache.size <= this.capacity) return;
    for (const [b, e] of this.cache) {
      if (this.cache.size <= this.capacity) break;
      if (!e.dirty) this.cache.delete(b);
    }
  }

  private throwPending(): void {
    const e = this.pendingError;
    if (e) { this.pendingError = null; throw e; }
  }
}
