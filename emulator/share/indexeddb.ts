// IndexedDbShare: the page's shared folder — a MemoryShareBackend whose
// nodes are also kept in IndexedDB, so the student's files survive a page
// reload (tested in Node with fake-indexeddb).
//
// Database layout (version 1): object store `nodes`, key = the node's path
// in the folder, value = a MemoryShareNode. `open` reads every record into
// memory; after that the device's requests are answered from memory at
// once (the device is synchronous) and each change is written behind, one
// transaction per change, in order: a created, written or changed node is
// put again, a removed one deleted, a renamed subtree deleted under its old
// paths and put under the new ones. `flush()` resolves when every change
// so far is stored; a failed write is reported through `onError` (the
// memory copy, which the guest sees, stays as it is).

import { type ShareBackend, type ShareStat } from './backend.ts';
import { MemoryShareBackend, type MemoryShareNode } from './memory.ts';

const NODES = 'nodes';
const DB_VERSION = 1;

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}

export interface IndexedDbShareOptions {
  factory?: IDBFactory;
  now?: () => number;
  onError?: (message: string) => void;
}

export class IndexedDbShare implements ShareBackend {
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly name: string,
    private readonly db: IDBDatabase,
    private readonly mem: MemoryShareBackend,
    private readonly onError: (message: string) => void,
  ) {}

  static async open(name: string, options: IndexedDbShareOptions = {}): Promise<IndexedDbShare> {
    const factory = options.factory ?? globalThis.indexedDB;
    if (!factory) throw new Error(`${name}: IndexedDB is not available`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(NODES)) req.result.createObjectStore(NODES);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(`${name}: cannot open database: ${req.error?.message ?? 'unknown error'}`));
    });
    const tx = db.transaction([NODES], 'readonly');
    const store = tx.objectStore(NODES);
    const [keys, values] = await Promise.all([
      request<IDBValidKey[]>(store.getAllKeys()), request<MemoryShareNode[]>(store.getAll()),
    ]);
    const entries = keys.map((k, i) => [String(k), values[i]] as [string, MemoryShareNode]);
    const now = options.now ?? (() => Math.floor(Date.now() / 1000));
    return new IndexedDbShare(name, db, new MemoryShareBackend(entries, now), options.onError ?? (() => {}));
  }

  /** Resolves when every change made so far is in the database. */
  flush(): Promise<void> { return this.queue; }

  close(): void { this.db.close(); }

  /** Queues one transaction: delete `gone`, then put the current nodes at `put`. */
  private persist(gone: string[], put: string[]): void {
    const nodes = new Map(this.mem.entries());
    const records = put.map((p) => [p, nodes.get(p)] as const).filter(([, n]) => n !== undefined);
    this.queue = this.queue.then(() => new Promise<void>((resolve) => {
      const tx = this.db.transaction([NODES], 'readwrite');
      const store = tx.objectStore(NODES);
      for (const p of gone) store.delete(p);
      for (const [p, n] of records) store.put(n, p);
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => {
        this.onError(`${this.name}: a change was not saved: ${tx.error?.message ?? 'aborted'}`);
        resolve();
      };
    }));
  }

  private below(path: string): string[] {
    return this.mem.entries().map(([p]) => p).filter((p) => p === path || p.startsWith(`${path}/`));
  }

  stat(path: string): ShareStat { return this.mem.stat(path); }
  list(path: string): string[] { return this.mem.list(path); }
  read(path: string, offset: number, length: number): Uint8Array { return this.mem.read(path, offset, length); }
  readlink(path: string): string { return this.mem.readlink(path); }

  write(path: string, offset: number, data: Uint8Array): number {
    const n = this.mem.write(path, offset, data);
    this.persist([], [path]);
    return n;
  }
  create(path: string, mode: number): void { this.mem.create(path, mode); this.persist([], [path]); }
  mkdir(path: string, mode: number): void { this.mem.mkdir(path, mode); this.persist([], [path]); }
  unlink(path: string): void { this.mem.unlink(path); this.persist([path], []); }
  rmdir(path: string): void { this.mem.rmdir(path); this.persist([path], []); }
  truncate(path: string, size: number): void { this.mem.truncate(path, size); this.persist([], [path]); }
  chmod(path: string, mode: number): void { this.mem.chmod(path, mode); this.persist([], [path]); }
  utimes(path: string, atime: number, mtime: number): void { this.mem.utimes(path, atime, mtime); this.persist([], [path]); }

  rename(from: string, to: string): void {
    const old = [...this.below(from), ...this.below(to)];
    this.mem.rename(from, to);
    this.persist(old, this.below(to));
  }
}
