/* sys/mman.h: memory mappings — mmap, munmap, mprotect, msync — with Linux
 * i386's flag values. mmap is libc's wrapper over the mmap2 system call
 * (userland/lib/sys/hako/mmap.c); the others are system-call stubs.
 * shm_open and shm_unlink (POSIX shared memory objects: files in /dev/shm,
 * userland/lib/sys/hako/shm_open.c) are declared here too, as POSIX says. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS

#define MAP_FAILED ((void *)-1)

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int msync(void *addr, size_t len, int flags);
int shm_open(const char *name, int oflag, mode_t mode);
int shm_unlink(const char *name);

#endif
