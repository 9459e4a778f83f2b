/* t_ns.c: chroot and the namespaces (issue 13) — chroot's rules (EPERM
 * for a user after the path's own errors, ENOTDIR, the cwd left outside,
 * `..` stopping at the new root, getcwd naming a cwd outside it
 * "(unreachable)"); UTS namespaces (a host name per namespace); pid
 * namespaces (the first child is pid 1 and has its outside pid too, a
 * proc mounted inside lists only the namespace, orphans go to the
 * namespace's init, its exit kills the rest and closes the namespace);
 * /proc/PID/ns links (equal when shared, different otherwise, the inode
 * number of the target); setns (joins, refuses a wrong type, keeps a
 * namespace alive through an open file); mount namespaces (mounts and
 * umounts on either side unseen by the other); IPC namespaces (ids and
 * keys of message queues and semaphore sets per namespace); EPERM for
 * uid 1000. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <dirent.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include "ulib.h"
#include "ut.h"

static ino_t inode_of(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? st.st_ino : 0;
}

static void chroot_as_user(void) {
  CHECK(setuid(1000) == 0);
  CHECK_ERR(chroot("nothere"), ENOENT);   /* the path's errors come first */
  CHECK_ERR(chroot("f"), ENOTDIR);
  CHECK_ERR(chroot("r"), EPERM);
  CHECK_ERR(chroot("/"), EPERM);
}

static void ns_chroot(void) {
  char buf[256];
  ino_t sub, root;
  CHECK(mkdir("r", 0755) == 0);
  CHECK(mkdir("r/sub", 0755) == 0);
  CHECK(ut_write_file("r/marker", "inside\n", 7) == 7);
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(ut_fork_status(chroot_as_user) == 0);
  CHECK_ERR(chroot("f"), ENOTDIR);
  CHECK_ERR(chroot("nothere"), ENOENT);
  root = inode_of("r");
  sub = inode_of("r/sub");
  CHECK(root != 0 && sub != 0);
  CHECK(chroot("r") == 0);
  /* The cwd stays where it was, outside the new root. */
  CHECK(inode_of("r/sub") == sub);
  CHECK(getcwd(buf, sizeof buf) != 0);
  CHECK(strncmp(buf, "(unreachable)/", 14) == 0);
  /* Absolute paths start at the new root. */
  CHECK(inode_of("/") == root);
  CHECK(inode_of("/sub") == sub);
  CHECK(ut_read_file("/marker", buf, sizeof buf) == 7 && memcmp(buf, "inside\n", 7) == 0);
  CHECK(access("/bin/sh", F_OK) != 0);   /* the old root's files are out of reach */
  /* `..` at the new root stays there. */
  CHECK(inode_of("/..") == root);
  CHECK(inode_of("/sub/../../..") == root);
  CHECK(chdir("/sub") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/sub") == 0);
  CHECK(chdir("../../..") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/") == 0);
  CHECK(inode_of(".") == root);
  /* A child inherits the root. */
  {
    int pid = fork();
    if (pid == 0)
      _exit(inode_of("/") == root ? 0 : 1);
    CHECK(ut_wait_status(pid) == 0);
  }
  /* chroot again, relative to the new root. */
  CHECK(chroot("sub") == 0);
  CHECK(inode_of("/") == sub);
  CHECK(inode_of("/..") == sub);
}

static void nap(void) {
  struct timespec ts;
  ts.tv_sec = 0;
  ts.tv_nsec = 1000000;
  nanosleep(&ts, 0);
}

/* The first decimal number at s and where it ends. */
static int number_at(const char *s, const char **end) {
  int v = 0;
  while (*s == ' ' || *s == '\t') s++;
  if (*s < '0' || *s > '9') return -1;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  *end = s;
  return v;
}

static void nodename(char *out) {
  struct utsname u;
  CHECK(uname(&u) == 0);
  strcpy(out, u.nodename);
}

static void link_of(const char *path, char *out, int size) {
  int n = readlink(path, out, size - 1);
  CHECK(n > 0);
  out[n] = 0;
}

static void ns_uts(void) {
  char before[80], inside[80], after[80], link0[64], link1[64];
  int pid, fds[2];
  nodename(before);
  link_of("/proc/self/ns/uts", link0, sizeof link0);
  CHECK(strcmp(link0, "uts:[4026531838]") == 0);   /* Linux's number for the initial one */
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    char mine[64];
    link_of("/proc/self/ns/uts", mine, sizeof mine);
    CHECK(strcmp(mine, link0) == 0);   /* shared with the parent */
    CHECK(unshare(CLONE_NEWUTS) == 0);
    link_of("/proc/self/ns/uts", mine, sizeof mine);
    CHECK(strncmp(mine, "uts:[", 5) == 0 && strcmp(mine, link0) != 0);
    nodename(inside);
    CHECK(strcmp(inside, before) == 0);   /* a copy of the old names */
    CHECK(sethostname("inner", 5) == 0);
    CHECK(setdomainname("box.local", 9) == 0);
    nodename(inside);
    CHECK(strcmp(inside, "inner") == 0);
    CHECK(write(fds[1], mine, strlen(mine) + 1) > 0);
    _exit(0);
  }
  close(fds[1]);
  CHECK(read(fds[0], link1, sizeof link1) > 0);
  CHECK(ut_wait_status(pid) == 0);
  nodename(after);
  CHECK(strcmp(after, before) == 0);   /* the parent's name did not change */
  link_of("/proc/self/ns/uts", link0, sizeof link0);
  CHECK(strcmp(link0, link1) != 0);
}

/* A child of the caller that unshares CLONE_NEWPID and forks fn's process
 * as pid 1 of the new namespace, waits for it and exits with its status. */
static int in_new_pidns(void (*fn)(void)) {
  int pid = fork();
  if (pid == 0) {
    int inner, st;
    char link[64], kids[64];
    CHECK(unshare(CLONE_NEWPID) == 0);
    CHECK(getpid() > 1);   /* the caller stays where it was */
    link_of("/proc/self/ns/pid", link, sizeof link);
    link_of("/proc/self/ns/pid_for_children", kids, sizeof kids);
    CHECK(strcmp(link, kids) != 0);
    CHECK_ERR(unshare(CLONE_NEWPID), EINVAL);   /* once until a child is in it */
    inner = fork();
    if (inner == 0) {
      fn();
      _exit(0);
    }
    CHECK(inner > 1);   /* its outside number */
    st = ut_wait_status(inner);
    _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st));
  }
  return ut_wait_status(pid);
}

/* The "NSpid:" numbers of /proc/self/status (outside first). */
static int nspid(int *outer, int *inner) {
  char buf[2048], *l;
  int n = ut_read_file("/proc/self/status", buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n] = 0;
  l = strstr(buf, "\nNSpid:");
  CHECK(l != 0);
  l += 7;
  if ((*outer = number_at(l, (const char **)&l)) < 0) return 0;
  if ((*inner = number_at(l, (const char **)&l)) < 0) return 1;
  return 2;
}

static int count_pid_dirs(const char *proc, int *pids, int max) {
  DIR *d = opendir(proc);
  struct dirent *e;
  int n = 0;
  CHECK(d != 0);
  while ((e = readdir(d)) != 0) {
    if (e->d_name[0] >= '0' && e->d_name[0] <= '9') {
      if (n < max) pids[n] = atoi(e->d_name);
      n++;
    }
  }
  closedir(d);
  return n;
}

static void pid1_body(void) {
  int outer = 0, inner = 0, pids[8], n, child;
  char buf[64];
  CHECK(getpid() == 1);
  CHECK(getppid() == 0);   /* the parent is outside */
  CHECK(nspid(&outer, &inner) == 2);   /* the outer /proc shows both numbers */
  CHECK(outer > 1 && inner == 1);
  /* A proc mounted inside lists only this namespace, by its numbers. */
  CHECK(mkdir("p1", 0755) == 0);
  CHECK(mount("proc", "p1", "proc", 0, 0) == 0);
  child = fork();
  if (child == 0) {
    pause();
    _exit(0);
  }
  CHECK(child == 2);
  n = count_pid_dirs("p1", pids, 8);
  CHECK(n == 2);
  CHECK((pids[0] == 1 && pids[1] == 2) || (pids[0] == 2 && pids[1] == 1));
  link_of("p1/self", buf, sizeof buf);
  CHECK(strcmp(buf, "1") == 0);
  n = ut_read_file("p1/2/stat", buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n] = 0;
  CHECK(strncmp(buf, "2 (", 3) == 0);
  {
    char *st = strstr(buf, ") ");
    CHECK(st != 0 && strncmp(st + 3, " 1 ", 3) == 0);   /* its parent is 1 */
  }
  CHECK(kill(child, SIGTERM) == 0);
  CHECK(waitpid(-1, 0, 0) == 2);
  CHECK(umount("p1") == 0);
  CHECK(rmdir("p1") == 0);
}

static void ns_pid1(void) {
  CHECK(in_new_pidns(pid1_body) == 0);
}

static void orphan_body(void) {
  int st, reaped = 0, r;
  int mid = fork();
  if (mid == 0) {
    if (fork() == 0) {
      int i;
      for (i = 0; i < 200 && getppid() != 1; i++) nap();
      _exit(getppid() == 1 ? 7 : 1);   /* adopted by the namespace's init */
    }
    _exit(0);
  }
  while ((r = waitpid(-1, &st, 0)) > 0) {
    if (r == mid) CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    else CHECK(r == 3 && WIFEXITED(st) && WEXITSTATUS(st) == 7);
    reaped++;
  }
  CHECK(reaped == 2);
}

static void ns_orphans(void) {
  CHECK(in_new_pidns(orphan_body) == 0);
}

static void ns_init_exit(void) {
  int fds[2], a, st;
  CHECK(pipe(fds) == 0);
  a = fork();
  if (a == 0) {
    int b;
    CHECK(unshare(CLONE_NEWPID) == 0);
    b = fork();
    if (b == 0) {   /* pid 1: starts a sleeper, then exits without waiting */
      if (fork() == 0) {
        int outer = 0, inner = 0;
        CHECK(nspid(&outer, &inner) == 2 && inner == 2);
        CHECK(write(fds[1], &outer, sizeof outer) == sizeof outer);
        for (;;) pause();
      }
      {
        int outer;
        CHECK(read(fds[0], &outer, sizeof outer) == sizeof outer);
        CHECK(write(fds[1], &outer, sizeof outer) == sizeof outer);   /* put it back for the outside */
      }
      CHECK(kill(1, SIGKILL) == 0);   /* from inside: its own init ignores it */
      _exit(5);
    }
    st = ut_wait_status(b);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
    {
      int sleeper;
      CHECK(read(fds[0], &sleeper, sizeof sleeper) == sizeof sleeper);
      CHECK_ERR(kill(sleeper, 0), ESRCH);   /* killed and reaped before b's wait returned */
    }
    CHECK_ERR(fork(), ENOMEM);   /* the namespace is closed */
    _exit(0);
  }
  CHECK(ut_wait_status(a) == 0);
}

static void ns_setns(void) {
  int fds[2], holder, fd, bad, st;
  char c, name[80];
  CHECK(pipe(fds) == 0);
  holder = fork();
  if (holder == 0) {
    CHECK(unshare(CLONE_NEWUTS) == 0);
    CHECK(sethostname("joined", 6) == 0);
    CHECK(write(fds[1], "x", 1) == 1);
    for (;;) pause();
  }
  CHECK(read(fds[0], &c, 1) == 1);
  sprintf(name, "/proc/%d/ns/uts", holder);
  fd = open(name, O_RDONLY);
  CHECK(fd >= 0);
  {
    struct stat st1;
    char link[64];
    unsigned inum = 0;
    CHECK(fstat(fd, &st1) == 0);
    link_of(name, link, sizeof link);
    {
      const char *end;
      CHECK(strncmp(link, "uts:[", 5) == 0);
      inum = (unsigned)strtoul(link + 5, (char **)&end, 10);
      CHECK(*end == ']');
    }
    CHECK(st1.st_ino == inum);   /* the file is the namespace */
  }
  bad = open("/proc/self/status", O_RDONLY);
  CHECK_ERR(setns(bad, 0), EINVAL);   /* not a namespace */
  CHECK_ERR(setns(fd, CLONE_NEWPID), EINVAL);   /* not that kind */
  CHECK(kill(holder, SIGKILL) == 0);
  st = ut_wait_status(holder);
  CHECK(WIFSIGNALED(st));
  /* The open file keeps the namespace alive after its last process. */
  CHECK(setns(fd, CLONE_NEWUTS) == 0);
  nodename(name);
  CHECK(strcmp(name, "joined") == 0);
}

static int exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

/* Whether PROC/self/mounts has a line whose mount point ends with tail. */
static int mounted_in(const char *proc, const char *tail) {
  char buf[2048], path[64], *l;
  int n;
  sprintf(path, "%s/self/mounts", proc);
  n = ut_read_file(path, buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n] = 0;
  for (l = strtok(buf, "\n"); l; l = strtok(0, "\n")) {
    char *dir = strchr(l, ' ');
    char *end = dir ? strchr(dir + 1, ' ') : 0;
    int len = (int)strlen(tail);
    if (end && end - (dir + 1) >= len && strncmp(end - len, tail, len) == 0) return 1;
  }
  return 0;
}

static void ns_mnt(void) {
  int to_child[2], to_parent[2], pid;
  char c;
  CHECK(mkdir("m", 0755) == 0);
  CHECK(mkdir("n", 0755) == 0);
  CHECK(pipe(to_child) == 0 && pipe(to_parent) == 0);
  pid = fork();
  if (pid == 0) {
    char link0[64], link1[64];
    close(to_child[1]);
    close(to_parent[0]);
    link_of("/proc/self/ns/mnt", link0, sizeof link0);
    CHECK(unshare(CLONE_NEWNS) == 0);
    link_of("/proc/self/ns/mnt", link1, sizeof link1);
    CHECK(strcmp(link0, link1) != 0);
    CHECK(mount("proc", "m", "proc", 0, 0) == 0);
    CHECK(exists("m/self") && mounted_in("/proc", "/m"));
    CHECK(umount("/proc") == 0);   /* only this namespace's copy */
    CHECK(!exists("/proc/self"));
    CHECK(write(to_parent[1], "1", 1) == 1);
    CHECK(read(to_child[0], &c, 1) == 1);
    CHECK(!exists("n/self") && !mounted_in("m", "/n"));   /* the parent's new mount is not here */
    CHECK(write(to_parent[1], "2", 1) == 1);
    CHECK(read(to_child[0], &c, 1) == 1);
    _exit(0);
  }
  close(to_child[0]);
  close(to_parent[1]);
  CHECK(read(to_parent[0], &c, 1) == 1);
  CHECK(!exists("m/self") && !mounted_in("/proc", "/m"));   /* the child's mount is not here */
  CHECK(exists("/proc/self"));                       /* nor its umount */
  CHECK(mount("proc", "n", "proc", 0, 0) == 0);
  CHECK(write(to_child[1], "x", 1) == 1);
  CHECK(read(to_parent[0], &c, 1) == 1);
  CHECK(write(to_child[1], "x", 1) == 1);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(umount("n") == 0);
  CHECK(rmdir("n") == 0);
  CHECK(rmdir("m") == 0);   /* the namespace and its mount went with the child */
}

static void ns_ipc(void) {
  int outer = msgget(IPC_PRIVATE, 0600), keyed = msgget(0x4e53, IPC_CREAT | 0600), fds[2], pid;
  int sem = semget(0x4e54, 1, IPC_CREAT | 0600);
  char c;
  CHECK(outer >= 0 && keyed >= 0 && sem >= 0);
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    char link0[64], link1[64];
    struct msqid_ds ds;
    int mine;
    link_of("/proc/self/ns/ipc", link0, sizeof link0);
    CHECK(strcmp(link0, "ipc:[4026531839]") == 0);
    CHECK(unshare(CLONE_NEWIPC) == 0);
    link_of("/proc/self/ns/ipc", link1, sizeof link1);
    CHECK(strcmp(link0, link1) != 0);
    CHECK_ERR(msgctl(outer, IPC_STAT, &ds), EINVAL);   /* the outside's ids mean nothing here */
    CHECK_ERR(msgget(0x4e53, 0), ENOENT);              /* nor its keys */
    CHECK_ERR(semget(0x4e54, 1, 0), ENOENT);
    mine = msgget(0x4e55, IPC_CREAT | 0600);
    CHECK(mine >= 0 && mine != outer && mine != keyed);
    CHECK(msgget(0x4e55, 0) == mine);
    CHECK(semget(0x4e54, 1, IPC_CREAT | 0600) >= 0);   /* the same key, another set */
    CHECK(write(fds[1], "x", 1) == 1);
    _exit(0);   /* the namespace and its objects end with it */
  }
  CHECK(read(fds[0], &c, 1) == 1);
  CHECK(ut_wait_status(pid) == 0);
  CHECK_ERR(msgget(0x4e55, 0), ENOENT);   /* the child's queue was never here */
  CHECK(msgget(0x4e53, 0) == keyed);
  CHECK(semget(0x4e54, 1, 0) == sem);
  CHECK(msgctl(outer, IPC_RMID, 0) == 0);
  CHECK(msgctl(keyed, IPC_RMID, 0) == 0);
  CHECK(semctl(sem, 0, IPC_RMID, 0) == 0);
}

static void eperm_body(void) {
  int fd = open("/proc/self/ns/uts", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(setuid(1000) == 0);
  CHECK_ERR(unshare(CLONE_NEWUTS), EPERM);
  CHECK_ERR(unshare(CLONE_NEWPID), EPERM);
  CHECK_ERR(unshare(CLONE_NEWNS), EPERM);
  CHECK_ERR(unshare(CLONE_NEWIPC), EPERM);
  CHECK_ERR(setns(fd, 0), EPERM);
  CHECK_ERR(sethostname("x", 1), EPERM);
  CHECK_ERR(chroot("/"), EPERM);
  CHECK_ERR(unshare(CLONE_NEWNET), EPERM);   /* t_netns.c has the rest */
  CHECK_ERR(unshare(CLONE_NEWUSER), EINVAL);   /* not supported at all */
}

static void ns_eperm(void) {
  CHECK(ut_fork_status(eperm_body) == 0);
}

struct ut_case ut_ns_cases[] = {
  { "ns_chroot", ns_chroot },
  { "ns_uts", ns_uts },
  { "ns_pid1", ns_pid1 },
  { "ns_orphans", ns_orphans },
  { "ns_init_exit", ns_init_exit },
  { "ns_setns", ns_setns },
  { "ns_mnt", ns_mnt },
  { "ns_ipc", ns_ipc },
  { "ns_eperm", ns_eperm },
  { 0, 0 },
};
