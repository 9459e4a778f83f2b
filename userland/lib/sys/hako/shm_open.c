/* shm_open.c: POSIX shared memory objects, as glibc makes them: files of
 * the tmpfs mounted on /dev/shm (the kernel mounts it at boot). The name
 * may start with slashes (they are skipped) and may not contain another
 * one or be empty (EINVAL); a name of NAME_MAX bytes or more is
 * ENAMETOOLONG. The descriptor is close-on-exec and never follows a
 * symlink. shm_unlink reports EPERM as EACCES, as glibc does. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHM_DIR "/dev/shm/"
#define SHM_NAME_MAX 255

/* "/dev/shm/NAME" in path (SHM_NAME_MAX + 10 bytes), or -1 with errno. */
static int shm_path(const char *name, char *path) {
  while (name[0] == '/') name++;
  if (name[0] == 0 || strchr(name, '/') != NULL) {
    errno = EINVAL;
    return -1;
  }
  if (strlen(name) >= SHM_NAME_MAX) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(path, SHM_DIR);
  strcat(path, name);
  return 0;
}

int shm_open(const char *name, int oflag, mode_t mode) {
  char path[SHM_NAME_MAX + 10];
  if (shm_path(name, path) != 0) return -1;
  return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name) {
  char path[SHM_NAME_MAX + 10];
  int r;
  if (shm_path(name, path) != 0) return -1;
  r = unlink(path);
  if (r < 0 && errno == EPERM) errno = EACCES;
  return r;
}
