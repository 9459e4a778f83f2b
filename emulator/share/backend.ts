// The host side of the shared folder: what the share device (emulator/
// devices/share.ts) asks of the folder it exports, by paths relative to the
// folder's root ('' is the root, components joined by '/').
//
// Two backends: NodeShareBackend (a directory of the host, `npm run os --
// --share DIR`) and MemoryShareBackend (a map in memory: the page's store,
// which persists it elsewhere, and tests). Both are synchronous, so the
// device answers every request at a fixed emulated latency (determinism).
//
// Invariants: a backend never reaches outside its folder — the device hands
// it only names it checked (no '/', no '.', no '..', no NUL) and a Node
// backend never follows a host symbolic link (lstat, O_NOFOLLOW: a link
// is shown as a link, whose target the guest resolves in its own name
// space); failures are ShareError with a Linux errno name, never anything
// else.

export type ShareFileType = 'file' | 'dir' | 'symlink';

export interface ShareStat {
  type: ShareFileType;
  /** Permission bits (0..0o7777). */
  mode: number;
  size: number;
  nlink: number;
  /** Unix seconds. */
  atime: number;
  mtime: number;
  ctime: number;
}

/** A failure with a Linux errno name ('ENOENT', 'EEXIST', ...). */
export class ShareError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message ?? code);
    this.name = 'ShareError';
  }
}

export interface ShareBackend {
  stat(path: string): ShareStat;
  /** Names in a directory, without . and .., in a stable order. */
  list(path: string): string[];
  read(path: string, offset: number, length: number): Uint8Array;
  /** Writes at offset (extending the file); returns the count written. */
  write(path: string, offset: number, data: Uint8Array): number;
  /** A new empty file (EEXIST if the name is taken). */
  create(path: string, mode: number): void;
  mkdir(path: string, mode: number): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  /** Replaces `to` if it exists (as rename(2)). */
  rename(from: string, to: string): void;
  truncate(path: string, size: number): void;
  chmod(path: string, mode: number): void;
  utimes(path: string, atime: number, mtime: number): void;
  readlink(path: string): string;
}

/** Turns a host exception into a ShareError (unknown ones are EIO). */
export function shareErrorOf(e: unknown): ShareError {
  if (e instanceof ShareError) return e;
  const code = (e as { code?: unknown }).code;
  return new ShareError(typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : 'EIO', String((e as Error)?.message ?? e));
}
