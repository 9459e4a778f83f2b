// MemoryShareBackend: a shared folder kept in a Map (path → node), for the
// page (which saves and restores it through `entries()`/the constructor)
// and for tests. Behaves as a small POSIX file system: directories must be
// empty to go, rename replaces a file or an empty directory, names are
// unique per directory. Times come from the `now` function given (the
// device passes the guest's clock, so runs are deterministic).

import { ShareError, type ShareBackend, type ShareStat } from './backend.ts';

export interface MemoryShareNode {
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  data: Uint8Array;   /* a file's bytes, a symlink's target; empty for a directory */
  atime: number;
  mtime: number;
  ctime: number;
}

const MAX_FILE = 64 << 20;   /* the page keeps files in memory: 64 MiB each at most (EFBIG) */

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export class MemoryShareBackend implements ShareBackend {
  private readonly nodes = new Map<string, MemoryShareNode>();

  constructor(entries: Iterable<[string, MemoryShareNode]> = [], private readonly now: () => number = () => 0) {
    this.nodes.set('', { type: 'dir', mode: 0o755, data: new Uint8Array(0), atime: 0, mtime: 0, ctime: 0 });
    for (const [path, node] of entries) this.nodes.set(path, { ...node, data: new Uint8Array(node.data) });
  }

  /** Every node but the root, for saving. */
  entries(): [string, MemoryShareNode][] {
    return [...this.nodes.entries()].filter(([p]) => p !== '');
  }

  private node(path: string): MemoryShareNode {
    const n = this.nodes.get(path);
    if (!n) {
      const parent = this.nodes.get(parentOf(path));
      throw new ShareError(parent && parent.type !== 'dir' ? 'ENOTDIR' : 'ENOENT');
    }
    return n;
  }

  private file(path: string): MemoryShareNode {
    const n = this.node(path);
    if (n.type === 'dir') throw new ShareError('EISDIR');
    return n;
  }

  private children(path: string): string[] {
    const prefix = path === '' ? '' : `${path}/`;
    return [...this.nodes.keys()].filter((p) => p !== '' && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
  }

  private add(path: string, node: MemoryShareNode): void {
    if (this.nodes.has(path)) throw new ShareError('EEXIST');
    const parent = this.node(parentOf(path));
    if (parent.type !== 'dir') throw new ShareError('ENOTDIR');
    this.nodes.set(path, node);
    parent.mtime = parent.ctime = this.now();
  }

  stat(path: string): ShareStat {
    const n = this.node(path);
    const nlink = n.type === 'dir' ? 2 + this.children(path).filter((c) => this.nodes.get(c)!.type === 'dir').length : 1;
    return { type: n.type, mode: n.mode, size: n.data.length, nlink, atime: n.atime, mtime: n.mtime, ctime: n.ctime };
  }

  list(path: string): string[] {
    if (this.node(path).type !== 'dir') throw new ShareError('ENOTDIR');
    const prefix = path === '' ? 0 : path.length + 1;
    return this.children(path).map((c) => c.slice(prefix)).sort();
  }

  read(path: string, offset: number, length: number): Uint8Array {
    const n = this.file(path);
    return n.data.slice(Math.min(offset, n.data.length), Math.min(offset + length, n.data.length));
  }

  write(path: string, offset: number, data: Uint8Array): number {
    const n = this.file(path);
    const end = offset + data.length;
    if (end > MAX_FILE) throw new ShareError('EFBIG');
    if (end > n.data.length) {
      const grown = new Uint8Array(end);
      grown.set(n.data);
      n.data = grown;
    }
    n.data.set(data, offset);
    n.mtime = n.ctime = this.now();
    return data.length;
  }

  create(path: string, mode: number): void {
    const t = this.now();
    this.add(path, { type: 'file', mode: mode & 0o7777, data: new Uint8Array(0), atime: t, mtime: t, ctime: t });
  }

  mkdir(path: string, mode: number): void {
    const t = this.now();
    this.add(path, { type: 'dir', mode: mode & 0o7777, data: new Uint8Array(0), atime: t, mtime: t, ctime: t });
  }

  unlink(path: string): void {
    if (this.node(path).type === 'dir') throw new ShareError('EISDIR');
    this.nodes.delete(path);
  }

  rmdir(path: string): void {
    if (path === '') throw new ShareError('EBUSY');
    if (this.node(path).type !== 'dir') throw new ShareError('ENOTDIR');
    if (this.children(path).length > 0) throw new ShareError('ENOTEMPTY');
    this.nodes.delete(path);
  }

  rename(from: string, to: string): void {
    const n = this.node(from);
    if (from === to) return;
    if (to.startsWith(`${from}/`)) throw new ShareError('EINVAL');
    const old = this.nodes.get(to);
    if (old) {
      if (old.type === 'dir' && n.type !== 'dir') throw new ShareError('EISDIR');
      if (old.type !== 'dir' && n.type === 'dir') throw new ShareError('ENOTDIR');
      if (old.type === 'dir' && this.children(to).length > 0) throw new ShareError('ENOTEMPTY');
      this.nodes.delete(to);
    } else if (this.node(parentOf(to)).type !== 'dir') {
      throw new ShareError('ENOTDIR');
    }
    const moved = [...this.nodes.keys()].filter((p) => p === from || p.startsWith(`${from}/`));
    for (const p of moved) {
      const node = this.nodes.get(p)!;
      this.nodes.delete(p);
      this.nodes.set(to + p.slice(from.length), node);
    }
    n.ctime = this.now();
  }

  truncate(path: string, size: number): void {
    const n = this.file(path);
    if (size > MAX_FILE) throw new ShareError('EFBIG');
    const data = new Uint8Array(size);
    data.set(n.data.subarray(0, Math.min(size, n.data.length)));
    n.data = data;
    n.mtime = n.ctime = this.now();
  }

  chmod(path: string, mode: number): void {
    const n = this.node(path);
    n.mode = mode & 0o7777;
    n.ctime = this.now();
  }

  utimes(path: string, atime: number, mtime: number): void {
    const n = this.node(path);
    n.atime = atime;
    n.mtime = mtime;
    n.ctime = this.now();
  }

  readlink(path: string): string {
    const n = this.node(path);
    if (n.type !== 'symlink') throw new ShareError('EINVAL');
    return new TextDecoder().decode(n.data);
  }
}
