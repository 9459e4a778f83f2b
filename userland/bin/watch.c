/* watch: runs a command again and again, full screen, as procps watch:
 *   watch [-n SECONDS] [-t] [-g] COMMAND...
 * Every SECONDS (default 2, fractions allowed) the screen is cleared and
 * shows the header "Every N.Ns: COMMAND" with the host name and time on
 * the right (-t: no header), a blank line, then the command's output
 * (`sh -c` with the words joined by spaces). -g ends watch when the
 * output changes (its status 0). Interrupt (^C) ends it otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include "ulib.h"
#include "u_time.h"

#define MAX_OUT 16384

static char previous[MAX_OUT], current_out[MAX_OUT];

/* runs sh -c cmd, its output (stdout and stderr) into buf */
static int run(const char *cmd, char *buf, int size) {
  int fds[2], pid, n = 0, r;
  if (pipe(fds) != 0) return -1;
  pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    char *argv[4];
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    argv[0] = "sh";
    argv[1] = "-c";
    argv[2] = (char *)cmd;
    argv[3] = 0;
    execv("/bin/sh", argv);
    _exit(127);
  }
  close(fds[1]);
  while ((r = read(fds[0], buf + n, size - 1 - n)) > 0) n += r;
  if (r < 0 && n == 0) n = 0;
  /* drain what did not fit */
  while (n >= size - 1 && read(fds[0], previous, 1) > 0) {}
  close(fds[0]);
  waitpid(pid, 0, 0);
  buf[n] = 0;
  return n;
}

int main(int argc, char **argv) {
  unsigned int interval_ms = 2000;
  int title = 1, stop_on_change = 0, i, first = 1, width = 80;
  char cmd[1024], header[256], right[128], uts[6 * U_UTS_LEN];
  struct winsize ws;
  cmd[0] = 0;
  for (i = 1; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-t") == 0) title = 0;
    else if (strcmp(argv[i], "-g") == 0) stop_on_change = 1;
    else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
      char *end;
      const char *v = argv[++i];
      interval_ms = (unsigned int)strtoul(v, &end, 10) * 1000;
      if (*end == '.') {
        const char *f = end + 1;
        unsigned int scale = 100;
        for (; *f >= '0' && *f <= '9'; f++, scale /= 10) interval_ms += (unsigned int)(*f - '0') * scale;
        end = (char *)f;
      }
      if (*end || end == v) {
        fprintf(stderr, "watch: failed to parse argument: '%s'\n", v);
        return 1;
      }
      if (interval_ms < 100) interval_ms = 100;   /* procps' minimum: 0.1 s */
    } else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      fprintf(stderr, "usage: watch [-n SECONDS] [-t] [-g] COMMAND...\n");
      return 1;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "usage: watch [-n SECONDS] [-t] [-g] COMMAND...\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (cmd[0]) strncat(cmd, " ", sizeof cmd - strlen(cmd) - 1);
    strncat(cmd, argv[i], sizeof cmd - strlen(cmd) - 1);
  }
  if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) width = ws.ws_col;
  if (__sys_uname(uts) < 0) strcpy(uts + U_UTS_LEN, "?");
  for (;;) {
    struct timespec ts;
    run(cmd, current_out, MAX_OUT);
    if (stop_on_change && !first && strcmp(current_out, previous) != 0) return 0;
    printf("\033[H\033[2J");
    if (title) {
      struct u_tm tm;
      long now = (long)__sys_time(0);
      int pad;
      u_gmtime(now, &tm);
      snprintf(header, sizeof header, "Every %u.%us: %s", interval_ms / 1000, interval_ms % 1000 / 100, cmd);
      snprintf(right, sizeof right, "%s: ", uts + U_UTS_LEN);
      u_strftime(right + strlen(right), (int)(sizeof right - strlen(right)), "%a %b %e %H:%M:%S %Y", &tm, now);
      pad = width - (int)strlen(header) - (int)strlen(right);
      printf("%s%*s%s\n\n", header, pad > 1 ? pad : 1, "", right);
    }
    fputs(current_out, stdout);
    fflush(stdout);
    strcpy(previous, current_out);
    first = 0;
    ts.tv_sec = interval_ms / 1000;
    ts.tv_nsec = (long)(interval_ms % 1000) * 1000000;
    nanosleep(&ts, 0);
  }
}
