/* hako/mount.h: mount(2) and umount2(2) flags, Linux's values (shared by
 * the kernel, kernel/fs/mount.c, and libc's sys/mount.h). */
#ifndef _HAKO_MOUNT_H
#define _HAKO_MOUNT_H

/* mount(2) flags. */
#define MS_RDONLY 1            /* writes fail with EROFS */
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16      /* Hako's ext2 always writes through */
#define MS_REMOUNT 32          /* change the flags of a mounted file system */
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096           /* not supported: EINVAL */
#define MS_MOVE 8192           /* not supported: EINVAL */
#define MS_SILENT 32768
#define MS_RELATIME (1 << 21)
#define MS_MGC_VAL 0xC0ED0000u /* old magic in the top half, ignored */
#define MS_MGC_MSK 0xFFFF0000u

/* umount2(2) flags. */
#define MNT_FORCE 1            /* accepted; Hako's file systems have nothing to abort */
#define MNT_DETACH 2           /* lazy unmount: not supported, EINVAL */
#define MNT_EXPIRE 4           /* not supported: EINVAL */
#define UMOUNT_NOFOLLOW 8      /* do not follow a final symlink */

#endif
