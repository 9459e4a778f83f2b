/* vm_cow.c — /sbin/vm_cow, an init for the virtual-memory tests (issue 5).
 *
 * Checks copy-on-write fork from user space: parent and child write the
 * same data, bss, heap and stack pages and each sees only its own values;
 * a fork shares frames (MemFree hardly drops) until the child writes them;
 * kernel writes (read(2) into a shared page) break COW instead of EFAULT;
 * MemFree returns to its baseline after the child exits. Also demand paging
 * of the heap (brk allocates nothing until touched) and stack growth within
 * the 8 MiB limit, SIGSEGV beyond it; anonymous mmap2/munmap with VMA
 * splitting and their errors; mprotect (read-only, PROT_NONE, back). Prints ok/FAIL lines, powers off with
 * the number of failures. Pipes order parent and child deterministically.
 */
#include "ktest.h"

#define O_RDONLY 0
#define PAGE 4096
#define HEAP_PAGES 64

int __sys_mmap2(unsigned addr, unsigned len, unsigned prot, unsigned flags, int fd, unsigned pgoff);
int __sys_munmap(unsigned addr, unsigned len);
int __sys_mprotect(unsigned addr, unsigned len, unsigned prot);

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define ANON_RW PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0
#define ANON_RW_FIXED PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0

int data_var = 1;
static char bss_pages[3 * PAGE];
static char meminfo[512];
static char *heap;

/* MemFree from /proc/meminfo, in kB; -1 on error. */
static int mem_free_kb(void) {
  int fd = __sys_open("/proc/meminfo", O_RDONLY, 0);
  int n, i = 0, v = 0;
  if (fd < 0) return -1;
  n = __sys_read(fd, meminfo, sizeof meminfo - 1);
  __sys_close(fd);
  if (n <= 0) return -1;
  meminfo[n] = 0;
  while (meminfo[i] && !(meminfo[i] == 'M' && meminfo[i + 1] == 'e' && meminfo[i + 2] == 'm' &&
                         meminfo[i + 3] == 'F')) i++;
  if (!meminfo[i]) return -1;
  while (meminfo[i] && (meminfo[i] < '0' || meminfo[i] > '9')) i++;
  while (meminfo[i] >= '0' && meminfo[i] <= '9') v = v * 10 + (meminfo[i++] - '0');
  return v;
}

static void fill_heap(int value) {
  int i;
  for (i = 0; i < HEAP_PAGES; i++) heap[i * PAGE] = (char)value;
}

static int heap_is(int value) {
  int i;
  for (i = 0; i < HEAP_PAGES; i++) if (heap[i * PAGE] != (char)value) return 0;
  return 1;
}

static int wait_status(int pid) {
  int status = -1;
  __sys_wait4(pid, &status, 0, 0);
  return status;
}

/* One fork in which both sides write the same pages; returns the child's
 * failure count (its exit code) and checks the parent's side. */
static int cow_round(int report) {
  volatile char stack_page[PAGE];
  int to_parent[2], to_child[2];
  int pid, status, free_before, n;
  char c = 0;
  stack_page[0] = 1;
  data_var = 1;
  bss_pages[PAGE] = 1;
  fill_heap(1);
  __sys_pipe(to_parent);
  __sys_pipe(to_child);
  free_before = mem_free_kb();
  pid = __sys_fork();
  if (pid == 0) {
    int free_after_fork = mem_free_kb();
    int free_after_writes;
    int failures_at_fork = failures;
    int bad;
    /* Sharing: the fork itself allocated only tables and kernel data. */
    if (report) check(free_before - free_after_fork < HEAP_PAGES * 4 / 2,
                      "fork shares frames: MemFree drop (kB) well below the heap size", free_before - free_after_fork);
    data_var = 2;
    bss_pages[PAGE] = 2;
    stack_page[0] = 2;
    fill_heap(2);
    free_after_writes = mem_free_kb();
    if (report) check(free_after_fork - free_after_writes >= HEAP_PAGES * 4,
                      "child's writes copy the shared frames (MemFree drops by the heap size)",
                      free_after_fork - free_after_writes);
    __sys_write(to_parent[1], "w", 1);
    __sys_read(to_child[0], &c, 1);   /* the parent has written its values */
    bad = failures - failures_at_fork;
    if (data_var != 2 || bss_pages[PAGE] != 2 || stack_page[0] != 2 || !heap_is(2)) bad++;
    __sys_exit(bad);
  }
  __sys_read(to_parent[0], &c, 1);    /* the child has written its values */
  if (report) {
    check(data_var == 1, "parent's data page unchanged by the child's write", data_var);
    check(bss_pages[PAGE] == 1, "parent's bss page unchanged", bss_pages[PAGE]);
    check(stack_page[0] == 1, "parent's stack page unchanged", stack_page[0]);
    check(heap_is(1), "parent's heap pages unchanged", heap[0]);
  }
  data_var = 3;
  bss_pages[PAGE] = 3;
  stack_page[0] = 3;
  fill_heap(3);
  __sys_write(to_child[1], "p", 1);
  status = wait_status(pid);
  if (report) {
    checks += 2;   /* the child's two checks, whose failures its exit status carries */
    check(status == 0, "child passed its checks and saw only its own values after the parent wrote", status);
    check(data_var == 3 && heap_is(3), "parent keeps its own values after the child exits", data_var);
  }
  __sys_close(to_parent[0]);
  __sys_close(to_parent[1]);
  __sys_close(to_child[0]);
  __sys_close(to_child[1]);
  n = status;
  return n;
}

/* A kernel write (read(2) copyout) into pages shared with a live child. */
static void test_copyout_breaks_cow(void) {
  int to_child[2];
  int pid, fd, n, status;
  char c;
  bss_pages[2 * PAGE] = 'x';
  heap[0] = 'x';
  __sys_pipe(to_child);
  pid = __sys_fork();
  if (pid == 0) {
    __sys_read(to_child[0], &c, 1);
    __sys_exit(bss_pages[2 * PAGE] == 'x' && heap[0] == 'x' ? 0 : 1);
  }
  fd = __sys_open("/etc/motd", O_RDONLY, 0);
  n = __sys_read(fd, &bss_pages[2 * PAGE], 7);
  check(n == 7, "read(2) into a COW-shared bss page succeeds (no EFAULT)", n);
  check(bss_pages[2 * PAGE] == 'W' && bss_pages[2 * PAGE + 6] == 'e', "and the data arrived", bss_pages[2 * PAGE]);
  __sys_lseek(fd, 0, 0);
  n = __sys_read(fd, heap, 7);
  check(n == 7 && heap[0] == 'W', "read(2) into a COW-shared heap page succeeds", n);
  __sys_close(fd);
  __sys_write(to_child[1], "g", 1);
  status = wait_status(pid);
  check(status == 0, "the child still sees its own bytes after the parent's read(2)", status);
  __sys_close(to_child[0]);
  __sys_close(to_child[1]);
}

static void test_heap_demand_paging(void) {
  int before, after_brk, after_touch;
  unsigned base = (unsigned)__sys_brk(0);
  unsigned top;
  char *p;
  int i;
  before = mem_free_kb();
  top = (unsigned)__sys_brk(base + 128 * PAGE);
  after_brk = mem_free_kb();
  check(top == base + 128 * PAGE, "brk grows the heap by 512 KiB", (int)(top - base));
  check(before - after_brk < 16, "growing brk allocates no frames yet (kB)", before - after_brk);
  p = (char *)base;
  for (i = 0; i < 128; i++) p[i * PAGE] = (char)i;
  after_touch = mem_free_kb();
  check(after_brk - after_touch >= 128 * 4, "touching the pages faults them in (kB)", after_brk - after_touch);
  check(p[0] == 0 && p[127 * PAGE] == 127 && p[5 * PAGE + 1] == 0, "demand pages are zeroed and hold their writes", p[127 * PAGE]);
  __sys_brk(base);
  check(mem_free_kb() - after_touch >= 128 * 4, "shrinking brk frees the frames (kB)", mem_free_kb() - after_touch);
}

static void test_stack_growth(void) {
  int pid, status;
  volatile char here = 0;
  unsigned sp = (unsigned)&here;
  pid = __sys_fork();
  if (pid == 0) {
    volatile char *deep = (volatile char *)((sp - 7u * 1024 * 1024) & ~(unsigned)(PAGE - 1));
    deep[0] = 42;
    __sys_exit(deep[0] == 42 ? 0 : 1);
  }
  status = wait_status(pid);
  check(status == 0, "the stack grows down 7 MiB on demand", status);
  pid = __sys_fork();
  if (pid == 0) {
    volatile char *beyond = (volatile char *)((sp - 8u * 1024 * 1024 - 16 * PAGE) & ~(unsigned)(PAGE - 1));
    beyond[0] = 42;
    __sys_exit(0);
  }
  status = wait_status(pid);
  check((status & 0x7f) == 11, "a touch beyond the 8 MiB stack limit is SIGSEGV", status);
}

/* Forks a child that writes one byte at addr; returns its wait status. */
static int poke_in_child(unsigned addr) {
  int pid = __sys_fork();
  if (pid == 0) {
    *(volatile char *)addr = 7;
    __sys_exit(*(volatile char *)addr == 7 ? 0 : 1);
  }
  return wait_status(pid);
}

static void test_mmap(void) {
  int before = mem_free_kb();
  int touched, status, i, fixed;
  unsigned a = (unsigned)__sys_mmap2(0, 4 * PAGE, ANON_RW);
  char *p = (char *)a;
  check(a >= 0x40000000u && a < 0xC0000000u && (a & (PAGE - 1)) == 0, "mmap2 of anonymous memory gives a page-aligned address", (int)a);
  check(before - mem_free_kb() < 16, "mmap2 allocates no frames before the first touch (kB)", before - mem_free_kb());
  check(p[0] == 0 && p[4 * PAGE - 1] == 0, "anonymous pages read as zero", p[0]);
  for (i = 0; i < 4; i++) p[i * PAGE] = (char)(10 + i);
  touched = mem_free_kb();
  check(p[3 * PAGE] == 13, "anonymous pages hold their writes", p[3 * PAGE]);
  status = poke_in_child(a + PAGE);
  check(status == 0 && p[PAGE] == 11, "a child writes the mapping copy-on-write; the parent keeps its byte", p[PAGE]);
  check(__sys_munmap(a + PAGE, PAGE) == 0, "munmap of a middle page succeeds (the VMA splits)", 0);
  check(p[0] == 10 && p[2 * PAGE] == 12 && p[3 * PAGE] == 13, "the pages either side keep their contents", p[2 * PAGE]);
  status = poke_in_child(a + PAGE);
  check((status & 0x7f) == 11, "the unmapped middle page is SIGSEGV", status);
  status = poke_in_child(a + 2 * PAGE);
  check(status == 0, "the page after the hole is still mapped", status);
  fixed = __sys_mmap2(a + PAGE, PAGE, ANON_RW_FIXED);
  check(fixed == (int)(a + PAGE) && p[PAGE] == 0, "MAP_FIXED fills the hole with a fresh zero page", fixed);
  fixed = __sys_mmap2(a + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check(fixed == (int)(a + 2 * PAGE) && p[2 * PAGE] == 0, "MAP_FIXED over a mapped page replaces it", p[2 * PAGE]);
  status = poke_in_child(a + 2 * PAGE);
  check((status & 0x7f) == 11, "a write to a PROT_READ mapping is SIGSEGV", status);
  check(__sys_munmap(a, 4 * PAGE) == 0, "munmap across several VMAs succeeds", 0);
  check(mem_free_kb() - touched >= 4 * 4 - 4, "munmap frees the frames (kB)", mem_free_kb() - touched);
  status = poke_in_child(a + 3 * PAGE);
  check((status & 0x7f) == 11, "after munmap the range is SIGSEGV", status);
  check(__sys_munmap(a, 4 * PAGE) == 0, "munmap of an unmapped range is not an error", 0);
  check(__sys_mmap2(0, 0, ANON_RW) == -22, "mmap2 of length 0 is EINVAL", __sys_mmap2(0, 0, ANON_RW));
  check(__sys_mmap2(0, PAGE, 8, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -22, "an unknown PROT bit is EINVAL", 0);
  check(__sys_mmap2(0, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == -22, "neither MAP_PRIVATE nor MAP_SHARED is EINVAL", 0);
  check(__sys_mmap2(a + 1, PAGE, ANON_RW_FIXED) == -22, "an unaligned MAP_FIXED address is EINVAL", 0);
  check(__sys_mmap2(0, PAGE, PROT_READ, MAP_PRIVATE, 0, 0) == -19, "file mappings are not supported yet (ENODEV)", 0);
  check(__sys_mmap2(0, 0xB0000000u, ANON_RW) == -12, "a mapping larger than the free space is ENOMEM", 0);
  check(__sys_munmap(a + 1, PAGE) == -22, "munmap of an unaligned address is EINVAL", 0);
  check(__sys_munmap(a, 0) == -22, "munmap of length 0 is EINVAL", 0);
  check(__sys_munmap(0xBFFFF000u, 2 * PAGE) == -22, "munmap reaching kernel space is EINVAL", 0);
}

/* Forks a child that reads one byte at addr; returns its wait status. */
static int peek_in_child(unsigned addr) {
  int pid = __sys_fork();
  if (pid == 0) __sys_exit(*(volatile char *)addr == 0x55 ? 0 : 1);
  return wait_status(pid);
}

static void test_mprotect(void) {
  unsigned a = (unsigned)__sys_mmap2(0, 3 * PAGE, ANON_RW);
  char *p = (char *)a;
  int r;
  p[0] = 0x55;
  p[PAGE] = 0x55;
  p[2 * PAGE] = 0x55;
  r = __sys_mprotect(a + PAGE, PAGE, PROT_READ);
  check(r == 0, "mprotect of the middle page to PROT_READ succeeds", r);
  check((poke_in_child(a + PAGE) & 0x7f) == 11, "a write to the now read-only page is SIGSEGV", 0);
  check(poke_in_child(a) == 0 && poke_in_child(a + 2 * PAGE) == 0, "its neighbours stay writable (the VMA split in three)", 0);
  check(peek_in_child(a + PAGE) == 0 && p[PAGE] == 0x55, "the read-only page keeps its contents", p[PAGE]);
  r = __sys_mprotect(a + PAGE, PAGE, 0);
  check(r == 0 && (peek_in_child(a + PAGE) & 0x7f) == 11, "a read of a PROT_NONE page is SIGSEGV", r);
  r = __sys_mprotect(a, 3 * PAGE, PROT_READ | PROT_WRITE);
  p[PAGE] = (char)(p[PAGE] + 1);
  check(r == 0 && p[PAGE] == 0x56, "mprotect back to read-write keeps the data and allows writes", p[PAGE]);
  check(__sys_mprotect(a + 1, PAGE, PROT_READ) == -22, "mprotect of an unaligned address is EINVAL", 0);
  check(__sys_mprotect(a, PAGE, 0x10) == -22, "mprotect with an unknown PROT bit is EINVAL", 0);
  __sys_munmap(a + PAGE, PAGE);
  check(__sys_mprotect(a, 3 * PAGE, PROT_READ) == -12, "mprotect across a hole is ENOMEM", 0);
  check(poke_in_child(a) == 0, "and a failed mprotect changes nothing", 0);
  __sys_munmap(a, 3 * PAGE);
}

int main(void) {
  int baseline, after;
  puts1("vm_cow init\n");
  heap = (char *)__sys_brk(0);
  __sys_brk((unsigned)heap + HEAP_PAGES * PAGE);
  /* A first round warms the kernel's caches so MemFree can be compared. */
  cow_round(0);
  baseline = mem_free_kb();
  check(baseline > 0, "MemFree is readable", baseline);
  cow_round(1);
  after = mem_free_kb();
  check(after == baseline, "MemFree returns to its baseline after the child exits (kB difference)", baseline - after);
  test_copyout_breaks_cow();
  test_heap_demand_paging();
  test_stack_growth();
  test_mmap();
  test_mprotect();
  puts1("ktest: ");
  putnum(checks);
  puts1(" checks\n");
  puts1(failures ? "ktest: FAILED\n" : "ktest: all passed\n");
  power_off(failures);
  return 0;
}
