// The one error type of the ext2 tools.
//
// Owns: Ext2Error, thrown for every refusal — a corrupt or unsupported image
// given to the reader or to addFiles, a bad file-system description, or an
// image that runs out of blocks or inodes while being built. Invariant: the
// tools never let a RangeError/TypeError escape on bad input; callers (the
// CLI, build:os) can catch Ext2Error and print its message as it is.

export class Ext2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Ext2Error';
  }
}

/** Throws an Ext2Error saying the image is corrupt, with the reason. */
export function corrupt(reason: string): never {
  throw new Ext2Error(`corrupt ext2 image: ${reason}`);
}
