/* t_ipc.c: inter-process communication beyond pipes (issue 13) — eventfd:
 * the counter summed by writes and emptied by a read, EFD_SEMAPHORE
 * handing out one at a time, O_NONBLOCK's EAGAIN on an empty or full
 * counter, the 8-byte rule (EINVAL), a reader in a forked child woken by
 * the parent's write with the value intact, EFD_CLOEXEC and bad flags.
 * The boot test test/kernel/ipc.test.ts runs them and e2fsck after. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

int __sys_nanosleep(const unsigned int *req, unsigned int *rem);

static void nap(unsigned int ms) {
  unsigned int req[2];
  req[0] = ms / 1000;
  req[1] = (ms % 1000) * 1000000;
  __sys_nanosleep(req, 0);
}

static void eventfd_counter(void) {
  eventfd_t v = 0;
  unsigned int small = 0;
  int fd = eventfd(5, EFD_NONBLOCK);
  CHECK(fd >= 0);
  CHECK(read(fd, &v, sizeof v) == 8 && v == 5);
  CHECK_ERR(read(fd, &v, sizeof v), EAGAIN);           /* read emptied it */
  CHECK(eventfd_write(fd, 3) == 0 && eventfd_write(fd, 4) == 0);
  CHECK(eventfd_read(fd, &v) == 0 && v == 7);          /* writes add up */
  CHECK(eventfd_write(fd, 0x100000002ULL) == 0);       /* the high half counts */
  CHECK(eventfd_read(fd, &v) == 0 && v == 0x100000002ULL);
  CHECK_ERR(read(fd, &small, sizeof small), EINVAL);   /* less than 8 bytes */
  CHECK_ERR(write(fd, &small, sizeof small), EINVAL);
  v = 0xffffffffffffffffULL;
  CHECK_ERR(write(fd, &v, sizeof v), EINVAL);          /* the one value never allowed */
  CHECK(eventfd_write(fd, 0xfffffffffffffffeULL) == 0); /* the largest counter */
  v = 1;
  CHECK_ERR(write(fd, &v, sizeof v), EAGAIN);          /* would overflow */
  CHECK(eventfd_read(fd, &v) == 0 && v == 0xfffffffffffffffeULL);
  close(fd);
}

static void eventfd_semaphore(void) {
  eventfd_t v = 0;
  int fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
  int i;
  CHECK(fd >= 0);
  for (i = 0; i < 3; i++)
    CHECK(eventfd_read(fd, &v) == 0 && v == 1);
  CHECK_ERR(read(fd, &v, sizeof v), EAGAIN);
  CHECK(eventfd_write(fd, 0x100000000ULL) == 0);       /* decrement borrows from the high half */
  CHECK(eventfd_read(fd, &v) == 0 && v == 1);
  CHECK(fcntl(fd, F_SETFL, 0) == 0);                   /* blocking from here on */
  CHECK(eventfd_read(fd, &v) == 0 && v == 1);
  close(fd);
}

static void eventfd_between_processes(void) {
  int fd = eventfd(0, 0);
  int back = eventfd(0, 0);
  int pid;
  eventfd_t v = 0;
  CHECK(fd >= 0 && back >= 0);
  pid = fork();
  if (pid == 0) {
    eventfd_t got = 0;
    if (eventfd_read(fd, &got) != 0 || got != 42)   /* waits for the parent */
      _exit(1);
    if (eventfd_write(back, got + 1) != 0)
      _exit(2);
    _exit(0);
  }
  nap(30);   /* the child is asleep in read by now */
  CHECK(eventfd_write(fd, 42) == 0);
  CHECK(eventfd_read(back, &v) == 0 && v == 43);
  CHECK(ut_wait_status(pid) == 0);
  close(fd);
  close(back);
}

static void eventfd_flags(void) {
  int fd = eventfd(0, EFD_CLOEXEC);
  int plain = eventfd(0, 0);
  char link[64];
  char path[32];
  int n;
  CHECK(fd >= 0 && plain >= 0);
  CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
  CHECK(fcntl(plain, F_GETFD) == 0);
  CHECK((fcntl(plain, F_GETFL) & O_NONBLOCK) == 0 && (fcntl(plain, F_GETFL) & O_ACCMODE) == O_RDWR);
  CHECK_ERR(eventfd(0, 8), EINVAL);
  sprintf(path, "/proc/self/fd/%d", fd);
  n = readlink(path, link, sizeof link - 1);
  CHECK(n > 0);
  link[n > 0 ? n : 0] = 0;
  CHECK(strcmp(link, "anon_inode:[eventfd]") == 0);
  close(fd);
  close(plain);
}

struct ut_case ut_ipc_cases[] = {
  { "eventfd_counter", eventfd_counter },
  { "eventfd_semaphore", eventfd_semaphore },
  { "eventfd_between_processes", eventfd_between_processes },
  { "eventfd_flags", eventfd_flags },
  { 0, 0 },
};
