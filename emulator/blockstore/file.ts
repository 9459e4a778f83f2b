// FileBlockStore: a disk kept in a host file (Node only — the one module of
// the emulator that imports node:fs, so the browser bundle never sees it).
//
// The file is the disk image byte for byte (block n at offset n × 4096), so
// `e2fsck` or `debugfs` can inspect it after a run. A file whose size is not a
// whole number of blocks is treated as zero-padded: reads past its end give
// zeros, and a write there extends it. Operations are chained so they take
// effect in issue order even though FileHandle calls may overlap. Host I/O
// failures reject with a BlockStoreError naming the file.

import { open, type FileHandle } from 'node:fs/promises';
import { BLOCK_SIZE, BlockStoreError, checkRange, checkWriteData, type BlockStore } from './interface.ts';

export interface FileBlockStoreOptions {
  /** Create the file (or grow it) to hold this many blocks. */
  blocks?: number;
  /** Create the file if it does not exist (needs `blocks`). */
  create?: boolean;
  readOnly?: boolean;
}

export class FileBlockStore implements BlockStore {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly blocks: number,
    private readonly readOnly: boolean,
  ) {}

  static async open(path: string, options: FileBlockStoreOptions = {}): Promise<FileBlockStore> {
    const readOnly = options.readOnly ?? false;
    let handle: FileHandle;
    try {
      handle = await open(path, readOnly ? 'r' : 'r+');
    } catch (e) {
      if (!options.create || readOnly || (e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new BlockStoreError(`${path}: cannot open: ${(e as Error).message}`);
      }
      handle = await open(path, 'w+');
    }
    const size = (await handle.stat()).size;
    let blocks = Math.ceil(size / BLOCK_SIZE);
    if (options.blocks !== undefined && options.blocks > blocks) {
      if (readOnly) throw new BlockStoreError(`${path}: read-only file is smaller than ${options.blocks} blocks`);
      await handle.truncate(options.blocks * BLOCK_SIZE);
      blocks = options.blocks;
    }
    return new FileBlockStore(path, handle, blocks, readOnly);
  }

  read(block: number, count: number): Promise<Uint8Array> {
    return this.enqueue(async () => {
      checkRange(this, block, count);
      const out = new Uint8Array(count * BLOCK_SIZE); // zeros past end of file stay zeros
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await this.handle.read(out, done, out.length - done, block * BLOCK_SIZE + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return out;
    });
  }

  write(block: number, data: Uint8Array): Promise<void> {
    const copy = data.slice();
    return this.enqueue(async () => {
      if (this.readOnly) throw new BlockStoreError(`${this.path}: read-only`);
      checkRange(this, block, checkWriteData(copy));
      let done = 0;
      while (done < copy.length) {
        const { bytesWritten } = await this.handle.write(copy, done, copy.length - done, block * BLOCK_SIZE + done);
        done += bytesWritten;
      }
    });
  }

  flush(): Promise<void> {
    return this.enqueue(async () => { if (!this.readOnly) await this.handle.sync(); });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => {});
    await this.handle.close();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw new BlockStoreError(`${this.path}: closed`);
      try {
        return await work();
      } catch (e) {
        if (e instanceof BlockStoreError) throw e;
        throw new BlockStoreError(`${this.path}: ${(e as Error).message}`);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }
}
