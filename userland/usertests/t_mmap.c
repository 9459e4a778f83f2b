/* t_mmap.c: usertests cases for mmap, munmap, mprotect and msync — file
 * mappings through the page cache (MAP_SHARED writes reach read(2) and the
 * disk, MAP_PRIVATE writes reach neither), shared anonymous memory across
 * fork, /dev/zero, protection and partial unmaps, and Linux's errors.
 *
 * Whether a page reached the DISK (not only the cache that read(2) also
 * sees) is told by st_blocks: a file made by ftruncate has no blocks until
 * something is written back into it. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/sysinfo.h>
#include "ulib.h"
#include "ut.h"

#define PAGE 4096

int fsync(int fd);   /* a libc system-call stub <unistd.h> does not declare yet */

static char *map;          /* the mapping a forked child pokes at */

/* A file of `pages` pages, page i filled with the byte 'a' + i. */
static int make_file(const char *path, int pages) {
  char buf[PAGE];
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  int i;
  if (fd < 0)
    return -1;
  for (i = 0; i < pages; i++) {
    memset(buf, 'a' + i, PAGE);
    if (write(fd, buf, PAGE) != PAGE)
      return -1;
  }
  return fd;
}

static int file_byte(const char *path, int off) {
  char c;
  int fd = open(path, O_RDONLY, 0);
  int n;
  if (fd < 0)
    return -1;
  lseek(fd, off, SEEK_SET);
  n = read(fd, &c, 1);
  close(fd);
  return n == 1 ? (unsigned char)c : -1;
}

static int blocks_of(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return -1;
  return (int)st.st_blocks;
}

/* the signal that killed a child running fn, or 0 if it exited */
static int killed_by(void (*fn)(void)) {
  int st = ut_fork_status(fn);
  return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static void read_map(void) {
  volatile char c = map[0];
  (void)c;
}

static void write_map(void) {
  map[0] = 1;
}

static void shared_file_write(void) {
  int fd = make_file("f", 2);
  char buf[2];
  char *p;
  CHECK(fd >= 0);
  p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  CHECK(p[0] == 'a' && p[PAGE] == 'b' && p[2 * PAGE - 1] == 'b');
  p[1] = 'X';
  p[PAGE + 7] = 'Y';
  /* read(2) goes through the same cached page */
  CHECK(file_byte("f", 1) == 'X');
  CHECK(file_byte("f", PAGE + 7) == 'Y');
  /* and write(2) shows in the mapping */
  CHECK(lseek(fd, 2, SEEK_SET) == 2);
  CHECK(write(fd, "QR", 2) == 2);
  CHECK(p[2] == 'Q' && p[3] == 'R');
  CHECK(munmap(p, 2 * PAGE) == 0);
  CHECK(close(fd) == 0);
  CHECK(ut_read_file("f", buf, 2) == 2 && buf[1] == 'X');
  CHECK(file_byte("f", PAGE + 7) == 'Y');
  CHECK(file_byte("f", PAGE + 8) == 'b');
}

static void child_writes_and_exits(void) {
  map[10] = 'E';
  map[PAGE + 10] = 'F';
  _exit(0);   /* no munmap, no msync: exit must write back */
}

static void shared_write_back_at_exit(void) {
  int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int st;
  CHECK(fd >= 0);
  CHECK(ftruncate(fd, 2 * PAGE) == 0);
  CHECK(blocks_of("sparse") == 0);
  map = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(map != MAP_FAILED);
  CHECK(close(fd) == 0);   /* the mapping keeps the file */
  CHECK(map[10] == 0);
  st = ut_fork_status(child_writes_and_exits);
  CHECK(WIFEXITED(st));
  /* the child's exit wrote both pages into the file's holes */
  CHECK(blocks_of("sparse") == 2 * PAGE / 512);
  CHECK(file_byte("sparse", 10) == 'E');
  CHECK(file_byte("sparse", PAGE + 10) == 'F');
  CHECK(map[PAGE + 10] == 'F');   /* the same frames here */
  CHECK(munmap(map, 2 * PAGE) == 0);
}

static int sync_pipe[2];

static void child_checks_private(void) {
  char c;
  /* wait until the parent has written its private copy */
  if (read(sync_pipe[0], &c, 1) != 1)
    _exit(2);
  if (map[0] != 'a')
    _exit(3);
  map[1] = 'C';
  _exit(map[1] == 'C' ? 0 : 4);
}

static void private_file_write(void) {
  int fd = make_file("f", 1);
  int st;
  CHECK(fd >= 0);
  map = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  CHECK(map != MAP_FAILED);
  CHECK(map[0] == 'a');
  CHECK(pipe(sync_pipe) == 0);
  st = fork();
  if (st == 0)
    child_checks_private();
  CHECK(st > 0);
  map[0] = 'P';
  CHECK(write(sync_pipe[1], "go", 1) == 1);
  CHECK(ut_wait_status(st) == 0);
  close(sync_pipe[0]);
  close(sync_pipe[1]);
  CHECK(map[0] == 'P' && map[1] == 'a');
  CHECK(file_byte("f", 0) == 'a');    /* never reaches the file */
  CHECK(msync(map, PAGE, MS_SYNC) == 0);
  CHECK(munmap(map, PAGE) == 0);
  CHECK(file_byte("f", 0) == 'a');
  close(fd);
  /* a read-only private mapping of a read-only file can be made writable */
  fd = open("f", O_RDONLY, 0);
  map = mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
  CHECK(map != MAP_FAILED);
  CHECK(mprotect(map, PAGE, PROT_READ | PROT_WRITE) == 0);
  map[0] = 'W';
  CHECK(map[0] == 'W' && file_byte("f", 0) == 'a');
  CHECK(munmap(map, PAGE) == 0);
  close(fd);
}

static void child_writes_shared(void) {
  map[0] = 42;
  map[PAGE] = 43;
}

static void shared_anon_fork(void) {
  int st;
  map = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(map != MAP_FAILED);
  map[PAGE] = 1;   /* one page present before fork, one not */
  st = ut_fork_status(child_writes_shared);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(map[0] == 42 && map[PAGE] == 43);
  CHECK(munmap(map, 2 * PAGE) == 0);
}

static void msync_writes_back(void) {
  int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
  char *p;
  CHECK(fd >= 0);
  CHECK(ftruncate(fd, 3 * PAGE) == 0);
  p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  p[PAGE + 5] = 'M';
  CHECK(blocks_of("sparse") == 0);      /* only in memory so far */
  CHECK(msync(p, 3 * PAGE, MS_SYNC) == 0);
  CHECK(blocks_of("sparse") == PAGE / 512);   /* the one written page */
  p[2 * PAGE] = 'N';
  CHECK(msync(p + 2 * PAGE, PAGE, MS_ASYNC) == 0);
  CHECK(blocks_of("sparse") == 2 * PAGE / 512);
  CHECK(msync(p, PAGE, MS_INVALIDATE) == 0);
  CHECK(p[PAGE + 5] == 'M');
  CHECK_ERR(msync(p + 1, PAGE, MS_SYNC), EINVAL);
  CHECK_ERR(msync(p, PAGE, MS_SYNC | MS_ASYNC), EINVAL);
  CHECK_ERR(msync(p, PAGE, 0x40), EINVAL);
  CHECK(munmap(p + PAGE, PAGE) == 0);
  CHECK_ERR(msync(p, 3 * PAGE, MS_SYNC), ENOMEM);
  CHECK(munmap(p, 3 * PAGE) == 0);
  close(fd);
  CHECK(file_byte("sparse", PAGE + 5) == 'M' && file_byte("sparse", 2 * PAGE) == 'N');
}

/* fsync of the file, and sync, also write what shared mappings stored */
static void fsync_and_sync_write_back(void) {
  int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
  char *p;
  CHECK(fd >= 0);
  CHECK(ftruncate(fd, 2 * PAGE) == 0);
  p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  p[3] = 'S';
  CHECK(blocks_of("sparse") == 0);
  CHECK(fsync(fd) == 0);
  CHECK(blocks_of("sparse") == PAGE / 512);
  p[PAGE + 3] = 'T';
  sync();
  CHECK(blocks_of("sparse") == 2 * PAGE / 512);
  CHECK(munmap(p, 2 * PAGE) == 0);
  close(fd);
}

static void prot_none_faults(void) {
  map = mmap(0, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(map != MAP_FAILED);
  CHECK(killed_by(read_map) == SIGSEGV);
  CHECK(mprotect(map, PAGE, PROT_READ) == 0);
  CHECK(killed_by(read_map) == 0);
  CHECK(killed_by(write_map) == SIGSEGV);
  CHECK(munmap(map, PAGE) == 0);
}

static void partial_unmap_and_split(void) {
  int fd = make_file("f", 3);
  char *p;
  CHECK(fd >= 0);
  p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  CHECK(close(fd) == 0);
  CHECK(munmap(p + PAGE, PAGE) == 0);
  /* both halves keep their file offsets */
  CHECK(p[0] == 'a' && p[2 * PAGE] == 'c');
  p[2 * PAGE + 1] = 'Z';
  map = p + PAGE;
  CHECK(killed_by(read_map) == SIGSEGV);
  /* mprotect splits the first page off the last one's area... */
  CHECK(mprotect(p + 2 * PAGE, PAGE, PROT_READ) == 0);
  map = p + 2 * PAGE;
  CHECK(killed_by(write_map) == SIGSEGV);
  CHECK(killed_by(read_map) == 0);
  p[5] = 'A';   /* the first page stays writable */
  CHECK(munmap(p, 3 * PAGE) == 0);
  CHECK(file_byte("f", 5) == 'A' && file_byte("f", 2 * PAGE + 1) == 'Z' && file_byte("f", PAGE) == 'b');
  /* a file mapping at an offset */
  fd = open("f", O_RDONLY, 0);
  p = mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
  CHECK(p != MAP_FAILED && p[0] == 'c' && p[1] == 'Z');
  CHECK(munmap(p, PAGE) == 0);
  close(fd);
}

static void mmap_errors(void) {
  int fd = make_file("f", 1);
  int wfd, fds[2];
  CHECK(fd >= 0);
  CHECK_ERR((long)mmap(0, 0, PROT_READ, MAP_PRIVATE, fd, 0), EINVAL);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, 0, fd, 0), EINVAL);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_SHARED | MAP_PRIVATE, fd, 0), EINVAL);
  CHECK_ERR((long)mmap(0, PAGE, 0x100, MAP_PRIVATE, fd, 0), EINVAL);
  CHECK_ERR((long)mmap((void *)0x40000001, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0), EINVAL);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_SHARED, -1, 0), EBADF);
  wfd = open("f", O_WRONLY, 0);
  CHECK(wfd >= 0);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_SHARED, wfd, 0), EACCES);
  close(wfd);
  wfd = open("f", O_RDONLY, 0);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, wfd, 0), EACCES);
  /* nor can mprotect make such a shared mapping writable later */
  map = mmap(0, PAGE, PROT_READ, MAP_SHARED, wfd, 0);
  CHECK(map != MAP_FAILED);
  CHECK_ERR(mprotect(map, PAGE, PROT_READ | PROT_WRITE), EACCES);
  CHECK(killed_by(write_map) == SIGSEGV);
  CHECK(munmap(map, PAGE) == 0);
  map = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, wfd, 0);
  CHECK(map != MAP_FAILED);   /* private writes never reach the file: allowed */
  CHECK(munmap(map, PAGE) == 0);
  close(wfd);
  CHECK(pipe(fds) == 0);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fds[0], 0), ENODEV);
  close(fds[0]);
  close(fds[1]);
  wfd = open(".", O_RDONLY, 0);
  CHECK_ERR((long)mmap(0, PAGE, PROT_READ, MAP_PRIVATE, wfd, 0), ENODEV);
  close(wfd);
  CHECK_ERR((long)mmap(0, 0xF0000000u, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
  CHECK_ERR(mprotect((void *)0x7F000000, PAGE, PROT_READ), ENOMEM);
  CHECK_ERR(msync((void *)0x7F000000, PAGE, MS_SYNC), ENOMEM);
  CHECK_ERR(munmap((void *)0x40000001, PAGE), EINVAL);
  close(fd);
}

static void dev_zero(void) {
  int fd = open("/dev/zero", O_RDWR, 0);
  char *p;
  int i, st;
  CHECK(fd >= 0);
  p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  CHECK(p != MAP_FAILED);
  for (i = 0; i < 2 * PAGE; i++)
    CHECK(p[i] == 0);
  p[100] = 7;
  CHECK(p[100] == 7);
  CHECK(munmap(p, 2 * PAGE) == 0);
  /* MAP_SHARED of /dev/zero is shared anonymous memory */
  map = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(map != MAP_FAILED);
  st = ut_fork_status(child_writes_shared);
  CHECK(WIFEXITED(st) && map[0] == 42 && map[PAGE] == 43);
  CHECK(munmap(map, 2 * PAGE) == 0);
  close(fd);
}

static void past_eof(void) {
  int fd = open("short", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int i, sig;
  char *p;
  CHECK(fd >= 0);
  CHECK(write(fd, "0123456789", 10) == 10);
  p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  CHECK(p[0] == '0' && p[9] == '9');
  /* the rest of the last page reads as zeros */
  for (i = 10; i < PAGE; i++)
    CHECK(p[i] == 0);
  /* writes there never reach the file */
  p[20] = 'x';
  CHECK(msync(p, PAGE, MS_SYNC) == 0);
  {
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 10);
  }
  /* a whole page past the end: SIGBUS, as on Linux */
  map = p + PAGE;
  sig = killed_by(read_map);
  CHECK(sig == SIGBUS);
  CHECK(munmap(p, 2 * PAGE) == 0);
  close(fd);
}

static void truncate_while_mapped(void) {
  int fd = make_file("f", 2);
  char *p;
  CHECK(fd >= 0);
  p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  CHECK(p[PAGE] == 'b');
  CHECK(ftruncate(fd, 100) == 0);
  /* the rest of the first page reads as zeros now, the second is gone */
  CHECK(p[99] == 'a' && p[100] == 0 && p[PAGE - 1] == 0);
  map = p + PAGE;
  CHECK(killed_by(read_map) == SIGBUS);
  /* growing the file again brings a zero page back */
  CHECK(ftruncate(fd, 2 * PAGE) == 0);
  CHECK(p[PAGE] == 0);
  CHECK(munmap(p, 2 * PAGE) == 0);
  close(fd);
}

/* /proc/self/maps names a file mapping by its path and shows its offset */
static void maps_names_the_file(void) {
  char path[256], maps[4096], want[300];
  int fd, n;
  char *p;
  CHECK(getcwd(path, sizeof path - 4) != 0);
  strcat(path, "/f");
  fd = make_file(path, 3);
  CHECK(fd >= 0);
  p = mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
  CHECK(p != MAP_FAILED && p[0] == 'c');
  n = ut_read_file("/proc/self/maps", maps, sizeof maps - 1);
  CHECK(n > 0);
  maps[n] = 0;
  /* "start-end r--s 00002000 00:00 0   /tmp/ut.NAME/f" */
  strcpy(want, " r--s 00002000 ");
  CHECK(strstr(maps, want) != 0);
  CHECK(strstr(maps, path) != 0);
  CHECK(munmap(p, PAGE) == 0);
  close(fd);
}

/* A MAP_SHARED file mapping 1.5 times the RAM (at most 12 MiB): reclaim
 * must unmap, write back and drop written pages to make room, and fault
 * them in again from the file; every page keeps what was stored in it. */
static void shared_file_bigger_than_ram(void) {
  struct sysinfo si;
  int fd, i, pages;
  unsigned word;
  char *p;
  CHECK(sysinfo(&si) == 0);
  pages = (int)(si.totalram / 2 * 3);
  if (pages > 3072)
    pages = 3072;
  fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(ftruncate(fd, pages * PAGE) == 0);
  p = mmap(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  for (i = 0; i < pages; i++) {
    *(unsigned *)(p + i * PAGE) = (unsigned)i * 2654435761u;
    p[i * PAGE + 100] = (char)i;
  }
  for (i = 0; i < pages; i++) {
    CHECK(*(unsigned *)(p + i * PAGE) == (unsigned)i * 2654435761u);
    CHECK(p[i * PAGE + 100] == (char)i);
  }
  CHECK(munmap(p, pages * PAGE) == 0);
  for (i = 0; i < pages; i++) {
    CHECK(lseek(fd, i * PAGE, SEEK_SET) == i * PAGE);
    CHECK(read(fd, &word, 4) == 4 && word == (unsigned)i * 2654435761u);
  }
  close(fd);
  CHECK(unlink("big") == 0);
}

/* More cached files than the kernel's inode cache has slots (256): each
 * cached file keeps its inode, so iget must hand back slots only the page
 * cache holds; every file still reads back right, and unlinks free them. */
static void cache_many_files(void) {
  char name[16], buf[8];
  int i, fd;
  for (i = 0; i < 300; i++) {
    sprintf(name, "c%d", i);
    sprintf(buf, "%7d", i);
    fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, buf, 8) == 8);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(read(fd, buf, 8) == 8);   /* now in the page cache */
    close(fd);
  }
  for (i = 0; i < 300; i++) {
    char want[8];
    sprintf(name, "c%d", i);
    sprintf(want, "%7d", i);
    CHECK(ut_read_file(name, buf, 8) == 8 && memcmp(buf, want, 8) == 0);
    CHECK(unlink(name) == 0);
  }
}


/* 20,000 one-page mappings (issue 18): placement from the free-area hint
 * and the VMA tree keep each mmap and munmap cheap (the boot test
 * test/kernel/mmap-many.test.ts holds the whole case to an instruction
 * budget); here: every address is distinct, page-aligned and usable; a
 * page unmapped below the hint is handed out again at once, a request too
 * big for that hole goes elsewhere and the hole is still found for the
 * next one that fits; after unmapping everything the same range comes
 * back, zero-filled; unmapping in a scrambled order keeps the rest. */
#define MANY 20000

static int compare_addresses(const void *a, const void *b) {
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return x < y ? -1 : x > y;
}

static char *map_page(void) {
  return mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* Every one of the n mappings page-aligned and at its own address;
 * returns the lowest. */
static unsigned check_distinct(char **pages, int n) {
  unsigned *sorted = malloc(n * sizeof *sorted);
  unsigned lowest;
  int i;
  CHECK(sorted != NULL);
  for (i = 0; i < n; i++) {
    CHECK(pages[i] != MAP_FAILED);
    CHECK(((unsigned)pages[i] & (PAGE - 1)) == 0);
    sorted[i] = (unsigned)pages[i];
  }
  qsort(sorted, n, sizeof *sorted, compare_addresses);
  for (i = 1; i < n; i++)
    CHECK(sorted[i] > sorted[i - 1]);
  lowest = sorted[0];
  free(sorted);
  return lowest;
}

/* Unmaps the MANY pages in a scrambled order (deletions from the middle of
 * the VMA tree, not only its ends). Halfway: the pages still mapped are
 * there and usable, and the next mmap takes the lowest page freed. */
static void unmap_scrambled(char **pages, unsigned lowest) {
  int *order = malloc(MANY * sizeof *order);
  char *gone = calloc(MANY, 1);
  unsigned seed = 12345, lowest_gone = 0xFFFFFFFFu;
  char *again;
  int i, k;
  CHECK(order != NULL && gone != NULL);
  for (i = 0; i < MANY; i++)
    order[i] = i;
  for (i = MANY - 1; i > 0; i--) {
    int j, t;
    seed = seed * 1103515245u + 12345u;
    j = (int)((seed >> 8) % (unsigned)(i + 1));
    t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  for (k = 0; k < MANY / 2; k++) {
    CHECK(munmap(pages[order[k]], PAGE) == 0);
    gone[order[k]] = 1;
    if ((unsigned)pages[order[k]] < lowest_gone)
      lowest_gone = (unsigned)pages[order[k]];
  }
  for (i = 0; i < MANY; i += 7) {
    if (gone[i])
      continue;
    *(int *)pages[i] = i + 1;
    CHECK(*(int *)pages[i] == i + 1);
  }
  again = map_page();
  CHECK(again == (char *)lowest_gone);
  CHECK(munmap(again, PAGE) == 0);
  for (k = MANY / 2; k < MANY; k++)
    CHECK(munmap(pages[order[k]], PAGE) == 0);
  again = map_page();
  CHECK(again == (char *)lowest);
  CHECK(munmap(again, PAGE) == 0);
  free(order);
  free(gone);
}

static void many_mappings(void) {
  char **pages = malloc(MANY * sizeof *pages);
  char *again, *two;
  unsigned lowest;
  int i, hole = 61 * 164, small = MANY / 4;   /* hole: a page that carries a marker */
  CHECK(pages != NULL);
  for (i = 0; i < MANY; i++)
    pages[i] = map_page();
  lowest = check_distinct(pages, MANY);
  for (i = 0; i < MANY; i += 61)
    *(int *)pages[i] = i + 1;
  for (i = 0; i < MANY; i += 61)
    CHECK(*(int *)pages[i] == i + 1);

  /* a page unmapped far below the hint is the next one handed out */
  CHECK(munmap(pages[hole], PAGE) == 0);
  again = map_page();
  CHECK(again == pages[hole]);
  CHECK(*(int *)again == 0);   /* a fresh page, not the old one's marker */

  /* a one-page hole between mapped neighbours: two pages do not fit there
   * and land elsewhere; the hole is still found for one page after that */
  CHECK(pages[small - 1] + PAGE == pages[small] && pages[small] + PAGE == pages[small + 1]);
  *(int *)pages[small - 1] = 11;
  *(int *)pages[small + 1] = 13;
  CHECK(munmap(pages[small], PAGE) == 0);
  two = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(two != MAP_FAILED);
  CHECK(two + 2 * PAGE <= pages[small - 1] || two >= pages[small + 1] + PAGE);
  two[0] = 1;
  two[PAGE] = 2;
  CHECK(*(int *)pages[small - 1] == 11 && *(int *)pages[small + 1] == 13);
  again = map_page();
  CHECK(again == pages[small]);
  CHECK(*(int *)again == 0);
  CHECK(munmap(two, 2 * PAGE) == 0);

  /* everything unmapped: the range comes back from its bottom, zeroed */
  for (i = 0; i < MANY; i++)
    CHECK(munmap(pages[i], PAGE) == 0);
  CHECK(munmap(pages[0], PAGE) == 0);   /* nothing there: still 0, as Linux */
  for (i = 0; i < MANY; i++)
    pages[i] = map_page();
  CHECK(check_distinct(pages, MANY) == lowest);
  CHECK(pages[0] == (char *)lowest);
  for (i = 0; i < MANY; i += 61)
    CHECK(*(int *)pages[i] == 0);
  unmap_scrambled(pages, lowest);
  free(pages);
}

struct ut_case ut_mmap_cases[] = {
  {"mmap_shared_file", shared_file_write},
  {"mmap_shared_exit_writeback", shared_write_back_at_exit},
  {"mmap_private_file", private_file_write},
  {"mmap_shared_anon_fork", shared_anon_fork},
  {"mmap_msync", msync_writes_back},
  {"mmap_fsync_sync", fsync_and_sync_write_back},
  {"mmap_prot_none", prot_none_faults},
  {"mmap_partial_unmap_split", partial_unmap_and_split},
  {"mmap_errors", mmap_errors},
  {"mmap_dev_zero", dev_zero},
  {"mmap_past_eof", past_eof},
  {"mmap_truncate", truncate_while_mapped},
  {"mmap_maps_name", maps_names_the_file},
  {"mmap_shared_bigger_than_ram", shared_file_bigger_than_ram},
  {"mmap_cache_many_files", cache_many_files},
  {"vma_many_mappings", many_mappings},
  {0, 0},
};
