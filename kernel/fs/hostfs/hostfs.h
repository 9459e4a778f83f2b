/*
 * hostfs.h — what the parts of the shared-folder file system share
 * (transport.c: the request ring of the share device; super.c: mounting and
 * inodes; ops.c: the VFS operations). Nothing outside fs/hostfs/ includes
 * it: the rest of the kernel sees hostfs only through hostfs_fs_type.
 *
 * The device (docs/architecture.md "Devices") names every file by an id it
 * gives out (the root is 1); hostfs uses that id as the inode number. The
 * folder's files appear owned by uid 1000, gid 1000 (the ordinary user,
 * hako) with the host's permission bits; root may do anything, as on any
 * file system.
 */
#ifndef HAKO_HOSTFS_H
#define HAKO_HOSTFS_H

#include "fs.h"
#include "types.h"

#define HOSTFS_ROOT_ID 1
#define HOSTFS_OWNER 1000           /* uid and gid of every file */
#define HOSTFS_CHUNK 4096           /* bytes per READ/WRITE request */
#define HOSTFS_SUPER_MAGIC 0x01021997   /* Linux's V9FS_MAGIC: a host folder over a transport */

/* Operations (emulator/devices/share.ts SHARE_OP). */
#define HOSTFS_LOOKUP 1
#define HOSTFS_GETATTR 2
#define HOSTFS_READ 3
#define HOSTFS_WRITE 4
#define HOSTFS_CREATE 5
#define HOSTFS_MKDIR 6
#define HOSTFS_UNLINK 7
#define HOSTFS_RMDIR 8
#define HOSTFS_RENAME 9
#define HOSTFS_READDIR 10
#define HOSTFS_SETATTR 11
#define HOSTFS_READLINK 12

/* A node's attributes as the device answers them. */
struct hostfs_attr {
  u32 id, mode, size, nlink, atime, mtime, ctime;
};

/* One request: op, arguments, up to two names, data (kernel memory). */
struct hostfs_req {
  u32 op;
  u32 a[6];
  const char *name, *name2;
  const void *data;
  u32 data_len;
};

/* transport.c */
int hostfs_present(void);
/* Sends r and sleeps (or polls, before processes) until answered; the
 * reply (at most reply_size bytes) lands in reply. Returns the reply's
 * length or -errno. */
int hostfs_call(const struct hostfs_req *r, void *reply, u32 reply_size);

/* super.c */
void hostfs_fill_inode(struct inode *ip, const struct hostfs_attr *a);
extern const struct inode_operations hostfs_dir_inode_ops;
extern const struct inode_operations hostfs_file_inode_ops;
extern const struct inode_operations hostfs_symlink_inode_ops;
extern const struct file_ops hostfs_file_ops;
extern const struct file_ops hostfs_dir_ops;

#endif
