/* t_cgroup.c: usertests cases for control groups v2 at /sys/fs/cgroup:
 * making and removing groups (EBUSY with members or children), a second
 * mount of the hierarchy (mount -t cgroup2), moving a
 * process through cgroup.procs, a forked child staying in its parent's
 * group, pids.max refusing fork with EAGAIN, memory.current following the
 * pages a member touches and falling when it exits, memory.high reclaiming
 * to swap without the OOM killer, cpu.max throttling seen in cpu.stat, and
 * cpu.weight sharing the CPU between groups.
 *
 * Each case makes its own group /sys/fs/cgroup/ut_NAME and removes it; a
 * process it put there moves back to the root first. The memory.high case
 * needs swap (the boot test gives the machine a swap disk). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ut.h"

#define CG "/sys/fs/cgroup"
#define PAGE 4096

static char path_buf[160];

/* CG/group/file (file may be ""). */
static const char *cg_path(const char *group, const char *file) {
  strcpy(path_buf, CG "/");
  strcat(path_buf, group);
  if (*file) {
    strcat(path_buf, "/");
    strcat(path_buf, file);
  }
  return path_buf;
}

static int cg_write(const char *group, const char *file, const char *text) {
  return ut_write_file(cg_path(group, file), text, strlen(text)) == (int)strlen(text) ? 0 : -1;
}

static int cg_read(const char *group, const char *file, char *buf, int size) {
  int n = ut_read_file(cg_path(group, file), buf, size - 1);
  if (n < 0)
    return -1;
  buf[n] = 0;
  return n;
}

static int cg_number(const char *group, const char *file) {
  char buf[64];
  if (cg_read(group, file, buf, sizeof buf) <= 0)
    return -1;
  return atoi(buf);
}

/* "key N" line of a flat-keyed file (memory.events, cpu.stat). */
static int cg_key(const char *group, const char *file, const char *key) {
  return ut_proc_number(cg_path(group, file), key);
}

static int move_pid(const char *group, int pid) {
  char text[16];
  sprintf(text, "%d\n", pid);
  return ut_write_file(group[0] ? cg_path(group, "cgroup.procs") : CG "/cgroup.procs", text, strlen(text)) > 0 ? 0
                                                                                                         : -1;
}

static int in_procs(const char *group, int pid) {
  char buf[512], *p = buf;
  if (cg_read(group, "cgroup.procs", buf, sizeof buf) < 0)
    return 0;
  while (*p) {
    if (atoi(p) == pid)
      return 1;
    p = strchr(p, '\n');
    if (!p)
      break;
    p++;
  }
  return 0;
}

/* A child that waits for a byte on fd, then exits 0. */
static int parked_child(int *wfd) {
  int fds[2], pid;
  char c;
  CHECK(pipe(fds) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(fds[1]);
    read(fds[0], &c, 1);
    _exit(0);
  }
  close(fds[0]);
  *wfd = fds[1];
  return pid;
}

static void cgroup_mkdir_rmdir(void) {
  struct stat st;
  char buf[64];
  rmdir(CG "/ut_mk/sub");
  rmdir(CG "/ut_mk");
  CHECK(mkdir(CG "/ut_mk", 0755) == 0);
  CHECK_ERR(mkdir(CG "/ut_mk", 0755), EEXIST);
  CHECK_ERR(mkdir(CG "/ut_mk/memory.max", 0755), EEXIST);   /* an interface file's name */
  CHECK(stat(CG "/ut_mk/memory.max", &st) == 0 && S_ISREG(st.st_mode));
  CHECK(cg_read("ut_mk", "memory.max", buf, sizeof buf) > 0 && strcmp(buf, "max\n") == 0);
  CHECK(cg_read("ut_mk", "cgroup.controllers", buf, sizeof buf) > 0 && strcmp(buf, "cpu memory pids\n") == 0);
  CHECK(cg_read("ut_mk", "cgroup.events", buf, sizeof buf) > 0 && strncmp(buf, "populated 0\n", 12) == 0);
  CHECK_ERR(open(CG "/ut_mk/memory.current", O_WRONLY), EACCES);   /* read-only, even for root */
  CHECK(mkdir(CG "/ut_mk/sub", 0755) == 0);
  CHECK_ERR(rmdir(CG "/ut_mk"), EBUSY);   /* a child */
  CHECK(rmdir(CG "/ut_mk/sub") == 0);
  CHECK(rmdir(CG "/ut_mk") == 0);
  CHECK_ERR(stat(CG "/ut_mk", &st), ENOENT);
  CHECK(cg_write("", "cgroup.subtree_control", "+bogus") == -1 && errno == ENOENT);
}

/* A second mount of cgroup2 (in the case's scratch directory) shows the
 * same hierarchy: a group made through one is seen through the other. */
static void cgroup_second_mount(void) {
  struct stat st;
  struct statfs sf;
  rmdir(CG "/ut_mnt");
  CHECK(mkdir("m", 0755) == 0);
  CHECK(mount("none", "m", "cgroup2", 0, 0) == 0);
  CHECK(statfs("m", &sf) == 0 && (unsigned)sf.f_type == 0x63677270u);
  CHECK(stat("m/cgroup.procs", &st) == 0 && S_ISREG(st.st_mode));
  CHECK(mkdir(CG "/ut_mnt", 0755) == 0);
  CHECK(stat("m/ut_mnt/memory.max", &st) == 0);
  CHECK(rmdir("m/ut_mnt") == 0);
  CHECK_ERR(stat(CG "/ut_mnt", &st), ENOENT);
  CHECK(umount("m") == 0);
  CHECK(rmdir("m") == 0);
}

static void cgroup_move_process(void) {
  char buf[64], want[64];
  int wfd, pid, st;
  rmdir(CG "/ut_mv");
  CHECK(mkdir(CG "/ut_mv", 0755) == 0);
  pid = parked_child(&wfd);
  CHECK(move_pid("ut_mv", pid) == 0);
  CHECK(in_procs("ut_mv", pid));
  CHECK(!in_procs("ut_mv", getpid()));
  sprintf(buf, "/proc/%d/cgroup", pid);
  CHECK(ut_read_file(buf, want, sizeof want - 1) > 0);
  CHECK(strncmp(want, "0::/ut_mv\n", 10) == 0);
  CHECK(cg_read("ut_mv", "cgroup.events", buf, sizeof buf) > 0 && strncmp(buf, "populated 1\n", 12) == 0);
  CHECK(cg_number("ut_mv", "pids.current") == 1);
  CHECK_ERR(rmdir(CG "/ut_mv"), EBUSY);   /* a member */
  CHECK(move_pid("ut_mv", 999999) == -1 && errno == ESRCH);
  write(wfd, "x", 1);
  close(wfd);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(cg_read("ut_mv", "cgroup.events", buf, sizeof buf) > 0 && strncmp(buf, "populated 0\n", 12) == 0);
  CHECK(cg_number("ut_mv", "pids.current") == 0);
  CHECK(rmdir(CG "/ut_mv") == 0);
}

static void cgroup_fork_inherits(void) {
  int pid, st;
  rmdir(CG "/ut_fork");
  CHECK(mkdir(CG "/ut_fork", 0755) == 0);
  CHECK(move_pid("ut_fork", getpid()) == 0);
  CHECK(cg_number("ut_fork", "pids.current") == 1);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char line[64];
    int n = ut_read_file("/proc/self/cgroup", line, sizeof line - 1);
    _exit(n > 0 && strncmp(line, "0::/ut_fork\n", 12) == 0 && in_procs("ut_fork", getpid()) ? 0 : 1);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(move_pid("", getpid()) == 0);
  CHECK(cg_number("ut_fork", "pids.current") == 0);
  CHECK(rmdir(CG "/ut_fork") == 0);
}

static void cgroup_pids_max(void) {
  int wfd, pid, st;
  rmdir(CG "/ut_pids");
  CHECK(mkdir(CG "/ut_pids", 0755) == 0);
  CHECK(cg_write("ut_pids", "pids.max", "2\n") == 0);
  CHECK(cg_number("ut_pids", "pids.max") == 2);
  CHECK(cg_write("ut_pids", "pids.max", "-1\n") == -1 && errno == EINVAL);
  CHECK(move_pid("ut_pids", getpid()) == 0);
  pid = parked_child(&wfd);   /* the second task: at the limit now */
  CHECK(cg_number("ut_pids", "pids.current") == 2);
  CHECK_ERR(fork(), EAGAIN);
  CHECK(cg_key("ut_pids", "pids.events", "max") == 1);
  write(wfd, "x", 1);
  close(wfd);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
  pid = fork();   /* room again once the child is reaped */
  CHECK(pid >= 0);
  if (pid == 0)
    _exit(0);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(move_pid("", getpid()) == 0);
  CHECK(rmdir(CG "/ut_pids") == 0);
}

/* A child touches `pages` pages and reports on fds[1], then waits for a
 * byte on the second pipe; the page contents are checked before it exits. */
static void toucher(int pages, int report, int go) {
  char *mem = (char *)malloc(pages * PAGE);
  int i;
  char c;
  if (!mem)
    _exit(2);
  for (i = 0; i < pages; i++)
    mem[i * PAGE] = (char)(i * 7 + 1);
  write(report, "t", 1);
  read(go, &c, 1);
  for (i = 0; i < pages; i++)
    if (mem[i * PAGE] != (char)(i * 7 + 1))
      _exit(3);
  _exit(0);
}

static void cgroup_memory_current(void) {
  int rep[2], go[2], pid, st, before, held, after;
  char c;
  rmdir(CG "/ut_mem");
  CHECK(mkdir(CG "/ut_mem", 0755) == 0);
  CHECK(pipe(rep) == 0 && pipe(go) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    read(go[0], &c, 1);   /* moved into the group first */
    toucher(200, rep[1], go[0]);
  }
  CHECK(move_pid("ut_mem", pid) == 0);
  before = cg_number("ut_mem", "memory.current");
  write(go[1], "g", 1);
  CHECK(read(rep[0], &c, 1) == 1);
  held = cg_number("ut_mem", "memory.current");
  CHECK(held >= before + 200 * PAGE);   /* every touched page is charged to it */
  CHECK(cg_number("ut_mem", "memory.peak") >= held);
  write(go[1], "g", 1);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  after = cg_number("ut_mem", "memory.current");
  CHECK(after <= held - 200 * PAGE);   /* uncharged as its frames were freed */
  CHECK(rmdir(CG "/ut_mem") == 0);
}

/* memory.high is pressure, never an OOM kill: with swap the group's pages
 * over the limit go there; without swap (usertests on a machine without a
 * swap disk) nothing of an anonymous hog can be reclaimed, so it stays
 * above the limit, counted as `high` events, and still lives. */
static void cgroup_memory_high(void) {
  int rep[2], go[2], pid, st, high = 128 * PAGE;
  int swap = ut_proc_number("/proc/meminfo", "SwapTotal") > 2048;
  char c, text[32];
  rmdir(CG "/ut_high");
  CHECK(mkdir(CG "/ut_high", 0755) == 0);
  sprintf(text, "%d\n", high);
  CHECK(cg_write("ut_high", "memory.high", text) == 0);
  CHECK(cg_number("ut_high", "memory.high") == high);
  CHECK(pipe(rep) == 0 && pipe(go) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    read(go[0], &c, 1);
    toucher(512, rep[1], go[0]);   /* 2 MiB through a 512 KiB high limit */
  }
  CHECK(move_pid("ut_high", pid) == 0);
  write(go[1], "g", 1);
  CHECK(read(rep[0], &c, 1) == 1);
  if (swap) {
    /* reclaimed back near the limit: the rest went to swap */
    CHECK(cg_number("ut_high", "memory.current") <= high + 64 * PAGE);
    CHECK(cg_number("ut_high", "memory.swap.current") >= 300 * PAGE);
  } else {
    CHECK(cg_number("ut_high", "memory.current") >= 512 * PAGE);   /* all of it, over the limit */
    CHECK(cg_number("ut_high", "memory.swap.current") == 0);
  }
  write(go[1], "g", 1);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);   /* every page read back intact */
  CHECK(cg_key("ut_high", "memory.events", "high") > 0);
  CHECK(cg_key("ut_high", "memory.events", "oom") == 0);
  CHECK(cg_key("ut_high", "memory.events", "oom_kill") == 0);
  CHECK(rmdir(CG "/ut_high") == 0);
}

static long now_ms(void) {
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void cgroup_cpu_max(void) {
  int pid, st, usage;
  char buf[64];
  rmdir(CG "/ut_cpu");
  CHECK(mkdir(CG "/ut_cpu", 0755) == 0);
  CHECK(cg_read("ut_cpu", "cpu.max", buf, sizeof buf) > 0 && strcmp(buf, "max 100000\n") == 0);
  CHECK(cg_write("ut_cpu", "cpu.max", "10000 50000\n") == 0);   /* 20% */
  CHECK(cg_read("ut_cpu", "cpu.max", buf, sizeof buf) > 0 && strcmp(buf, "10000 50000\n") == 0);
  CHECK(cg_write("ut_cpu", "cpu.max", "10 50000\n") == -1 && errno == EINVAL);
  CHECK(cg_write("ut_cpu", "cpu.weight", "0\n") == -1 && errno == ERANGE);
  CHECK(move_pid("ut_cpu", getpid()) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {   /* busy for 600 ms of wall time */
    long end = now_ms() + 600;
    while (now_ms() < end)
      ;
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(move_pid("", getpid()) == 0);
  usage = cg_key("ut_cpu", "cpu.stat", "usage_usec");
  /* 20% of 600 ms, give or take a tick per period */
  CHECK(usage >= 80000 && usage <= 250000);
  CHECK(cg_key("ut_cpu", "cpu.stat", "nr_throttled") >= 5);
  CHECK(cg_key("ut_cpu", "cpu.stat", "nr_periods") >= 10);
  CHECK(cg_key("ut_cpu", "cpu.stat", "throttled_usec") >= 200000);
  CHECK(cg_key("ut_cpu", "cpu.stat", "user_usec") + cg_key("ut_cpu", "cpu.stat", "system_usec") <= usage);
  CHECK(rmdir(CG "/ut_cpu") == 0);
}

/* A child moved into group that, once *go is written, spins for ms of
 * wall time; *go is the pipe's write end (the caller releases it). */
static int spinner_in(const char *group, int ms, int *go_out) {
  int go[2], pid;
  char c;
  CHECK(pipe(go) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    long end;
    close(go[1]);
    read(go[0], &c, 1);
    end = now_ms() + ms;
    while (now_ms() < end)
      ;
    _exit(0);
  }
  close(go[0]);
  CHECK(move_pid(group, pid) == 0);
  *go_out = go[1];
  return pid;
}

/* Two busy processes, one per group, weights 100 and 400: the second gets
 * about four times the CPU (each group competes as one task of its weight). */
static void cgroup_cpu_weight(void) {
  int a, b, st, ua, ub, ga, gb;
  rmdir(CG "/ut_wa");
  rmdir(CG "/ut_wb");
  CHECK(mkdir(CG "/ut_wa", 0755) == 0 && mkdir(CG "/ut_wb", 0755) == 0);
  CHECK(cg_number("ut_wa", "cpu.weight") == 100);
  CHECK(cg_write("ut_wb", "cpu.weight", "400\n") == 0);
  CHECK(cg_number("ut_wb", "cpu.weight") == 400);
  /* both made and placed first, then released together: they spin over the
   * same 800 ms, so the split is the weights' alone */
  a = spinner_in("ut_wa", 800, &ga);
  b = spinner_in("ut_wb", 800, &gb);
  CHECK(write(ga, "g", 1) == 1 && write(gb, "g", 1) == 1);
  close(ga);
  close(gb);
  st = ut_wait_status(a);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  st = ut_wait_status(b);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  ua = cg_key("ut_wa", "cpu.stat", "usage_usec");
  ub = cg_key("ut_wb", "cpu.stat", "usage_usec");
  if (!(ub > 3 * ua && ub < 6 * ua))
    printf("  usage_usec: weight 100 %d, weight 400 %d (weights now %d, %d)\n", ua, ub, cg_number("ut_wa", "cpu.weight"),
           cg_number("ut_wb", "cpu.weight"));
  CHECK(ua > 50000 && ub > 50000);
  CHECK(ub > 3 * ua && ub < 6 * ua);
  CHECK(rmdir(CG "/ut_wa") == 0 && rmdir(CG "/ut_wb") == 0);
}

struct ut_case ut_cgroup_cases[] = {
  { "cgroup_mkdir_rmdir", cgroup_mkdir_rmdir },
  { "cgroup_second_mount", cgroup_second_mount },
  { "cgroup_move_process", cgroup_move_process },
  { "cgroup_fork_inherits", cgroup_fork_inherits },
  { "cgroup_pids_max", cgroup_pids_max },
  { "cgroup_memory_current", cgroup_memory_current },
  { "cgroup_memory_high", cgroup_memory_high },
  { "cgroup_cpu_max", cgroup_cpu_max },
  { "cgroup_cpu_weight", cgroup_cpu_weight },
  { 0, 0 },
};
