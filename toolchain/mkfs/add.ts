// addFiles: copy host files into an existing ext2 image (for `npm run os --
// --add HOST:GUEST` and the OS build).
//
// Owns: writing regular files at guest paths, creating missing parent
// directories (0755, root-owned), replacing a regular file that is already
// there (same inode and links, new contents). Invariant: all-or-nothing —
// the work happens on a copy that is returned only when every file is in and
// the metadata is flushed; on any error (corrupt or unsupported image, no
// space, no inodes, a path that is a directory) an Ext2Error is thrown and the
// caller's image is untouched.

import { withPath } from './build.ts';
import { Ext2Error } from './errors.ts';
import { FsWriter, type NodeAttrs } from './fs-writer.ts';
import { PERMISSION_BITS, S_IFMT, S_IFREG } from './layout.ts';
import { Volume } from './volume.ts';

export interface AddedFile {
  /** Absolute path in the image, e.g. /bin/hello. */
  guestPath: string;
  data: Uint8Array;
  /** Permission bits (a full S_IFREG mode is accepted too); default 0644. */
  mode?: number;
  uid?: number;
  gid?: number;
  /** Unix seconds for atime/mtime/ctime; default the `time` option. */
  mtime?: number;
}

export interface AddOptions {
  /** Unix seconds used for new files, new directories and the superblock (default: now). */
  time?: number;
}

/** Returns a new image with the files added; `image` itself is never modified. */
export function addFiles(image: Uint8Array, files: AddedFile[], opts: AddOptions = {}): Uint8Array {
  const time = opts.time ?? Math.floor(Date.now() / 1000);
  if (!(image instanceof Uint8Array)) throw new Ext2Error('addFiles needs the image as a Uint8Array');
  if (!Array.isArray(files)) throw new Ext2Error('addFiles needs an array of files');
  for (const f of files) {
    if (!f || typeof f.guestPath !== 'string') throw new Ext2Error('every added file needs a string guestPath');
  }
  const copy = image.slice();
  const vol = Volume.open(copy, true);
  const writer = new FsWriter(vol);
  const dirAttrs: NodeAttrs = { perm: 0o755, uid: 0, gid: 0, atime: time, mtime: time, ctime: time };
  for (const f of files) {
    withPath(f.guestPath, () => {
      if (!(f.data instanceof Uint8Array)) throw new Ext2Error('data must be a Uint8Array');
      const mode = f.mode ?? 0o644;
      if (!Number.isInteger(mode) || mode < 0 || mode > 0xffff ||
          ((mode & S_IFMT) !== 0 && (mode & S_IFMT) !== S_IFREG)) {
        throw new Ext2Error(`mode 0${mode.toString(8)} is not a regular file's mode`);
      }
      const stamp = f.mtime ?? time;
      const attrs: NodeAttrs = {
        perm: mode & PERMISSION_BITS, uid: f.uid ?? 0, gid: f.gid ?? 0, atime: stamp, mtime: stamp, ctime: time,
      };
      const { parent, name } = writer.parentOf(f.guestPath, dirAttrs);
      const existing = writer.lookupIn(parent, name);
      if (existing !== 0) writer.replaceFile(existing, f.data, attrs);
      else writer.createFile(parent, name, f.data, attrs);
    });
  }
  vol.flush(time);
  return copy;
}
