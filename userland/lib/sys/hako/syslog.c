/* syslog.c: openlog/syslog/closelog/setlogmask. A message becomes one RFC
 * 3164 line "<PRI>Mmm dd hh:mm:ss tag[pid]: msg\n" sent as one datagram to
 * syslogd's /dev/log, an AF_UNIX datagram socket (log_connect is the one
 * function that knows the transport). If syslogd is not there the message is dropped,
 * or shown on the console with LOG_CONS; LOG_PERROR copies it to stderr.
 * Times are UTC (the system keeps no time zone). */
#include <syslog.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/un.h>

extern char *program_invocation_name;

static int log_fd = -1;
static const char *log_ident;
static int log_options;
static int log_facility = LOG_USER;
static int log_mask = 0xff;

/* The transport: a datagram socket connected to /dev/log (ECONNREFUSED
 * or ENOENT when syslogd is not running: -1). Sends do not wait for a
 * full queue: a message syslogd cannot take is dropped, as glibc does. */
static int log_connect(void) {
  struct sockaddr_un a;
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return -1;
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, _PATH_LOG);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void openlog(const char *ident, int option, int facility) {
  log_ident = ident;
  log_options = option;
  if (facility != 0 && (facility & ~LOG_FACMASK) == 0)
    log_facility = facility;
  if ((option & LOG_NDELAY) && log_fd < 0)
    log_fd = log_connect();
}

void closelog(void) {
  if (log_fd >= 0)
    close(log_fd);
  log_fd = -1;
  log_ident = 0;
}

int setlogmask(int mask) {
  int old = log_mask;
  if (mask != 0)
    log_mask = mask;
  return old;
}

static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* "Mmm dd hh:mm:ss" for Unix time t (UTC), 15 characters. */
static void stamp(char *out, long t) {
  long days = t / 86400, secs = t % 86400;
  int year = 1970, mon = 0, mdays;
  static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  for (;;) {
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (days < 365 + leap)
      break;
    days -= 365 + leap;
    year++;
  }
  for (;;) {
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    mdays = len[mon] + (mon == 1 && leap);
    if (days < mdays)
      break;
    days -= mdays;
    mon++;
  }
  sprintf(out, "%.3s %2d %02d:%02d:%02d", months + mon * 3, (int)days + 1, (int)(secs / 3600), (int)(secs / 60 % 60),
          (int)(secs % 60));
}

void syslog(int priority, const char *format, ...) {
  char line[1024];
  char when[32];
  const char *tag = log_ident ? log_ident : program_invocation_name ? program_invocation_name : "syslog";
  const char *slash;
  int n, head, saved = errno;
  va_list ap;
  void (*old_pipe)(int);
  if (!(log_mask & LOG_MASK(LOG_PRI(priority))) || (priority & ~(LOG_PRIMASK | LOG_FACMASK)))
    return;
  if ((priority & LOG_FACMASK) == 0)
    priority |= log_facility;
  if ((slash = strrchr(tag, '/')) != 0 && !log_ident)
    tag = slash + 1;
  stamp(when, (long)time(0));
  if (log_options & LOG_PID)
    n = snprintf(line, sizeof line, "<%d>%s %s[%d]: ", priority, when, tag, (int)getpid());
  else
    n = snprintf(line, sizeof line, "<%d>%s %s: ", priority, when, tag);
  head = n;
  errno = saved;   /* %m, where supported, sees the caller's errno */
  va_start(ap, format);
  n += vsnprintf(line + n, sizeof line - n - 1, format, ap);
  va_end(ap);
  if (n > (int)sizeof line - 2)
    n = sizeof line - 2;
  if (n == 0 || line[n - 1] != '\n')
    line[n++] = '\n';
  if (log_options & LOG_PERROR)
    write(2, line + head, n - head);
  if (log_fd < 0)
    log_fd = log_connect();
  /* a syslogd gone away must not kill the caller with SIGPIPE */
  old_pipe = signal(SIGPIPE, SIG_IGN);
  if (log_fd < 0 || write(log_fd, line, n) != n) {
    if (log_fd >= 0) {
      close(log_fd);
      log_fd = -1;
    }
    if (log_options & LOG_CONS) {
      int c = open("/dev/console", O_WRONLY | O_NOCTTY);
      if (c >= 0) {
        write(c, line + head, n - head);
        close(c);
      }
    }
  }
  signal(SIGPIPE, old_pipe);
  errno = saved;
}
