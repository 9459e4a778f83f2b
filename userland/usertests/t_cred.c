/* t_cred.c: credentials — real/effective/saved user and group ids, the
 * rules for who may change them (setuid, setreuid, setresuid and the gid
 * forms), supplementary groups, the 16-bit calls, kill's permission rule
 * and set-user-ID programs. Every case changes ids only in a forked child
 * (usertests itself stays root) and drops to uid 1000 or 1001 there. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

#define NR_GETUID16 24
#define NR_SETUID16 23
#define NR_GETGROUPS16 80
#define NR_GETRESUID16 165
#define NR_SETRESUID32 208
#define NGROUPS_TEST 33   /* one more than the kernel's NGROUPS_MAX */

/* Runs fn in a child; the case fails unless the child exits 0. */
static void in_child(void (*fn)(void)) {
  int st = ut_fork_status(fn);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void check_res(unsigned r, unsigned e, unsigned s) {
  uid_t a, b, c;
  CHECK(getresuid(&a, &b, &c) == 0);
  CHECK(a == r && b == e && c == s);
  CHECK(getuid() == r && geteuid() == e);
}

static void check_resg(unsigned r, unsigned e, unsigned s) {
  gid_t a, b, c;
  CHECK(getresgid(&a, &b, &c) == 0);
  CHECK(a == r && b == e && c == s);
  CHECK(getgid() == r && getegid() == e);
}

static void root_ids(void) {
  check_res(0, 0, 0);
  check_resg(0, 0, 0);
  CHECK(ut_syscall3(NR_GETUID16, 0, 0, 0) == 0);
  CHECK_ERR(getresuid((uid_t *)0, (uid_t *)0, (uid_t *)0), EFAULT);
}

static void setuid_body(void) {
  CHECK(setuid(1000) == 0);          /* root: all three */
  check_res(1000, 1000, 1000);
  CHECK_ERR(setuid(0), EPERM);       /* no way back */
  CHECK_ERR(setuid(1001), EPERM);
  CHECK(setuid(1000) == 0);          /* to one's own id is fine */
  CHECK_ERR(setuid((uid_t)-1), EINVAL);
  check_res(1000, 1000, 1000);
}
static void setuid_drops_all(void) { in_child(setuid_body); }

/* A saved root uid lets the effective uid go and come back; dropping the
 * saved one too ends that. */
static void setresuid_body(void) {
  CHECK(setresuid(1000, 1000, 0) == 0);
  check_res(1000, 1000, 0);
  CHECK(setresuid(-1, 0, -1) == 0);          /* back to root through the saved id */
  check_res(1000, 0, 0);
  CHECK(setresuid(1000, 1000, 1000) == 0);
  CHECK_ERR(setresuid(-1, 0, -1), EPERM);
  CHECK_ERR(setresuid(1001, -1, -1), EPERM);
  CHECK_ERR(setresuid(-1, -1, 0), EPERM);
  check_res(1000, 1000, 1000);
  /* an unprivileged process may shuffle its own three ids */
  CHECK(setuid(0) == -1);
}
static void setresuid_rules(void) { in_child(setresuid_body); }

static void setresuid_shuffle_body(void) {
  CHECK(setresuid(1000, 1001, 1002) == 0);
  CHECK(setresuid(1002, 1000, 1001) == 0);
  check_res(1002, 1000, 1001);
  CHECK_ERR(setresuid(1003, -1, -1), EPERM);
  CHECK_ERR(seteuid(0), EPERM);
}
static void setresuid_shuffle(void) { in_child(setresuid_shuffle_body); }

/* setreuid: the saved id follows the effective one when the real id is
 * set or the effective one leaves the real one. */
static void setreuid_body(void) {
  CHECK(setreuid(1000, 1001) == 0);
  check_res(1000, 1001, 1001);
  CHECK(setreuid(-1, 1000) == 0);           /* effective back to the real: saved stays */
  check_res(1000, 1000, 1001);
  CHECK(setreuid(-1, 1001) == 0);           /* to the saved one */
  check_res(1000, 1001, 1001);
  CHECK(setreuid(1001, 1000) == 0);         /* a swap: real was effective's */
  check_res(1001, 1000, 1000);
  CHECK_ERR(setreuid(-1, 0), EPERM);
  CHECK_ERR(setreuid(0, -1), EPERM);
  CHECK_ERR(setreuid(1002, -1), EPERM);
  check_res(1001, 1000, 1000);
}
static void setreuid_rules(void) { in_child(setreuid_body); }

/* Group ids follow the same rules, decided by the effective uid. */
static void gid_body(void) {
  CHECK(setgid(100) == 0);
  check_resg(100, 100, 100);
  CHECK(setregid(1000, 100) == 0);
  check_resg(1000, 100, 100);
  CHECK(setresgid(-1, 1000, -1) == 0);
  CHECK(setuid(1000) == 0);
  CHECK_ERR(setgid(0), EPERM);
  CHECK_ERR(setresgid(-1, 5, -1), EPERM);
  CHECK_ERR(setregid(5, -1), EPERM);
  CHECK(setresgid(100, -1, -1) == 0);       /* among its own */
  check_resg(100, 1000, 100);
  CHECK(setgid(100) == 0);                  /* unprivileged: the effective id only */
  check_resg(100, 100, 100);
  CHECK_ERR(setgid(1000), EPERM);           /* no longer real or saved */
}
static void gid_rules(void) { in_child(gid_body); }

static void groups_body(void) {
  gid_t set[3];
  gid_t got[NGROUPS_TEST];
  unsigned short narrow[8];
  int i, pid, st;
  set[0] = 100;
  set[1] = 1000;
  set[2] = 70000;
  CHECK(setgroups(3, set) == 0);
  CHECK(getgroups(0, got) == 3);
  CHECK_ERR(getgroups(2, got), EINVAL);
  CHECK_ERR(getgroups(-1, got), EINVAL);
  CHECK(getgroups(NGROUPS_TEST, got) == 3);
  CHECK(got[0] == 100 && got[1] == 1000 && got[2] == 70000);
  /* the 16-bit call narrows ids above 65535 to 65534 */
  CHECK(ut_syscall3(NR_GETGROUPS16, 8, (int)narrow, 0) == 3);
  CHECK(narrow[0] == 100 && narrow[1] == 1000 && narrow[2] == 65534);
  for (i = 0; i < NGROUPS_TEST; i++)
    got[i] = (gid_t)i;
  CHECK_ERR(setgroups(NGROUPS_TEST, got), EINVAL);   /* more than NGROUPS_MAX (32) */
  CHECK(setgroups(32, got) == 0);
  CHECK(getgroups(0, got) == 32);
  CHECK(setgroups(3, set) == 0);
  /* inherited by fork */
  pid = fork();
  if (pid == 0) {
    gid_t mine[4];
    _exit(getgroups(4, mine) == 3 && mine[2] == 70000 ? 0 : 1);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(setuid(1000) == 0);
  CHECK_ERR(setgroups(0, set), EPERM);
  CHECK(getgroups(0, got) == 3);
  CHECK(setgroups(0, set) == -1);
}
static void supplementary_groups(void) { in_child(groups_body); }

/* The 16-bit calls see a uid above 65535 as 65534, and 0xFFFF as -1. */
static void narrow_body(void) {
  unsigned short r, e, s;
  CHECK(ut_syscall3(NR_SETRESUID32, 70000, 1000, 0) == 0);
  CHECK(getuid() == 70000);
  CHECK(ut_syscall3(NR_GETUID16, 0, 0, 0) == 65534);
  CHECK(ut_syscall3(NR_GETRESUID16, (int)&r, (int)&e, (int)&s) == 0);
  CHECK(r == 65534 && e == 1000 && s == 0);
  CHECK(ut_syscall3(NR_SETUID16, 0xFFFF, 0, 0) == -EINVAL);
}
static void ids_16bit(void) { in_child(narrow_body); }

/* kill: root, or a matching real/effective uid against the target's
 * real/saved uid; EPERM otherwise, also for signal 0. */
static int spawn_as(uid_t r, uid_t e, uid_t s) {
  int pid = fork();
  if (pid == 0) {
    if (setresuid(r, e, s) != 0)
      _exit(2);
    for (;;)
      pause();
  }
  return pid;
}

static int kill_from(uid_t r, uid_t e, int target, int sig) {
  int pid = fork();
  int st;
  if (pid == 0) {
    if (setresuid(r, e, e) != 0)
      _exit(100);
    if (kill(target, sig) == 0)
      _exit(0);
    _exit(errno);
  }
  st = ut_wait_status(pid);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 200;
}

static void kill_permission(void) {
  int a = spawn_as(1000, 1000, 1000);
  int b = spawn_as(1001, 1000, 1002);   /* real 1001, saved 1002 */
  int st;
  CHECK(a > 0 && b > 0);
  CHECK(kill_from(1001, 1001, a, SIGTERM) == EPERM);
  CHECK(kill_from(1001, 1001, a, 0) == EPERM);
  CHECK(kill_from(1001, 1001, getpid(), 0) == EPERM);   /* root's process */
  CHECK(kill_from(1001, 1001, 1, 0) == EPERM);           /* init */
  CHECK(kill_from(1001, 1001, 999999, 0) == ESRCH);
  /* an effective uid 1000 matches neither b's real (1001) nor saved (1002) */
  CHECK(kill_from(1003, 1000, b, 0) == EPERM);
  CHECK(kill_from(1002, 1003, b, 0) == 0);   /* real uid = b's saved */
  CHECK(kill_from(1003, 1001, b, 0) == 0);   /* effective = b's real */
  CHECK(kill_from(1000, 1000, a, SIGTERM) == 0);
  st = ut_wait_status(a);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
  /* a process group with nobody to signal: EPERM, and it lives on */
  CHECK(setpgid(b, b) == 0);
  CHECK(kill_from(1000, 1000, -b, SIGTERM) == EPERM);
  CHECK(kill(b, 0) == 0);
  CHECK(kill(-b, SIGKILL) == 0);   /* root may */
  st = ut_wait_status(b);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

/* A set-user-ID copy of usertests owned by 1001, run by uid 1000: the
 * effective (and saved) uid becomes 1001, the real one stays. A plain copy
 * changes nothing. */
static int copy_self(const char *to) {
  return ut_copy_file(ut_self, to, 0755);
}

static int run_ids(const char *path, char *out, int size) {
  static char *argv[] = { "prog", "--helper", "ids", 0 };
  int fds[2];
  int pid, n, total = 0;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    if (setresgid(1000, 1000, 1000) != 0 || setresuid(1000, 1000, 1000) != 0)
      _exit(98);
    execve(path, argv, 0);
    _exit(99);
  }
  close(fds[1]);
  while (total < size - 1 && (n = read(fds[0], out + total, size - 1 - total)) > 0)
    total += n;
  out[total] = 0;
  close(fds[0]);
  return ut_wait_status(pid);
}

static void setuid_exec(void) {
  char out[128];
  int st;
  CHECK(copy_self("plain") == 0);
  CHECK(copy_self("suid") == 0);
  CHECK(chown("suid", 1001, 1002) == 0);
  CHECK(chmod("suid", 06755) == 0);
  st = run_ids("plain", out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(strcmp(out, "uid 1000 1000 1000 gid 1000 1000 1000\n") == 0);
  st = run_ids("suid", out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(strcmp(out, "uid 1000 1001 1001 gid 1000 1002 1002\n") == 0);
}

/* umask: returns the old mask, masks the modes of new files and
 * directories, is inherited by fork and kept by a user who dropped root. */
static void umask_body(void) {
  struct stat st;
  int pid, st_child;
  umask(022);
  CHECK(umask(027) == 022);
  CHECK(umask(027) == 027);
  CHECK(chmod(".", 0777) == 0);   /* the scratch directory is root's: let uid 1000 write */
  CHECK(setuid(1000) == 0);
  CHECK(ut_write_file("f", "x", 1) == 1);   /* created 0644 */
  CHECK(stat("f", &st) == 0 && (st.st_mode & 0777) == 0640);
  CHECK(mkdir("d", 0777) == 0);
  CHECK(stat("d", &st) == 0 && (st.st_mode & 0777) == 0750);
  pid = fork();
  if (pid == 0)
    _exit(umask(0) == 027 ? 0 : 1);
  st_child = ut_wait_status(pid);
  CHECK(WIFEXITED(st_child) && WEXITSTATUS(st_child) == 0);
  CHECK(umask(01777) == 027);
  CHECK(umask(0) == 0777);   /* only the permission bits are kept */
}
static void umask_rules(void) { in_child(umask_body); }

struct ut_case ut_cred_cases[] = {
  { "cred_umask", umask_rules },
  { "cred_root_ids", root_ids },
  { "cred_setuid_drops_all", setuid_drops_all },
  { "cred_setresuid_rules", setresuid_rules },
  { "cred_setresuid_shuffle", setresuid_shuffle },
  { "cred_setreuid_rules", setreuid_rules },
  { "cred_gid_rules", gid_rules },
  { "cred_supplementary_groups", supplementary_groups },
  { "cred_ids_16bit", ids_16bit },
  { "cred_kill_permission", kill_permission },
  { "cred_setuid_exec", setuid_exec },
  { 0, 0 },
};
