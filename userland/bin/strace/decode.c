/* decode.c: showing a system call's arguments and result as Linux's strace
 * does — strings quoted and escaped and cut at 32 bytes, flags by name
 * (open, mmap, clone, wait, signals, access, lseek, fcntl, ioctl), and the
 * structs of the common calls (stat, sigaction, timespec, pollfd, wait
 * status). The generic kind of each argument comes from the generated
 * table (table.gen.c); the calls whose flags need names are recognised
 * here by name. Input arguments are rendered at the entry stop (an exec
 * replaces the memory they point into), outputs at the exit stop and only
 * when the call succeeded. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include "strace.h"

struct flag {
  unsigned value;
  const char *name;
};

static const struct flag open_flags[] = {
  {O_CREAT, "O_CREAT"}, {O_EXCL, "O_EXCL"}, {O_NOCTTY, "O_NOCTTY"}, {O_TRUNC, "O_TRUNC"},
  {O_APPEND, "O_APPEND"}, {O_NONBLOCK, "O_NONBLOCK"}, {0100000, "O_LARGEFILE"}, {O_DIRECTORY, "O_DIRECTORY"},
  {O_NOFOLLOW, "O_NOFOLLOW"}, {O_CLOEXEC, "O_CLOEXEC"}, {0, 0},
};
static const struct flag prot_flags[] = {{1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {0, 0}};
static const struct flag map_flags[] = {
  {0x01, "MAP_SHARED"}, {0x02, "MAP_PRIVATE"}, {0x10, "MAP_FIXED"}, {0x20, "MAP_ANONYMOUS"},
  {0x100, "MAP_GROWSDOWN"}, {0x4000, "MAP_NORESERVE"}, {0x8000, "MAP_POPULATE"}, {0, 0},
};
static const struct flag clone_flags[] = {
  {0x100, "CLONE_VM"}, {0x200, "CLONE_FS"}, {0x400, "CLONE_FILES"}, {0x800, "CLONE_SIGHAND"},
  {0x4000, "CLONE_VFORK"}, {0x8000, "CLONE_PARENT"}, {0x10000, "CLONE_THREAD"}, {0x40000, "CLONE_SYSVSEM"},
  {0x80000, "CLONE_SETTLS"}, {0x100000, "CLONE_PARENT_SETTID"}, {0x200000, "CLONE_CHILD_CLEARTID"},
  {0x400000, "CLONE_DETACHED"}, {0x1000000, "CLONE_CHILD_SETTID"}, {0, 0},
};
static const struct flag wait_flags[] = {
  {WNOHANG, "WNOHANG"}, {WUNTRACED, "WSTOPPED"}, {WCONTINUED, "WCONTINUED"}, {0x20000000, "__WNOTHREAD"},
  {0x40000000, "__WALL"}, {0x80000000, "__WCLONE"}, {0, 0},
};
static const struct flag access_flags[] = {{4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"}, {0, 0}};
static const struct flag sa_flags[] = {
  {SA_NOCLDSTOP, "SA_NOCLDSTOP"}, {2, "SA_NOCLDWAIT"}, {4, "SA_SIGINFO"}, {0x04000000, "SA_RESTORER"},
  {SA_ONSTACK, "SA_ONSTACK"}, {SA_RESTART, "SA_RESTART"}, {SA_NODEFER, "SA_NODEFER"}, {SA_RESETHAND, "SA_RESETHAND"},
  {0, 0},
};
static const struct flag at_flags[] = {
  {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"}, {0x400, "AT_SYMLINK_FOLLOW"}, {0x1000, "AT_EMPTY_PATH"},
  {0, 0},
};
static const struct flag poll_flags[] = {
  {POLLIN, "POLLIN"}, {POLLPRI, "POLLPRI"}, {POLLOUT, "POLLOUT"}, {POLLERR, "POLLERR"}, {POLLHUP, "POLLHUP"},
  {POLLNVAL, "POLLNVAL"}, {POLLRDNORM, "POLLRDNORM"}, {POLLRDBAND, "POLLRDBAND"}, {POLLWRNORM, "POLLWRNORM"},
  {POLLWRBAND, "POLLWRBAND"}, {0, 0},
};
static const struct flag ioctl_names[] = {
  {0x5401, "TCGETS"}, {0x5402, "TCSETS"}, {0x5403, "TCSETSW"}, {0x5404, "TCSETSF"}, {0x540B, "TCFLSH"},
  {0x540E, "TIOCSCTTY"}, {0x540F, "TIOCGPGRP"}, {0x5410, "TIOCSPGRP"}, {0x5413, "TIOCGWINSZ"},
  {0x5414, "TIOCSWINSZ"}, {0x541B, "FIONREAD"}, {0x5421, "FIONBIO"}, {0x5422, "TIOCNOTTY"}, {0, 0},
};
static const struct flag fcntl_cmds[] = {
  {0, "F_DUPFD"}, {1, "F_GETFD"}, {2, "F_SETFD"}, {3, "F_GETFL"}, {4, "F_SETFL"}, {5, "F_GETLK"},
  {6, "F_SETLK"}, {7, "F_SETLKW"}, {1030, "F_DUPFD_CLOEXEC"}, {0, 0},
};
static const struct flag whence_names[] = {{0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"}, {0, 0}};
static const struct flag how_names[] = {{0, "SIG_BLOCK"}, {1, "SIG_UNBLOCK"}, {2, "SIG_SETMASK"}, {0, 0}};
static const struct flag clock_names[] = {{0, "CLOCK_REALTIME"}, {1, "CLOCK_MONOTONIC"}, {0, 0}};

static const char *signames[32] = {
  0, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
  "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
  "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
  "SIGSYS",
};

void sb_init(struct sb *b, char *buf, int cap) {
  b->buf = buf;
  b->len = 0;
  b->cap = cap;
  buf[0] = 0;
}

void sbf(struct sb *b, const char *fmt, ...) {
  va_list ap;
  int room = b->cap - b->len;
  int n;
  if (room <= 1)
    return;
  va_start(ap, fmt);
  n = vsnprintf(b->buf + b->len, room, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  b->len += n < room ? n : room - 1;
}

const char *signal_name(int sig) {
  if (sig >= 1 && sig < 32)
    return signames[sig];
  return 0;
}

const char *sc_name(int nr) {
  if (nr >= 0 && nr < sc_count && sc_table[nr].name)
    return sc_table[nr].name;
  return 0;
}

static int is(int nr, const char *name) {
  const char *n = sc_name(nr);
  return n && strcmp(n, name) == 0;
}

int read_mem(int pid, unsigned addr, void *buf, int n) {
  unsigned char *p = (unsigned char *)buf;
  int done = 0;
  while (done < n) {
    unsigned base = (addr + done) & ~3u;
    int skip = (int)((addr + done) - base);
    long w;
    int k;
    errno = 0;
    w = ptrace(PTRACE_PEEKDATA, pid, (void *)base, 0);
    if (errno != 0)
      return done;
    for (k = skip; k < 4 && done < n; k++)
      p[done++] = (unsigned char)((unsigned)w >> (8 * k));
  }
  return done;
}

static void render_flags(struct sb *b, const struct flag *f, unsigned v, const char *zero) {
  int any = 0;
  if (v == 0) {
    sbf(b, "%s", zero);
    return;
  }
  for (; f->name; f++) {
    if (f->value && (v & f->value) == f->value) {
      sbf(b, "%s%s", any ? "|" : "", f->name);
      v &= ~f->value;
      any = 1;
    }
  }
  if (v)
    sbf(b, "%s%#x", any ? "|" : "", v);
}

static void render_enum(struct sb *b, const struct flag *f, unsigned v, int as_int) {
  for (; f->name; f++) {
    if (f->value == v) {
      sbf(b, "%s", f->name);
      return;
    }
  }
  if (as_int)
    sbf(b, "%d", (int)v);
  else
    sbf(b, "%#x", v);
}

static void render_ptr(struct sb *b, unsigned v) {
  if (v == 0)
    sbf(b, "NULL");
  else
    sbf(b, "%#x", v);
}

/* The bytes quoted as strace writes them: \t \n \v \f \r \" \\ and octal for
 * the other non-printing bytes (three digits when a digit follows). */
static void render_quoted(struct sb *b, const unsigned char *s, int len, int cut) {
  int i;
  sbf(b, "\"");
  for (i = 0; i < len; i++) {
    unsigned c = s[i];
    if (c == '"' || c == '\\')
      sbf(b, "\\%c", c);
    else if (c == '\n')
      sbf(b, "\\n");
    else if (c == '\t')
      sbf(b, "\\t");
    else if (c == '\r')
      sbf(b, "\\r");
    else if (c == '\v')
      sbf(b, "\\v");
    else if (c == '\f')
      sbf(b, "\\f");
    else if (c >= 32 && c < 127)
      sbf(b, "%c", c);
    else if (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7')
      sbf(b, "\\%03o", c);
    else
      sbf(b, "\\%o", c);
  }
  sbf(b, "\"%s", cut ? "..." : "");
}

/* A NUL-terminated string in the tracee. */
static void render_string(struct sb *b, int pid, unsigned addr) {
  unsigned char buf[STRACE_STRLEN + 1];
  int n, len;
  if (addr == 0) {
    sbf(b, "NULL");
    return;
  }
  n = read_mem(pid, addr, buf, STRACE_STRLEN + 1);
  if (n == 0) {
    sbf(b, "%#x", addr);
    return;
  }
  for (len = 0; len < n && buf[len]; len++)
    ;
  render_quoted(b, buf, len > STRACE_STRLEN ? STRACE_STRLEN : len, len > STRACE_STRLEN);
}

/* count bytes at addr; cut after STRACE_STRLEN. */
static void render_buffer(struct sb *b, int pid, unsigned addr, int count) {
  unsigned char buf[STRACE_STRLEN];
  int want = count < STRACE_STRLEN ? count : STRACE_STRLEN;
  int n;
  if (count < 0)
    count = 0;
  n = read_mem(pid, addr, buf, want < 0 ? 0 : want);
  if (n < want) {
    render_ptr(b, addr);
    return;
  }
  render_quoted(b, buf, want, count > STRACE_STRLEN);
}

static void render_argv(struct sb *b, int pid, unsigned addr) {
  unsigned p;
  int i;
  if (addr == 0) {
    sbf(b, "NULL");
    return;
  }
  sbf(b, "[");
  for (i = 0;; i++) {
    if (read_mem(pid, addr + 4 * i, &p, 4) != 4 || p == 0)
      break;
    if (i == 8) {
      sbf(b, ", ...");
      break;
    }
    if (i)
      sbf(b, ", ");
    render_string(b, pid, p);
  }
  sbf(b, "]");
}

static void render_envp(struct sb *b, int pid, unsigned addr) {
  unsigned p;
  int n = 0;
  render_ptr(b, addr);
  if (addr == 0)
    return;
  while (n < 1000 && read_mem(pid, addr + 4 * n, &p, 4) == 4 && p != 0)
    n++;
  sbf(b, " /* %d var%s */", n, n == 1 ? "" : "s");
}

static void render_sigset(struct sb *b, unsigned set) {
  int sig, any = 0;
  sbf(b, "[");
  for (sig = 1; sig < 32; sig++) {
    if (set & (1u << (sig - 1))) {
      sbf(b, "%s%s", any ? " " : "", signames[sig] + 3);
      any = 1;
    }
  }
  sbf(b, "]");
}

static void render_signal(struct sb *b, unsigned sig) {
  if (sig >= 1 && sig < 32)
    sbf(b, "%s", signames[sig]);
  else
    sbf(b, "%d", (int)sig);
}

/* struct k_sigaction: handler, flags, restorer, mask. */
static void render_sigaction(struct sb *b, int pid, unsigned addr) {
  unsigned sa[4];
  if (addr == 0) {
    sbf(b, "NULL");
    return;
  }
  if (read_mem(pid, addr, sa, 16) != 16) {
    render_ptr(b, addr);
    return;
  }
  sbf(b, "{sa_handler=");
  if (sa[0] == 0)
    sbf(b, "SIG_DFL");
  else if (sa[0] == 1)
    sbf(b, "SIG_IGN");
  else
    sbf(b, "%#x", sa[0]);
  sbf(b, ", sa_mask=");
  render_sigset(b, sa[3]);
  sbf(b, ", sa_flags=");
  render_flags(b, sa_flags, sa[1], "0");
  if (sa[1] & 0x04000000)
    sbf(b, ", sa_restorer=%#x", sa[2]);
  sbf(b, "}");
}

static void render_sigset_at(struct sb *b, int pid, unsigned addr) {
  unsigned set;
  if (addr == 0)
    sbf(b, "NULL");
  else if (read_mem(pid, addr, &set, 4) != 4)
    render_ptr(b, addr);
  else
    render_sigset(b, set);
}

static void render_timespec(struct sb *b, int pid, unsigned addr) {
  unsigned ts[2];
  if (addr == 0)
    sbf(b, "NULL");
  else if (read_mem(pid, addr, ts, 8) != 8)
    render_ptr(b, addr);
  else
    sbf(b, "{tv_sec=%d, tv_nsec=%d}", (int)ts[0], (int)ts[1]);
}

static void render_mode_type(struct sb *b, unsigned mode) {
  const char *t = "";
  switch (mode & 0170000) {
    case 0140000: t = "S_IFSOCK|"; break;
    case 0120000: t = "S_IFLNK|"; break;
    case 0100000: t = "S_IFREG|"; break;
    case 0060000: t = "S_IFBLK|"; break;
    case 0040000: t = "S_IFDIR|"; break;
    case 0020000: t = "S_IFCHR|"; break;
    case 0010000: t = "S_IFIFO|"; break;
  }
  sbf(b, "%s%04o", t, mode & 07777);
}

/* stat64 (96 bytes: st_mode at 16, st_rdev at 32, st_size at 44) or the
 * old struct stat (st_mode at 8, st_rdev at 16, st_size at 20). */
static void render_stat(struct sb *b, int pid, unsigned addr, int is64) {
  unsigned char st[96];
  unsigned mode, size, rdev;
  int n = is64 ? 96 : 64;
  if (read_mem(pid, addr, st, n) != n) {
    render_ptr(b, addr);
    return;
  }
  if (is64) {
    memcpy(&mode, st + 16, 4);
    memcpy(&rdev, st + 32, 4);
    memcpy(&size, st + 44, 4);
  } else {
    mode = st[8] | st[9] << 8;
    memcpy(&rdev, st + 16, 4);
    memcpy(&size, st + 20, 4);
  }
  sbf(b, "{st_mode=");
  render_mode_type(b, mode);
  if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000)
    sbf(b, ", st_rdev=makedev(%#x, %#x), ...}", (rdev >> 8) & 0xfff, (rdev & 0xff) | ((rdev >> 12) & 0xfff00));
  else
    sbf(b, ", st_size=%u, ...}", size);
}

static void render_pollfds(struct sb *b, int pid, unsigned addr, int n, int revents, int ret) {
  int i, shown = 0;
  sbf(b, "[");
  for (i = 0; i < n && i < 16; i++) {
    struct pollfd p;
    if (read_mem(pid, addr + 8 * i, &p, 8) != 8)
      break;
    if (revents) {
      if (p.revents == 0)
        continue;
      sbf(b, "%s{fd=%d, revents=", shown ? ", " : "", p.fd);
      render_flags(b, poll_flags, (unsigned short)p.revents, "0");
    } else {
      sbf(b, "%s{fd=%d, events=", shown ? ", " : "", p.fd);
      render_flags(b, poll_flags, (unsigned short)p.events, "0");
    }
    sbf(b, "}");
    shown++;
  }
  sbf(b, "]");
  (void)ret;
}

void render_wait_status(struct sb *b, int st) {
  sbf(b, "[{");
  if (WIFEXITED(st))
    sbf(b, "WIFEXITED(s) && WEXITSTATUS(s) == %d", WEXITSTATUS(st));
  else if (WIFSTOPPED(st))
    sbf(b, "WIFSTOPPED(s) && WSTOPSIG(s) == %s", signal_name(WSTOPSIG(st) & 0x7f) ? signal_name(WSTOPSIG(st) & 0x7f) : "?");
  else if (st == 0xffff)
    sbf(b, "WIFCONTINUED(s)");
  else
    sbf(b, "WIFSIGNALED(s) && WTERMSIG(s) == %s%s", signal_name(WTERMSIG(st)) ? signal_name(WTERMSIG(st)) : "?",
        WCOREDUMP(st) ? " && WCOREDUMP(s)" : "");
  sbf(b, "}]");
}

/* Which arguments are filled by the call (shown at the exit stop). */
int is_output_arg(int nr, int i) {
  int k = sc_table[nr].kind[i];
  if (k == K_BUF_OUT || k == K_STAT_OUT || k == K_WSTATUS_OUT || k == K_FDPAIR_OUT)
    return !(is(nr, "getdents64") || is(nr, "getdents"));
  if ((is(nr, "rt_sigaction") || is(nr, "rt_sigprocmask") || is(nr, "sigaltstack")) && i == 2 - is(nr, "sigaltstack"))
    return 1;
  if ((is(nr, "clock_gettime") || is(nr, "gettimeofday")) && i == 1 - is(nr, "gettimeofday"))
    return 1;
  if (is(nr, "nanosleep") && i == 1)
    return 1;
  if (is(nr, "_llseek") && i == 3)
    return 1;
  return 0;
}

/* How many arguments strace shows: open's mode only with O_CREAT. */
int shown_args(int nr, const unsigned *args) {
  if (is(nr, "open") && !(args[1] & O_CREAT))
    return 2;
  if (is(nr, "openat") && !(args[2] & O_CREAT))
    return 3;
  return sc_table[nr].nargs;
}

/* An input argument, rendered at the entry stop. */
static void render_input_arg(struct sb *b, struct tcb *t, int i) {
  int nr = t->nr;
  unsigned v = t->args[i];
  int k = sc_table[nr].kind[i];
  if ((is(nr, "open") && i == 1) || (is(nr, "openat") && i == 2)) {
    static const char *acc[4] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    sbf(b, "%s", acc[v & 3]);
    if (v & ~3u) {
      sbf(b, "|");
      render_flags(b, open_flags, v & ~3u, "0");
    }
    return;
  }
  if ((is(nr, "open") && i == 2) || (is(nr, "openat") && i == 3) || (is(nr, "mkdir") && i == 1) ||
      (is(nr, "mkdirat") && i == 2) || (is(nr, "chmod") && i == 1) || (is(nr, "fchmod") && i == 1) ||
      (is(nr, "creat") && i == 1) || (is(nr, "umask") && i == 0)) {
    sbf(b, "%#o", v);
    return;
  }
  if (k == K_FD && (int)v == -100) {
    sbf(b, "AT_FDCWD");
    return;
  }
  if ((is(nr, "access") && i == 1) || (is(nr, "faccessat") && i == 2)) {
    render_flags(b, access_flags, v, "F_OK");
    return;
  }
  if ((is(nr, "mmap2") || is(nr, "mprotect")) && i == 2) {
    render_flags(b, prot_flags, v, "PROT_NONE");
    return;
  }
  if (is(nr, "mmap2") && i == 3) {
    render_flags(b, map_flags, v, "0");
    return;
  }
  if (is(nr, "mmap2") && i == 5) {
    sbf(b, "%#x", v * 4096);
    return;
  }
  if (is(nr, "clone") && i == 0) {
    render_flags(b, clone_flags, v & ~0xffu, "");
    if (v & 0xff) {
      if (v & ~0xffu)
        sbf(b, "|");
      render_signal(b, v & 0xff);
    }
    return;
  }
  if ((is(nr, "wait4") && i == 2) || (is(nr, "waitpid") && i == 2)) {
    render_flags(b, wait_flags, v, "0");
    return;
  }
  if ((is(nr, "tkill") && i == 1) || (is(nr, "tgkill") && i == 2) || (is(nr, "rt_sigaction") && i == 0)) {
    render_signal(b, v);
    return;
  }
  if (is(nr, "rt_sigaction") && i == 1) {
    render_sigaction(b, t->pid, v);
    return;
  }
  if (is(nr, "rt_sigprocmask") && i == 0) {
    render_enum(b, how_names, v, 1);
    return;
  }
  if (is(nr, "rt_sigprocmask") && i == 1) {
    render_sigset_at(b, t->pid, v);
    return;
  }
  if (is(nr, "ioctl") && i == 1) {
    render_enum(b, ioctl_names, v, 0);
    return;
  }
  if ((is(nr, "fcntl64") || is(nr, "fcntl")) && i == 1) {
    render_enum(b, fcntl_cmds, v, 1);
    return;
  }
  if ((is(nr, "lseek") && i == 2) || (is(nr, "_llseek") && i == 4)) {
    render_enum(b, whence_names, v, 1);
    return;
  }
  if (is(nr, "clock_gettime") && i == 0) {
    render_enum(b, clock_names, v, 1);
    return;
  }
  if ((is(nr, "fstatat64") && i == 3) || (is(nr, "unlinkat") && i == 2)) {
    render_flags(b, at_flags, v, "0");
    return;
  }
  if (is(nr, "execve") && i == 2) {
    render_envp(b, t->pid, v);
    return;
  }
  switch (k) {
    case K_STR: render_string(b, t->pid, v); return;
    case K_ARGV: render_argv(b, t->pid, v); return;
    case K_BUF_IN: render_buffer(b, t->pid, v, (int)t->args[i + 1]); return;
    case K_TIMESPEC: render_timespec(b, t->pid, v); return;
    case K_POLLFD: render_pollfds(b, t->pid, v, (int)t->args[i + 1], 0, 0); return;
    case K_SIGNAL: render_signal(b, v); return;
    case K_PTR:
    case K_BUF_OUT:
    case K_STAT_OUT:
    case K_WSTATUS_OUT:
    case K_FDPAIR_OUT: render_ptr(b, v); return;
    case K_UINT: sbf(b, "%u", v); return;
  }
  sbf(b, "%d", (int)v);
}

void decode_at_entry(struct tcb *t) {
  int i;
  for (i = 0; i < 6; i++) {
    struct sb b;
    sb_init(&b, t->text[i], STRACE_ARG_TEXT);
    if (i < sc_table[t->nr].nargs && !is_output_arg(t->nr, i))
      render_input_arg(&b, t, i);
  }
}

/* An output argument at the exit stop: what the call stored, or the
 * address when it failed. */
void render_output_arg(struct sb *b, struct tcb *t, int i, int ret) {
  int nr = t->nr;
  unsigned v = t->args[i];
  int k = sc_table[nr].kind[i];
  if (ret < 0 || v == 0) {
    render_ptr(b, v);
    return;
  }
  if (is(nr, "rt_sigaction")) {
    render_sigaction(b, t->pid, v);
    return;
  }
  if (is(nr, "rt_sigprocmask")) {
    render_sigset_at(b, t->pid, v);
    return;
  }
  if (is(nr, "clock_gettime") || is(nr, "nanosleep")) {
    render_timespec(b, t->pid, v);
    return;
  }
  if (is(nr, "_llseek")) {
    unsigned pos[2];
    if (read_mem(t->pid, v, pos, 8) == 8)
      sbf(b, "[%u]", pos[0]);
    else
      render_ptr(b, v);
    return;
  }
  switch (k) {
    case K_BUF_OUT:
      render_buffer(b, t->pid, v, ret);
      return;
    case K_STAT_OUT:
      render_stat(b, t->pid, v, strstr(sc_table[nr].name, "64") != 0);
      return;
    case K_WSTATUS_OUT: {
      int st;
      if (ret == 0 || read_mem(t->pid, v, &st, 4) != 4)
        render_ptr(b, v);
      else
        render_wait_status(b, st);
      return;
    }
    case K_FDPAIR_OUT: {
      int fds[2];
      if (read_mem(t->pid, v, fds, 8) != 8)
        render_ptr(b, v);
      else
        sbf(b, "[%d, %d]", fds[0], fds[1]);
      return;
    }
  }
  render_ptr(b, v);
}

static const char *restart_text(int e, const char **name) {
  switch (e) {
    case 512: *name = "ERESTARTSYS"; return "To be restarted if SA_RESTART is set";
    case 513: *name = "ERESTARTNOINTR"; return "To be restarted";
    case 514: *name = "ERESTARTNOHAND"; return "To be restarted if no handler";
    case 516: *name = "ERESTART_RESTARTBLOCK"; return "Interrupted by signal";
  }
  return 0;
}

void render_return(struct sb *b, struct tcb *t, int ret) {
  int nr = t->nr;
  const char *name = 0;
  if (ret < 0 && ret > -4096) {
    const char *text = restart_text(-ret, &name);
    if (text) {
      sbf(b, "= ? %s (%s)", name, text);
      return;
    }
    if (-ret < errno_name_count && errno_names[-ret])
      sbf(b, "= -1 %s (%s)", errno_names[-ret], strerror(-ret));
    else
      sbf(b, "= -1 E??? (%s)", strerror(-ret));
    return;
  }
  if (is(nr, "mmap2") || is(nr, "brk") || is(nr, "mremap"))
    sbf(b, "= %#x", (unsigned)ret);
  else
    sbf(b, "= %d", ret);
  if (is(nr, "poll") && ret > 0) {
    sbf(b, " (");
    render_pollfds(b, t->pid, t->args[0], (int)t->args[1], 1, ret);
    sbf(b, ")");
  }
}

void render_signal_stop(struct sb *b, int sig, int code) {
  const char *n = signal_name(sig);
  sbf(b, "--- %s {si_signo=%s, si_code=%s} ---", n ? n : "?", n ? n : "?", code == 0x80 ? "SI_KERNEL" : "SI_USER");
}
