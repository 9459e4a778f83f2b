// A host directory as a file-system description (for the root disk).
//
// Owns: walking a directory of the repository (userland/root/) in sorted
// order, so the image does not depend on readdir order, and turning each
// entry into an FsEntry: directories 0755, files 0755 when the host copy is
// executable else 0644, symlinks with their target; owner 0:0. Anything else
// on the host (sockets, devices) is refused. Git keeps no owners and only
// one executable bit, so callers apply their own overrides afterwards.

import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { FsEntry } from './build.ts';
import { Ext2Error } from './errors.ts';

export function hostTreeEntries(hostDir: string): FsEntry[] {
  const entries: FsEntry[] = [];
  const walk = (dir: string, guest: string) => {
    for (const name of readdirSync(dir).sort()) {
      const host = join(dir, name);
      const path = `${guest}/${name}`;
      const st = lstatSync(host);
      if (st.isDirectory()) {
        entries.push({ type: 'dir', path, mode: 0o755 });
        walk(host, path);
      } else if (st.isFile()) {
        entries.push({ type: 'file', path, data: new Uint8Array(readFileSync(host)), mode: st.mode & 0o111 ? 0o755 : 0o644 });
      } else if (st.isSymbolicLink()) {
        entries.push({ type: 'symlink', path, target: readlinkSync(host) });
      } else {
        throw new Ext2Error(`${host}: only directories, files and symlinks can be copied into an image`);
      }
    }
  };
  walk(hostDir, '');
  return entries;
}
