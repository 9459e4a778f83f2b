/* t_vm.c: usertests cases for copy-on-write, demand paging, the /proc views
 * of memory, oom_score_adj and the OOM killer's choice of victim.
 *
 * Memory is checked with patterns that differ per page (a page number mixed
 * with a per-case constant), so a lost page, a page shared when it should
 * not be, or a page shown to the wrong process reads back wrong. The OOM
 * cases size their demand from /proc/meminfo (MemFree + SwapFree), so they
 * work at any RAM size and with or without swap; the hogs touch one word per
 * page, which is all it takes to make a page resident. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include "ut.h"

#define PAGE 4096

static int vm_rss_kb(void) {
  return ut_proc_number("/proc/self/status", "VmRSS");
}

static unsigned int pattern(unsigned int page, unsigned int salt) {
  return (page * 2654435761u) ^ salt;
}

/* Fills `pages` pages at mem: one word per 256 bytes, so every cache line
 * region of the page carries the page's own value. */
static void fill(unsigned int *mem, int pages, unsigned int salt) {
  int p, w;
  for (p = 0; p < pages; p++)
    for (w = 0; w < PAGE / 4; w += 64)
      mem[p * (PAGE / 4) + w] = pattern(p, salt) + w;
}

static int verify(unsigned int *mem, int pages, unsigned int salt) {
  int p, w;
  for (p = 0; p < pages; p++)
    for (w = 0; w < PAGE / 4; w += 64)
      if (mem[p * (PAGE / 4) + w] != pattern(p, salt) + w)
        return 0;
  return 1;
}

#define COW_PAGES 64

/* After fork both processes see the parent's data; a write in the child
 * stays in the child, a write in the parent stays in the parent. */
static void cow_isolation(void) {
  unsigned int *mem = (unsigned int *)sbrk(COW_PAGES * PAGE);
  int go[2], done[2];
  int pid, st;
  char c = 0;
  CHECK(mem != (unsigned int *)-1);
  fill(mem, COW_PAGES, 0xC0C0u);
  CHECK(pipe(go) == 0 && pipe(done) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    if (!verify(mem, COW_PAGES, 0xC0C0u))
      _exit(2);
    fill(mem, COW_PAGES, 0xCDCDu);          /* the child's own copies */
    if (!verify(mem, COW_PAGES, 0xCDCDu))
      _exit(3);
    if (write(done[1], "w", 1) != 1)
      _exit(4);
    /* the parent writes now: the child must not see it */
    if (read(go[0], &c, 1) != 1)
      _exit(5);
    _exit(verify(mem, COW_PAGES, 0xCDCDu) ? 0 : 6);
  }
  CHECK(read(done[0], &c, 1) == 1);
  CHECK(verify(mem, COW_PAGES, 0xC0C0u));    /* the child's writes are invisible here */
  fill(mem, COW_PAGES / 2, 0xAAAAu);
  CHECK(write(go[1], "g", 1) == 1);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(verify(mem, COW_PAGES / 2, 0xAAAAu));
  {
    /* the half the parent did not rewrite still holds the first pattern */
    int p;
    for (p = COW_PAGES / 2; p < COW_PAGES; p++)
      CHECK(mem[p * (PAGE / 4)] == pattern(p, 0xC0C0u));
  }
}

#define HEAP_PAGES 256

/* sbrk only reserves: pages become resident (VmRSS) when touched, and
 * read as zero the first time. */
static void demand_paged_heap(void) {
  int before, reserved, touched, p;
  unsigned char *mem;
  before = vm_rss_kb();
  CHECK(before > 0);
  mem = (unsigned char *)sbrk(HEAP_PAGES * PAGE);
  CHECK(mem != (unsigned char *)-1);
  reserved = vm_rss_kb();
  CHECK(reserved - before < 64);   /* reserving made next to nothing resident */
  for (p = 0; p < HEAP_PAGES; p++) {
    CHECK(mem[p * PAGE] == 0 && mem[p * PAGE + PAGE - 1] == 0);
    mem[p * PAGE + 7] = (unsigned char)(p + 1);
  }
  touched = vm_rss_kb();
  CHECK(touched - reserved >= HEAP_PAGES * 4);
  for (p = 0; p < HEAP_PAGES; p++)
    CHECK(mem[p * PAGE + 7] == (unsigned char)(p + 1));
}

static int depth_sum(int depth) {
  volatile char frame[2048];
  int i;
  for (i = 0; i < (int)sizeof frame; i += 512)
    frame[i] = (char)depth;
  if (depth == 0)
    return frame[0];
  return depth_sum(depth - 1) + frame[512];
}

/* A deep recursion grows the stack VMA on demand (VmStk) and every frame
 * keeps its own bytes. */
static void stack_growth(void) {
  int before = ut_proc_number("/proc/self/status", "VmStk");
  int rss_before = vm_rss_kb();
  int sum, want = 0, d, after;
  CHECK(before > 0);
  sum = depth_sum(300);   /* ~600 KiB of frames */
  for (d = 1; d <= 300; d++)
    want += (char)d;      /* what each frame stored at [512] */
  CHECK(sum == want);
  after = ut_proc_number("/proc/self/status", "VmStk");
  CHECK(after >= 600);    /* the stack area now covers the frames */
  CHECK(vm_rss_kb() >= rss_before + 400);
}

/* Pages given back by a brk shrink come back zeroed when the heap grows
 * again. */
static void brk_shrink_grow(void) {
  unsigned char *mem = (unsigned char *)sbrk(8 * PAGE);
  int p;
  CHECK(mem != (unsigned char *)-1);
  for (p = 0; p < 8 * PAGE; p++)
    mem[p] = 0xA5;
  CHECK(sbrk(-8 * PAGE) != (void *)-1);
  CHECK(sbrk(0) == (void *)mem);
  CHECK(sbrk(8 * PAGE) == (void *)mem);
  for (p = 0; p < 8 * PAGE; p++)
    CHECK(mem[p] == 0);
}

static int write_adj(const char *path, const char *text) {
  int fd = open(path, O_WRONLY, 0);
  int n;
  if (fd < 0)
    return -1;
  n = write(fd, text, strlen(text));
  close(fd);
  return n;
}

static int read_int(const char *path) {
  char buf[32];
  int n = ut_read_file(path, buf, sizeof buf - 1);
  if (n <= 0)
    return -99999;
  buf[n] = 0;
  return atoi(buf);
}

/* oom_score_adj reads back what was written, refuses values outside
 * -1000..1000 and junk (EINVAL, unchanged), is inherited by fork and is
 * per process; oom_score follows it; other /proc files stay read-only. */
static void oom_score_adj_rw(void) {
  int pid, st;
  char path[64];
  CHECK(write_adj("/proc/self/oom_score_adj", "250\n") == 4);
  CHECK(read_int("/proc/self/oom_score_adj") == 250);
  CHECK_ERR(write_adj("/proc/self/oom_score_adj", "1001"), EINVAL);
  CHECK_ERR(write_adj("/proc/self/oom_score_adj", "-1001"), EINVAL);
  CHECK_ERR(write_adj("/proc/self/oom_score_adj", "12abc"), EINVAL);
  CHECK_ERR(write_adj("/proc/self/oom_score_adj", " \n"), EINVAL);
  CHECK(read_int("/proc/self/oom_score_adj") == 250);
  /* adj/1000 of all memory is added: the score is at least 250 of 1000 */
  CHECK(read_int("/proc/self/oom_score") >= 250 && read_int("/proc/self/oom_score") <= 1000);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    if (read_int("/proc/self/oom_score_adj") != 250)
      _exit(2);
    if (write_adj("/proc/self/oom_score_adj", "-1000") != 5)
      _exit(3);
    /* -1000: never chosen, score 0 */
    _exit(read_int("/proc/self/oom_score") == 0 ? 0 : 4);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(read_int("/proc/self/oom_score_adj") == 250);   /* the child's write was its own */
  sprintf(path, "/proc/%d/oom_score_adj", getpid());
  CHECK(write_adj(path, "1000") == 4);
  CHECK(read_int("/proc/self/oom_score") == 1000);
  CHECK(write_adj(path, "0") == 1);
  CHECK_ERR(open("/proc/self/oom_score", O_WRONLY, 0), EACCES);
  CHECK_ERR(open("/proc/self/status", O_RDWR, 0), EACCES);
}

/* /proc/self/maps names a file mapping by the path it was opened by and
 * shows the mapping's file offset; VmSize grows by the mapping. */
static void maps_file_name(void) {
  static char maps[4096];
  static char page[PAGE];
  char path[128], want[192];
  char *mem;
  int fd, n, before;
  sprintf(path, "/tmp/ut.vm_maps_file_name/data");
  memset(page, 'm', sizeof page);
  fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, page, PAGE) == PAGE && write(fd, page, PAGE) == PAGE && write(fd, page, PAGE) == PAGE);
  before = ut_proc_number("/proc/self/status", "VmSize");
  mem = (char *)mmap(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
  CHECK(mem != (char *)MAP_FAILED);
  CHECK(mem[0] == 'm' && mem[2 * PAGE - 1] == 'm');
  CHECK(ut_proc_number("/proc/self/status", "VmSize") == before + 8);
  n = ut_read_file("/proc/self/maps", maps, sizeof maps - 1);
  CHECK(n > 0);
  maps[n] = 0;
  /* start-end r--p 00001000 00:00 0, spaces to column 48, the path */
  sprintf(want, "%08x-%08x r--p 00001000 00:00 0", (unsigned int)mem, (unsigned int)mem + 2 * PAGE);
  {
    char *line = strstr(maps, want);
    char *end;
    CHECK(line != 0);
    end = strchr(line, '\n');
    CHECK(end != 0 && end - line == 49 + (int)strlen(path));
    CHECK(strncmp(line + 49, path, strlen(path)) == 0);
  }
  CHECK(munmap(mem, 2 * PAGE) == 0);
  close(fd);
  n = ut_read_file("/proc/self/maps", maps, sizeof maps - 1);
  maps[n > 0 ? n : 0] = 0;
  CHECK(strstr(maps, path) == 0);   /* gone with the mapping */
}

/* Pages of memory + swap free now, from /proc/meminfo. */
static int available_pages(void) {
  int mem = ut_proc_number("/proc/meminfo", "MemFree");
  int swap = ut_proc_number("/proc/meminfo", "SwapFree");
  CHECK(mem > 0 && swap >= 0);
  return (mem + swap) / 4;
}

/* A child that makes `pages` pages resident with its pattern, reports on
 * `ready`, waits for a byte on `go`, then verifies them: exit 0 when intact. */
static int holder(int pages, int adj, int ready_fd, int go_fd) {
  int pid = fork();
  if (pid == 0) {
    unsigned int *mem;
    char c;
    char adj_text[16];
    sprintf(adj_text, "%d", adj);
    if (write_adj("/proc/self/oom_score_adj", adj_text) < 0)
      _exit(2);
    mem = (unsigned int *)sbrk(pages * PAGE);
    if (mem == (unsigned int *)-1)
      _exit(3);
    fill(mem, pages, 0x5EEDu);
    if (write(ready_fd, "r", 1) != 1)
      _exit(4);
    if (read(go_fd, &c, 1) != 1)
      _exit(5);
    _exit(verify(mem, pages, 0x5EEDu) ? 0 : 6);
  }
  return pid;
}

/* A child that touches `pages` pages, one word each; exit 0 when all were
 * had (nobody killed it). */
static int hog(int pages, int adj) {
  int pid = fork();
  if (pid == 0) {
    unsigned int *mem;
    int p;
    char adj_text[16];
    sprintf(adj_text, "%d", adj);
    if (write_adj("/proc/self/oom_score_adj", adj_text) < 0)
      _exit(2);
    mem = (unsigned int *)sbrk(pages * PAGE);
    if (mem == (unsigned int *)-1)
      _exit(3);
    for (p = 0; p < pages; p++)
      mem[p * (PAGE / 4)] = (unsigned int)p;
    for (p = 0; p < pages; p++)
      if (mem[p * (PAGE / 4)] != (unsigned int)p)
        _exit(6);
    _exit(0);
  }
  return pid;
}

static int oom_kills(void) {
  return ut_proc_number("/proc/vmstat", "oom_kill");
}

/* Two processes under a limit they cannot share: a small one holding a
 * quarter of what is free, and one asking for more than everything. Only
 * the bigger is killed (SIGKILL), the smaller's pages stay intact. */
static void oom_kills_the_bigger(void) {
  int ready[2], go[2];
  int avail, small, big, st, kills;
  char c;
  CHECK(pipe(ready) == 0 && pipe(go) == 0);
  kills = oom_kills();
  avail = available_pages();
  small = holder(avail / 4, 0, ready[1], go[0]);
  CHECK(small > 0);
  CHECK(read(ready[0], &c, 1) == 1);
  big = hog(avail + 64, 0);
  CHECK(big > 0);
  st = ut_wait_status(big);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
  CHECK(oom_kills() == kills + 1);
  CHECK(write(go[1], "g", 1) == 1);
  st = ut_wait_status(small);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* oom_score_adj -1000 protects the bigger process: the smaller one, the
 * only one that may be chosen, is killed instead, and the protected one
 * gets all it asked for. */
static void oom_adj_protects(void) {
  int ready[2], go[2];
  int avail, small, big, st;
  char c;
  CHECK(pipe(ready) == 0 && pipe(go) == 0);
  avail = available_pages();
  small = holder(avail / 3, 0, ready[1], go[0]);
  CHECK(small > 0);
  CHECK(read(ready[0], &c, 1) == 1);
  /* together more than there is; alone it fits */
  big = hog(avail * 3 / 4, -1000);
  CHECK(big > 0);
  st = ut_wait_status(big);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  st = ut_wait_status(small);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

struct ut_case ut_vm_cases[] = {
  {"vm_cow_isolation", cow_isolation},
  {"vm_demand_paged_heap", demand_paged_heap},
  {"vm_stack_growth", stack_growth},
  {"vm_brk_shrink_grow", brk_shrink_grow},
  {"vm_oom_score_adj", oom_score_adj_rw},
  {"vm_maps_file_name", maps_file_name},
  {"vm_oomkill_bigger", oom_kills_the_bigger},
  {"vm_oomkill_adj_protects", oom_adj_protects},
  {0, 0},
};
