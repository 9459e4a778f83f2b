// NodeShareBackend: a host directory as the shared folder (`npm run os --
// --share DIR`). Paths are joined under the directory only after the
// device checked every name; no host symbolic link is ever followed (lstat,
// O_NOFOLLOW on open), so the guest cannot reach outside DIR through one.
// Node's errors keep their errno names (ENOENT, ENOTEMPTY, ...).

import {
  chmodSync, closeSync, constants, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readSync,
  readdirSync, readlinkSync, renameSync, rmdirSync, unlinkSync, utimesSync, writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { ShareError, shareErrorOf, type ShareBackend, type ShareStat } from './backend.ts';

export class NodeShareBackend implements ShareBackend {
  constructor(readonly root: string) {
    if (!lstatSync(root).isDirectory()) throw new Error(`${root}: not a directory`);
  }

  private host(path: string): string {
    return path === '' ? this.root : join(this.root, path);
  }

  private guard<T>(fn: () => T): T {
    try { return fn(); } catch (e) { throw shareErrorOf(e); }
  }

  /** Opens a regular file without following a link; fn gets the descriptor. */
  private withFile<T>(path: string, flags: number, fn: (fd: number) => T): T {
    return this.guard(() => {
      const fd = openSync(this.host(path), flags | constants.O_NOFOLLOW);
      try {
        if (fstatSync(fd).isDirectory()) throw new ShareError('EISDIR');
        return fn(fd);
      } finally {
        closeSync(fd);
      }
    });
  }

  stat(path: string): ShareStat {
    return this.guard(() => {
      const s = lstatSync(this.host(path));
      const type = s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'file';
      return {
        type, mode: s.mode & 0o7777, size: type === 'dir' ? 4096 : s.size, nlink: s.nlink,
        atime: Math.floor(s.atimeMs / 1000), mtime: Math.floor(s.mtimeMs / 1000), ctime: Math.floor(s.ctimeMs / 1000),
      };
    });
  }

  list(path: string): string[] {
    return this.guard(() => readdirSync(this.host(path)).sort());
  }

  read(path: string, offset: number, length: number): Uint8Array {
    return this.withFile(path, constants.O_RDONLY, (fd) => {
      const buf = new Uint8Array(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    });
  }

  write(path: string, offset: number, data: Uint8Array): number {
    return this.withFile(path, constants.O_WRONLY, (fd) => writeSync(fd, data, 0, data.length, offset));
  }

  create(path: string, mode: number): void {
    this.guard(() => closeSync(openSync(this.host(path), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode & 0o7777)));
  }

  mkdir(path: string, mode: number): void {
    this.guard(() => mkdirSync(this.host(path), mode & 0o7777));
  }

  unlink(path: string): void {
    this.guard(() => {
      if (lstatSync(this.host(path)).isDirectory()) throw new ShareError('EISDIR');
      unlinkSync(this.host(path));
    });
  }

  rmdir(path: string): void {
    this.guard(() => rmdirSync(this.host(path)));
  }

  rename(from: string, to: string): void {
    this.guard(() => renameSync(this.host(from), this.host(to)));
  }

  truncate(path: string, size: number): void {
    this.withFile(path, constants.O_WRONLY, (fd) => ftruncateSync(fd, size));
  }

  chmod(path: string, mode: number): void {
    this.guard(() => {
      if (lstatSync(this.host(path)).isSymbolicLink()) throw new ShareError('EPERM');
      chmodSync(this.host(path), mode & 0o7777);
    });
  }

  utimes(path: string, atime: number, mtime: number): void {
    this.guard(() => {
      if (lstatSync(this.host(path)).isSymbolicLink()) throw new ShareError('EPERM');
      utimesSync(this.host(path), atime, mtime);
    });
  }

  readlink(path: string): string {
    return this.guard(() => readlinkSync(this.host(path)));
  }
}
