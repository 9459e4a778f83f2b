/* t_swap.c: usertests cases for swap: round trips of verified data, pages
 * shared copy-on-write through swap, and swapon/swapoff.
 *
 * Sizes come from /proc/meminfo (MemFree, SwapFree), so the cases run at
 * any RAM size with or without a swap disk: with swap they ask for more
 * than RAM holds and check that pages went out (pswpout) and came back
 * intact; without it they ask for what fits and check the same data.
 * Every page carries its own value (page number mixed with a per-case
 * salt), so a lost, swapped or shared-when-it-should-not-be page reads
 * back wrong. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
#include "ut.h"

#define PAGE 4096
#define SWAP_DEVICE "/dev/hdb"

/* libc has the stubs; there is no <sys/swap.h> yet. */
int swapon(const char *path, int flags);
int swapoff(const char *path);

static int meminfo_kb(const char *key) { return ut_proc_number("/proc/meminfo", key); }
static int vmstat(const char *key) { return ut_proc_number("/proc/vmstat", key); }

static unsigned int value(unsigned int page, unsigned int word, unsigned int salt) {
  return (page * 2246822519u) ^ (word * 3266489917u) ^ salt;
}

/* Every 16th word of every page, so each page is touched all over. */
static void fill(unsigned int *mem, int pages, unsigned int salt) {
  int p, w;
  for (p = 0; p < pages; p++)
    for (w = 0; w < PAGE / 4; w += 16)
      mem[p * (PAGE / 4) + w] = value(p, w, salt);
}

/* The first bad page, or -1. */
static int first_bad(unsigned int *mem, int pages, unsigned int salt) {
  int p, w;
  for (p = 0; p < pages; p++)
    for (w = 0; w < PAGE / 4; w += 16)
      if (mem[p * (PAGE / 4) + w] != value(p, w, salt))
        return p;
  return -1;
}

static int swap_on(void) { return meminfo_kb("SwapTotal") > 0; }

/* One process writes more than RAM (when there is swap) and reads it all
 * back: the pages it wrote first were swapped out and come back intact. */
static void swap_roundtrip(void) {
  int free_kb = meminfo_kb("MemFree");
  int swap_kb = meminfo_kb("SwapFree");
  int total_kb = meminfo_kb("MemTotal");
  int out_before = vmstat("pswpout");
  int in_before = vmstat("pswpin");
  int pages;
  unsigned int *mem;
  CHECK(free_kb > 0 && swap_kb >= 0 && total_kb > 0 && out_before >= 0 && in_before >= 0);
  /* with swap: RAM and a quarter (never more than half of swap beyond
   * what is free); without: half of what is free */
  if (swap_on())
    pages = (total_kb + total_kb / 4) / 4;
  else
    pages = free_kb / 8;
  if (swap_on() && pages > (free_kb + swap_kb / 2) / 4)
    pages = (free_kb + swap_kb / 2) / 4;
  mem = (unsigned int *)malloc(pages * PAGE);
  CHECK(mem != NULL);
  fill(mem, pages, 0x5EED0001u);
  CHECK(first_bad(mem, pages, 0x5EED0001u) == -1);
  /* a second pass in the same order: the early pages are out again by now */
  CHECK(first_bad(mem, pages, 0x5EED0001u) == -1);
  if (swap_on() && pages * 4 > total_kb) {
    CHECK(vmstat("pswpout") > out_before);
    CHECK(vmstat("pswpin") > in_before);
  }
  free(mem);
}

/* A parent fills memory and forks: parent and child read the shared pages
 * at the same time (swapped out, so they come back through the swap cache
 * as one frame for both), then the child writes its own copies; the
 * parent's data is untouched. */
static void swap_cow_fork(void) {
  int free_kb = meminfo_kb("MemFree");
  int swap_kb = meminfo_kb("SwapFree");
  int pages, pid, st;
  unsigned int *mem;
  CHECK(free_kb > 0 && swap_kb >= 0);
  /* parent + child copies must fit in RAM + swap: a third of both each */
  pages = (free_kb + swap_kb) / 3 / 4;
  mem = (unsigned int *)malloc(pages * PAGE);
  CHECK(mem != NULL);
  fill(mem, pages, 0xC0FFEE00u);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    if (first_bad(mem, pages, 0xC0FFEE00u) != -1)
      _exit(2);
    fill(mem, pages, 0xC0FFEE11u);
    if (first_bad(mem, pages, 0xC0FFEE11u) != -1)
      _exit(3);
    _exit(0);
  }
  /* at the same time as the child: both fault on the same slots, and one
   * waits for the other's read to finish, then finds the page cached */
  CHECK(first_bad(mem, pages, 0xC0FFEE00u) == -1);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(first_bad(mem, pages, 0xC0FFEE00u) == -1);
  /* and the parent's own writes after the child is gone */
  fill(mem, pages / 2, 0xC0FFEE22u);
  CHECK(first_bad(mem, pages / 2, 0xC0FFEE22u) == -1);
  free(mem);
}

/* A child wants `pages` pages for a moment: whatever the caller has not
 * touched lately goes out to swap (when there is swap). */
static void push_out(int pages) {
  int pid = fork(), st;
  CHECK(pid >= 0);
  if (pid == 0) {
    unsigned int *hog = (unsigned int *)malloc(pages * PAGE);
    if (hog == NULL)
      _exit(2);
    fill(hog, pages, 0xB0B0B0B0u);
    _exit(first_bad(hog, pages, 0xB0B0B0B0u) == -1 ? 0 : 3);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

#define BUF_PAGES 16

/* System calls on swapped-out buffers: write(2) copies from pages that
 * are in swap, read(2) copies into them (the kernel's user copies fault
 * and swap in, as the process itself would). */
static void swap_syscall_buffers(void) {
  int free_kb = meminfo_kb("MemFree");
  int swap_kb = meminfo_kb("SwapFree");
  int hog = swap_on() ? (free_kb + swap_kb / 4) / 4 : free_kb / 8;
  int swapped, fd;
  unsigned int *buf = (unsigned int *)malloc(BUF_PAGES * PAGE);
  CHECK(buf != NULL && free_kb > 0);
  fill(buf, BUF_PAGES, 0xF11E0001u);
  push_out(hog);
  swapped = ut_proc_number("/proc/self/status", "VmSwap");
  if (swap_on())
    CHECK(swapped >= BUF_PAGES * 4);
  fd = open("data", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, buf, BUF_PAGES * PAGE) == BUF_PAGES * PAGE);
  /* the buffer again, with other contents, out again */
  fill(buf, BUF_PAGES, 0xF11E0002u);
  push_out(hog);
  if (swap_on())
    CHECK(ut_proc_number("/proc/self/status", "VmSwap") >= BUF_PAGES * 4);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(read(fd, buf, BUF_PAGES * PAGE) == BUF_PAGES * PAGE);
  CHECK(first_bad(buf, BUF_PAGES, 0xF11E0001u) == -1);
  close(fd);
  unlink("data");
  free(buf);
}

/* swapon/swapoff: errors; with swap, ENOMEM while swap holds more than
 * RAM could take back, and a full off/on cycle that brings every page back
 * and leaves every slot free. */
static void swap_onoff(void) {
  int pid, st;
  CHECK_ERR(swapon("/dev/nosuch", 0), EINVAL);
  CHECK_ERR(swapoff("/etc/motd"), EINVAL);
  CHECK_ERR(swapon((const char *)1, 0), EFAULT);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    /* only root may */
    if (setuid(1000) != 0)
      _exit(2);
    errno = 0;
    if (swapon(SWAP_DEVICE, 0) != -1 || errno != EPERM)
      _exit(3);
    errno = 0;
    if (swapoff(SWAP_DEVICE) != -1 || errno != EPERM)
      _exit(4);
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  if (!swap_on()) {
    CHECK_ERR(swapoff(SWAP_DEVICE), EINVAL);
    return;
  }
  /* With more in swap than RAM could take back, swapoff refuses (ENOMEM)
   * and swap stays on, data intact. */
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    int total_kb = meminfo_kb("MemTotal");
    int big = (total_kb + total_kb / 4) / 4;
    int before = meminfo_kb("SwapTotal");
    unsigned int *hog = (unsigned int *)malloc(big * PAGE);
    if (hog == NULL)
      _exit(2);
    fill(hog, big, 0x0FF0FF22u);
    errno = 0;
    if (swapoff(SWAP_DEVICE) != -1 || errno != ENOMEM)
      _exit(3);
    if (meminfo_kb("SwapTotal") != before)
      _exit(4);
    _exit(first_bad(hog, big, 0x0FF0FF22u) == -1 ? 0 : 5);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  {
    /* A third of free memory is ours; a child then wants all of free
     * memory, which pushes some of ours out to swap. After the child is
     * gone everything fits in RAM again, and swapoff must bring it all
     * back. (Half was too tight at 8 MiB once syslogd and klogd also had
     * pages in swap: swapoff rightly refused, by 20 frames.) */
    int free_kb = meminfo_kb("MemFree");
    int pages = free_kb / 3 / 4;
    int total_swap;
    unsigned int *mem = (unsigned int *)malloc(pages * PAGE);
    CHECK(mem != NULL);
    fill(mem, pages, 0x0FF0FF00u);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
      int hog = free_kb / 4;
      unsigned int *other = (unsigned int *)malloc(hog * PAGE);
      if (other == NULL)
        _exit(2);
      fill(other, hog, 0x0FF0FF11u);
      _exit(first_bad(other, hog, 0x0FF0FF11u) == -1 ? 0 : 3);
    }
    st = ut_wait_status(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(ut_proc_number("/proc/self/status", "VmSwap") > 0);
    CHECK(swapon(SWAP_DEVICE, 0) == -1 && errno == EBUSY);
    total_swap = meminfo_kb("SwapTotal");
    CHECK(swapoff(SWAP_DEVICE) == 0);
    CHECK(meminfo_kb("SwapTotal") == 0);
    CHECK(ut_proc_number("/proc/self/status", "VmSwap") == 0);
    CHECK(first_bad(mem, pages, 0x0FF0FF00u) == -1);
    CHECK_ERR(swapoff(SWAP_DEVICE), EINVAL);
    CHECK(swapon(SWAP_DEVICE, 0) == 0);
    /* nothing was left behind in the slots (and none went bad here) */
    CHECK(meminfo_kb("SwapTotal") == total_swap);
    CHECK(meminfo_kb("SwapFree") == total_swap);
    free(mem);
  }
}

struct ut_case ut_swap_cases[] = {
  {"swap_roundtrip", swap_roundtrip},
  {"swap_cow_fork", swap_cow_fork},
  {"swap_syscall_buffers", swap_syscall_buffers},
  {"swap_onoff", swap_onoff},
  {0, 0},
};
