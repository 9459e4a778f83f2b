/*
 * dirlist.c — directory listings a pseudo file system (procfs, cgroup2)
 * builds in memory for each readdir: it has no blocks of its own, so it
 * writes the directory's entries into a buffer, and the walk over them
 * from the file's offset to the readdir actor is this one.
 *
 * A record is ext2's shape — inode (u32), record length (u16), name
 * length (u8), type (u8: a DT_* value, what the actor takes), the name,
 * padded to 4 bytes — so a record's offset is a stable readdir cookie for
 * as long as the listing does not change. Invariants: a record never runs
 * past the buffer's capacity (one that would is left out); the walk stops
 * at a record too short or running past the listing, passes over records
 * with inode 0 or no name (slack), and leaves f->offset on the first record
 * the actor did not take.
 */
#include "fs.h"
#include "lib.h"

int dirlist_add(char *buf, u32 *len, u32 cap, u32 ino, const char *name, u32 dtype) {
  u32 n = strlen(name);
  u32 rec = (8 + n + 3) & ~3u;
  if (*len + rec > cap) return 0;
  *(u32 *)(buf + *len) = ino;
  *(u16 *)(buf + *len + 4) = (u16)rec;
  buf[*len + 6] = (char)n;
  buf[*len + 7] = (char)dtype;
  memcpy(buf + *len + 8, name, n);
  *len += rec;
  return 1;
}

int dirlist_emit(const char *buf, u32 len, struct file *f, struct dir_context *ctx) {
  int r = 0;
  while (f->offset + 8 <= len) {
    const char *e = buf + f->offset;
    u32 ino = *(u32 *)e;
    u32 rec = *(u16 *)(e + 4);
    u32 n = (u8)e[6];
    if (rec < 8 || f->offset + rec > len) break;
    if (ino != 0 && n != 0) {
      r = ctx->actor(ctx, e + 8, n, ino, f->offset + rec, (u8)e[7]);
      if (r) break;
    }
    f->offset += rec;
  }
  return r < 0 ? r : 0;
}
