/* logger: puts a message into the system log (util-linux's syntax).
 *
 *   logger [-i] [-s] [-p FACILITY.LEVEL] [-t TAG] [MESSAGE...]
 *
 * The message is the arguments joined by spaces, or else each line of
 * standard input. -p takes names (user.notice is the default; kern, user,
 * mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp,
 * local0..7 and emerg, alert, crit, err/error, warning/warn, notice, info,
 * debug) or a number; -t the tag (default: the user's name); -i adds the
 * pid; -s copies the message to stderr. Through libc's syslog(3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <pwd.h>

static const char *const facilities[24] = {
  "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
  0, 0, 0, 0, "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
};
static const char *const levels[8] = { "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug" };

static int level_of(const char *s, int n) {
  int i;
  if (n == 5 && strncmp(s, "error", 5) == 0)
    return LOG_ERR;
  if (n == 4 && strncmp(s, "warn", 4) == 0)
    return LOG_WARNING;
  if (n == 5 && strncmp(s, "panic", 5) == 0)
    return LOG_EMERG;
  for (i = 0; i < 8; i++)
    if ((int)strlen(levels[i]) == n && strncmp(s, levels[i], n) == 0)
      return i;
  return -1;
}

static int facility_of(const char *s, int n) {
  int i;
  if (n == 8 && strncmp(s, "security", 8) == 0)
    return LOG_AUTH;
  for (i = 0; i < 24; i++)
    if (facilities[i] && (int)strlen(facilities[i]) == n && strncmp(s, facilities[i], n) == 0)
      return i << 3;
  return -1;
}

/* "facility.level", "level" or a number; -1 when it is none of them */
static int parse_priority(const char *s) {
  const char *dot = strchr(s, '.');
  int fac = LOG_USER, lev;
  if (*s >= '0' && *s <= '9') {
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v > (LOG_FACMASK | LOG_PRIMASK) ? -1 : (int)v;
  }
  if (dot) {
    fac = facility_of(s, (int)(dot - s));
    lev = level_of(dot + 1, (int)strlen(dot + 1));
  } else {
    lev = level_of(s, (int)strlen(s));
  }
  if (fac < 0 || lev < 0)
    return -1;
  return fac | lev;
}

static void usage(void) {
  fprintf(stderr, "usage: logger [-i] [-s] [-p facility.level] [-t tag] [message...]\n");
  exit(1);
}

int main(int argc, char **argv) {
  int priority = LOG_USER | LOG_NOTICE;
  int options = 0;
  const char *tag = 0;
  int i;
  for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "-i") == 0)
      options |= LOG_PID;
    else if (strcmp(a, "-s") == 0)
      options |= LOG_PERROR;
    else if (strcmp(a, "-p") == 0 && i + 1 < argc) {
      priority = parse_priority(argv[++i]);
      if (priority < 0) {
        fprintf(stderr, "logger: unknown priority name: %s\n", argv[i]);
        return 1;
      }
    } else if (strcmp(a, "-t") == 0 && i + 1 < argc)
      tag = argv[++i];
    else
      usage();
  }
  if (!tag) {
    struct passwd *pw = getpwuid(getuid());
    tag = pw ? pw->pw_name : "logger";
  }
  openlog(tag, options, 0);
  if (i < argc) {
    char msg[1024];
    int len = 0;
    for (; i < argc; i++) {
      int n = (int)strlen(argv[i]);
      if (len + n + 2 > (int)sizeof msg)
        n = (int)sizeof msg - len - 2;
      if (n <= 0)
        break;
      if (len)
        msg[len++] = ' ';
      memcpy(msg + len, argv[i], n);
      len += n;
    }
    msg[len] = 0;
    syslog(priority, "%s", msg);
  } else {
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
      int n = (int)strlen(line);
      if (n && line[n - 1] == '\n')
        line[--n] = 0;
      if (n)
        syslog(priority, "%s", line);
    }
  }
  closelog();
  return 0;
}
