/* syslogd: the system log daemon, with klogd's job done by a child.
 *
 *   syslogd [-n] [-v] [-s KIB] [-f FILE]
 *
 * Owns /dev/log, an AF_UNIX datagram socket (log_open and log_client
 * are the functions that know the transport), and the log file (default
 * /var/log/messages). Each datagram (or each line of one) a client
 * sends, "<PRI>Mmm dd hh:mm:ss tag[pid]: msg" (RFC 3164; the timestamp
 * may be missing, then the daemon's own time is used), becomes
 * "Mmm dd hh:mm:ss hako tag[pid]: msg" in the file; with -v the line starts with "<facility.level> " so the
 * priority is kept. When the file reaches -s KiB (default 64) it is
 * rotated: messages.2 -> messages.3, messages.1 -> .2, messages -> .1.
 *
 * klogd: a child blocks in syslog(2) READ (action 2) and writes each
 * kernel record "<L>[ uptime] text" to /dev/log as "<L>kernel: [ uptime]
 * text" (facility kern). Both set oom_score_adj -1000 (the OOM killer
 * never picks the log). Without -n the daemon goes to the background
 * (init starts it at boot; it ends with the machine) and writes its pid to
 * /var/run/syslogd.pid. SIGTERM ends the daemon and its klogd (so another
 * syslogd, with other options, can take over: `kill $(cat
 * /var/run/syslogd.pid)`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include "ulib.h"
#include "u_time.h"

int __sys_syslog(int type, char *buf, int len);

#define LINE_MAX_LEN 1024

static const char *log_path = "/var/log/messages";
static long rotate_bytes = 64 * 1024;
static int verbose;
static char host[65] = "hako";
static int out_fd = -1;
static long out_size;

static const char *const facility_names[24] = {
  "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
  "12", "13", "14", "15", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
};
static const char *const level_names[8] = { "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug" };

static void log_address(struct sockaddr_un *a) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  strcpy(a->sun_path, "/dev/log");
}

/* The transport: a datagram socket bound to /dev/log (a stale name from an
 * earlier run is removed first). */
static int log_open(void) {
  struct sockaddr_un a;
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (fd < 0)
    return -1;
  log_address(&a);
  unlink("/dev/log");
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    close(fd);
    return -1;
  }
  chmod("/dev/log", 0666);   /* every user may log, whatever the umask */
  return fd;
}

/* A client end connected to /dev/log (klogd's). */
static int log_client(void) {
  struct sockaddr_un a;
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (fd < 0)
    return -1;
  log_address(&a);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static void open_output(void) {
  struct stat st;
  out_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0640);
  out_size = out_fd >= 0 && fstat(out_fd, &st) == 0 ? (long)st.st_size : 0;
}

/* messages.2 -> .3, .1 -> .2, messages -> .1, then a new messages. */
static void rotate(void) {
  char from[256], to[256];
  int i;
  close(out_fd);
  for (i = 2; i >= 1; i--) {
    snprintf(from, sizeof from, "%s.%d", log_path, i);
    snprintf(to, sizeof to, "%s.%d", log_path, i + 1);
    rename(from, to);
  }
  snprintf(to, sizeof to, "%s.1", log_path);
  rename(log_path, to);
  open_output();
}

static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* RFC 3164's "Mmm dd hh:mm:ss " at s? */
static int has_timestamp(const char *s) {
  int i;
  for (i = 0; i < 12; i++)
    if (strncmp(s, months + i * 3, 3) == 0)
      break;
  return i < 12 && s[3] == ' ' && (s[4] == ' ' || (s[4] >= '0' && s[4] <= '9')) && s[5] >= '0' && s[5] <= '9' &&
         s[6] == ' ' && s[9] == ':' && s[12] == ':' && s[15] == ' ';
}

static void now_stamp(char *out) {
  struct u_tm tm;
  u_gmtime((long)time(0), &tm);
  sprintf(out, "%.3s %2d %02d:%02d:%02d", months + (tm.mon - 1) * 3, tm.mday, tm.hour, tm.min, tm.sec);
}

/* One client line (no newline): parse, format, append, rotate. */
static void log_line(const char *s) {
  char out[LINE_MAX_LEN + 128];
  char when[32];
  int pri = 13;   /* user.notice */
  int n;
  if (*s == '<') {
    const char *p = s + 1;
    int v = 0, digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) {
      v = v * 10 + (*p++ - '0');
      digits++;
    }
    if (*p == '>' && digits > 0 && v < 24 * 8) {
      pri = v;
      s = p + 1;
    }
  }
  if (has_timestamp(s)) {
    memcpy(when, s, 15);
    when[15] = 0;
    s += 16;
  } else {
    now_stamp(when);
  }
  if (*s == 0)
    return;
  if (verbose)
    n = snprintf(out, sizeof out, "<%s.%s> %s %s %s\n", facility_names[pri >> 3], level_names[pri & 7], when, host, s);
  else
    n = snprintf(out, sizeof out, "%s %s %s\n", when, host, s);
  if (n > (int)sizeof out - 1)
    n = sizeof out - 1;
  if (out_fd < 0)
    open_output();
  if (out_fd < 0)
    return;
  if (u_write_all("syslogd", out_fd, out, n) == 0)
    out_size += n;
  if (out_size >= rotate_bytes)
    rotate();
}

/* klogd: kernel records to /dev/log as facility kern, level kept. */
static void klogd(void) {
  static char buf[4096];
  char line[LINE_MAX_LEN];
  int len = 0;
  int fd = log_client();
  if (fd < 0)
    _exit(1);
  for (;;) {
    int n = __sys_syslog(2, buf, sizeof buf);
    int i;
    if (n < 0) {
      if (n == -EINTR)
        continue;
      _exit(1);
    }
    for (i = 0; i < n; i++) {
      if (buf[i] != '\n') {
        if (len < (int)sizeof line - 16)
          line[len++] = buf[i];
        continue;
      }
      line[len] = 0;
      if (len > 0) {
        char out[LINE_MAX_LEN + 16];
        int level = 6;
        const char *text = line;
        int m;
        if (line[0] == '<' && line[1] >= '0' && line[1] <= '7' && line[2] == '>') {
          level = line[1] - '0';
          text = line + 3;
        }
        m = snprintf(out, sizeof out, "<%d>kernel: %s\n", level, text);
        if (m > (int)sizeof out - 1)
          m = sizeof out - 1;
        write(fd, out, m);
      }
      len = 0;
    }
  }
}

static int klogd_pid;

/* oom_score_adj -1000 for the daemon and (inherited) its klogd: the log
 * must outlive an out-of-memory kill to record it, and both use only
 * fixed buffers, so they are never the hog (systemd protects journald the
 * same way). */
static void protect_from_oom(void) {
  int fd = open("/proc/self/oom_score_adj", O_WRONLY);
  if (fd < 0)
    return;
  write(fd, "-1000\n", 6);
  close(fd);
}

static void on_term(int sig) {
  (void)sig;
  if (klogd_pid > 0)
    kill(klogd_pid, SIGTERM);
  _exit(0);   /* the pid file stays (the next start rewrites it): shutdown writes nothing to the disk */
}

static void write_pid_file(int pid) {
  char text[16];
  int fd, n;
  mkdir("/var/run", 0755);
  fd = open("/var/run/syslogd.pid", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  n = snprintf(text, sizeof text, "%d\n", pid);
  write(fd, text, n);
  close(fd);
}

int main(int argc, char **argv) {
  static char buf[4096];
  char line[LINE_MAX_LEN];
  int len = 0;
  int foreground = 0;
  int in, i, pid;
  struct utsname u;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-n") == 0)
      foreground = 1;
    else if (strcmp(argv[i], "-v") == 0)
      verbose = 1;
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
      rotate_bytes = atol(argv[++i]) * 1024;
    else if (strcmp(argv[i], "-f") == 0 && i + 1 < argc)
      log_path = argv[++i];
    else {
      fprintf(stderr, "usage: syslogd [-n] [-v] [-s KIB] [-f FILE]\n");
      return 1;
    }
  }
  if (rotate_bytes < 1024)
    rotate_bytes = 1024;
  if (uname(&u) == 0 && u.nodename[0])
    snprintf(host, sizeof host, "%s", u.nodename);
  mkdir("/var", 0755);
  mkdir("/var/log", 0755);
  in = log_open();
  if (in < 0) {
    fprintf(stderr, "syslogd: /dev/log: %s\n", strerror(errno));
    return 1;
  }
  if (!foreground) {
    pid = fork();
    if (pid < 0) {
      perror("syslogd: fork");
      return 1;
    }
    if (pid > 0) {
      write_pid_file(pid);   /* before returning: whoever started us may read it at once */
      return 0;
    }
    setsid();
  }
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  protect_from_oom();
  pid = fork();
  if (pid == 0) {
    close(in);
    signal(SIGTERM, SIG_DFL);
    klogd();
  }
  klogd_pid = pid;
  signal(SIGTERM, on_term);
  open_output();
  for (;;) {
    int n = read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    for (i = 0; i < n; i++) {
      if (buf[i] == '\n' || buf[i] == 0) {
        line[len] = 0;
        if (len)
          log_line(line);
        len = 0;
      } else if (len < (int)sizeof line - 1) {
        line[len++] = buf[i];
      }
    }
    if (len) {   /* a datagram is a whole message, newline or not */
      line[len] = 0;
      log_line(line);
      len = 0;
    }
  }
  return 0;
}
