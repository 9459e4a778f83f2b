// The ext2 tools' public face: build an image, read one, add files to one.
// See layout.ts for the exact flavour of ext2 produced (what the kernel
// must implement) and each module's header for its invariants.

export { buildExt2, type BuildOptions, type FsDescription, type FsEntry, type EntryMeta } from './build.ts';
export { readExt2, Ext2Reader, type Ext2Stat, type Ext2DirEntry, type Ext2Info, type FileKind } from './read.ts';
export { addFiles, type AddedFile, type AddOptions } from './add.ts';
export { Ext2Error } from './errors.ts';
