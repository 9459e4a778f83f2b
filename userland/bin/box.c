/* box: a small container runner — processes with their own namespaces, a
 * cgroup and another root directory (issue 13).
 *
 *   box mkroot DIR
 *       fills DIR with a root to run: copies of the basic /bin programs
 *       (busybox-like: each a copy of the real one), /etc/passwd, group,
 *       hostname and profile, the device nodes null, zero, full, tty and
 *       console (mknod), and empty /proc, /tmp (1777), /dev, /root.
 *   box run [--mem SIZE] [--pids N] [--cpu PCT] [--hostname NAME] [--share-net] ROOTDIR CMD...
 *       runs CMD in new pid, mount, UTS, IPC and network namespaces (a
 *       kernel without IPC or network namespaces: without those), chrooted into
 *       ROOTDIR with a proc of its own mounted on /proc, as pid 1 of its
 *       namespace (so `echo $$` prints 1 and ps lists only the box), with
 *       the host name NAME (default "box"), and a network of its own:
 *       only lo, brought up (127.0.0.1 is the box's alone; the host's
 *       servers and interfaces are out of sight). --share-net keeps the
 *       host's network instead. With limits, box makes the
 *       cgroup /sys/fs/cgroup/box.PID (cgroup v2: memory.max, pids.max,
 *       cpu.max = "PCT*1000 100000"), joins it so the box starts inside,
 *       and removes it afterwards; when the machine has no cgroup2 at
 *       /sys/fs/cgroup it says so in one line and runs without limits.
 *       Exits with CMD's status (128 + N when killed by signal N).
 * Root only (namespaces, chroot and mount are root's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <dirent.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define CGROOT "/sys/fs/cgroup"

/* What mkroot copies from /bin: enough for a shell and a look around. */
static const char *const programs[] = {
  "sh", "ls", "ps", "cat", "echo", "hostname", "uname", "mount", "umount", "sleep", "kill", "pwd",
  "mkdir", "rm", "cp", "mv", "true", "false", "id", "env", "pstree", "grep", "wc", "head", "free",
  "memhog", "stat", "readlink", "touch", "ln", "test", "printf", "dmesg", "ifconfig", "netstat", "nc", 0,
};
static const char *const etc_files[] = { "passwd", "group", "hostname", "profile", 0 };

static void usage(void) {
  fprintf(stderr, "usage: box mkroot DIR\n"
                  "       box run [--mem SIZE] [--pids N] [--cpu PCT] [--hostname NAME] [--share-net] ROOTDIR CMD...\n");
  exit(2);
}

static void die(const char *what, const char *path) {
  fprintf(stderr, "box: %s %s: %s\n", what, path, strerror(errno));
  exit(1);
}

static int copy_file(const char *from, const char *to) {
  static char buf[8192];
  struct stat st;
  int in, out, n = 0;
  if (stat(from, &st) != 0 || (in = open(from, O_RDONLY)) < 0) return -1;
  out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (out < 0) {
    close(in);
    return -1;
  }
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, n) != n) {
      n = -1;
      break;
    }
  }
  close(in);
  if (close(out) != 0 || n < 0) return -1;
  return chmod(to, st.st_mode & 07777);
}

static void make_dir(const char *dir, const char *sub, int mode) {
  char path[512];
  snprintf(path, sizeof path, "%s%s", dir, sub);
  if (mkdir(path, mode) != 0 && errno != EEXIST) die("cannot make", path);
  if (chmod(path, mode) != 0) die("cannot chmod", path);
}

static int mkroot(const char *dir) {
  static const struct { const char *name; int major, minor, mode; } devs[] = {
    { "null", 1, 3, 0666 }, { "zero", 1, 5, 0666 }, { "full", 1, 7, 0666 },
    { "tty", 5, 0, 0666 },  { "console", 5, 1, 0600 },
  };
  char from[512], to[512];
  int i, copied = 0;
  make_dir(dir, "", 0755);
  make_dir(dir, "/bin", 0755);
  make_dir(dir, "/etc", 0755);
  make_dir(dir, "/dev", 0755);
  make_dir(dir, "/proc", 0555);
  make_dir(dir, "/tmp", 01777);
  make_dir(dir, "/root", 0700);
  for (i = 0; programs[i]; i++) {
    snprintf(from, sizeof from, "/bin/%s", programs[i]);
    snprintf(to, sizeof to, "%s/bin/%s", dir, programs[i]);
    if (access(from, X_OK) != 0) continue;   /* a program this disk lacks */
    if (copy_file(from, to) != 0) die("cannot copy", from);
    copied++;
  }
  for (i = 0; etc_files[i]; i++) {
    snprintf(from, sizeof from, "/etc/%s", etc_files[i]);
    snprintf(to, sizeof to, "%s/etc/%s", dir, etc_files[i]);
    if (access(from, R_OK) == 0 && copy_file(from, to) != 0) die("cannot copy", from);
  }
  for (i = 0; i < (int)(sizeof devs / sizeof devs[0]); i++) {
    snprintf(to, sizeof to, "%s/dev/%s", dir, devs[i].name);
    unlink(to);
    if (mknod(to, S_IFCHR | devs[i].mode, makedev(devs[i].major, devs[i].minor)) != 0) die("cannot make", to);
  }
  printf("box: %s: %d programs, /etc, /dev, /proc, /tmp\n", dir, copied);
  return 0;
}

/* "8M", "512k", "1G", "max" or bytes, as cgroup files take them ("max" stays). */
static int size_arg(const char *s, char *out, int size) {
  char *end;
  unsigned long v;
  if (strcmp(s, "max") == 0) {
    snprintf(out, size, "max");
    return 0;
  }
  v = strtoul(s, &end, 10);
  if (end == s) return -1;
  if (*end == 'k' || *end == 'K') v *= 1024, end++;
  else if (*end == 'm' || *end == 'M') v *= 1024 * 1024, end++;
  else if (*end == 'g' || *end == 'G') v *= 1024 * 1024 * 1024, end++;
  if (*end) return -1;
  snprintf(out, size, "%lu", v);
  return 0;
}

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY);
  int n;
  if (fd < 0) return -1;
  n = write(fd, text, strlen(text));
  close(fd);
  return n == (int)strlen(text) ? 0 : -1;
}

/* Makes the box's cgroup with its limits and moves box into it; 1 when
 * it exists, 0 when there is no cgroup2 (said in one line). */
static int enter_cgroup(char *group, int size, const char *mem, const char *pids, const char *cpu) {
  char path[160], self[16];
  struct stat st;
  if (stat(CGROOT "/cgroup.procs", &st) != 0) {
    printf("box: no cgroup2 at " CGROOT "; running without limits\n");
    fflush(stdout);
    return 0;
  }
  snprintf(group, size, CGROOT "/box.%d", getpid());
  if (mkdir(group, 0755) != 0) die("cannot make", group);
  if (mem) {
    snprintf(path, sizeof path, "%s/memory.max", group);
    if (write_file(path, mem) != 0) die("cannot write", path);
  }
  if (pids) {
    snprintf(path, sizeof path, "%s/pids.max", group);
    if (write_file(path, pids) != 0) die("cannot write", path);
  }
  if (cpu) {
    snprintf(path, sizeof path, "%s/cpu.max", group);
    if (write_file(path, cpu) != 0) die("cannot write", path);
  }
  snprintf(path, sizeof path, "%s/cgroup.procs", group);
  snprintf(self, sizeof self, "%d", getpid());
  if (write_file(path, self) != 0) die("cannot write", path);
  return 1;
}

static void leave_cgroup(const char *group) {
  char self[16];
  snprintf(self, sizeof self, "%d", getpid());
  write_file(CGROOT "/cgroup.procs", self);
  if (rmdir(group) != 0) fprintf(stderr, "box: cannot remove %s: %s\n", group, strerror(errno));
}

/* The box's own lo up, as container runners do (a new one starts down);
 * quietly nothing when the kernel gave no network namespace. */
static void lo_up(void) {
  struct ifreq r;
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0) return;
  memset(&r, 0, sizeof r);
  strcpy(r.ifr_name, "lo");
  if (ioctl(s, SIOCGIFFLAGS, &r) == 0 && !(r.ifr_flags & IFF_UP)) {
    r.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &r) != 0) fprintf(stderr, "box: cannot bring lo up: %s\n", strerror(errno));
  }
  close(s);
}

static int run(int argc, char **argv) {
  const char *mem = 0, *pids = 0, *cpu = 0, *name = "box", *root;
  char mem_text[32], cpu_text[32], group[96];
  int i, pid, st, grouped = 0, flags, share_net = 0;
  for (i = 2; i < argc && argv[i][0] == '-'; i += 2) {
    if (strcmp(argv[i], "--share-net") == 0) {
      share_net = 1;
      i--;
      continue;
    }
    if (i + 1 >= argc) usage();
    if (strcmp(argv[i], "--mem") == 0) {
      if (size_arg(argv[i + 1], mem_text, sizeof mem_text) != 0) usage();
      mem = mem_text;
    } else if (strcmp(argv[i], "--pids") == 0) pids = argv[i + 1];
    else if (strcmp(argv[i], "--cpu") == 0) {
      int pct = atoi(argv[i + 1]);
      if (pct <= 0 || pct > 100) usage();
      snprintf(cpu_text, sizeof cpu_text, "%d 100000", pct * 1000);
      cpu = cpu_text;
    } else if (strcmp(argv[i], "--hostname") == 0) name = argv[i + 1];
    else usage();
  }
  if (argc - i < 2) usage();
  root = argv[i];
  if (access(root, X_OK) != 0) die("cannot use", root);
  if (mem || pids || cpu) grouped = enter_cgroup(group, sizeof group, mem, pids, cpu);
  flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | (share_net ? 0 : CLONE_NEWNET);
  if (unshare(flags) != 0 && (errno != EINVAL || unshare(flags & ~(CLONE_NEWIPC | CLONE_NEWNET)) != 0)) {
    fprintf(stderr, "box: unshare: %s\n", strerror(errno));
    return 1;
  }
  pid = fork();
  if (pid < 0) die("cannot fork", "");
  if (pid == 0) {   /* pid 1 of the box */
    char proc[512];
    if (sethostname(name, strlen(name)) != 0) die("cannot set host name", name);
    if (!share_net) lo_up();
    snprintf(proc, sizeof proc, "%s/proc", root);
    if (chroot(root) != 0) die("cannot chroot to", root);
    if (chdir("/") != 0) die("cannot chdir to", "/");
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) != 0) die("cannot mount", proc);
    execvp(argv[i + 1], argv + i + 1);
    fprintf(stderr, "box: cannot run %s: %s\n", argv[i + 1], strerror(errno));
    _exit(127);
  }
  signal(SIGINT, SIG_IGN);    /* ^C is the box's */
  signal(SIGQUIT, SIG_IGN);
  while (waitpid(pid, &st, 0) < 0) {
    if (errno != EINTR) {
      st = 1 << 8;
      break;
    }
  }
  if (grouped) leave_cgroup(group);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  return WEXITSTATUS(st);
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "mkroot") == 0) return mkroot(argv[2]);
  if (argc >= 2 && strcmp(argv[1], "run") == 0) return run(argc, argv);
  usage();
  return 2;
}
