/* init.c: /sbin/init, process 1.
 *
 * Owns: the console session and the orphans. It makes fds 0, 1, 2 the
 * console, starts the system log daemon (/sbin/syslogd, which puts itself
 * in the background: init waits only for its launcher, and the daemon and
 * its klogd child live on as init's adopted children; a disk without it
 * boots without logging), prints /etc/motd, starts /bin/sh on it in a
 * session of its own (so the shell owns
 * the terminal and can hand it to its foreground jobs), and waits in a
 * loop: every exited child is reaped — orphans the kernel re-parents to us
 * included — and when the shell itself exits a new one is started.
 * With the argument `login` (the word `login` on the kernel command line,
 * `npm run os -- --login`) it starts /sbin/getty instead of a root shell,
 * and again after each logout; login prints the motd then.
 *
 * Shutdown is /bin/poweroff's job; init's part is to stop starting shells
 * when it gets SIGPWR ("the system is going down"), so that the shell
 * poweroff ends is not replaced while the machine shuts down. If the
 * machine is still up GOING_DOWN_SECONDS later (poweroff was stopped, or
 * a user sent SIGPWR by hand), init starts shells again.
 *
 * Signals: the kernel drops every signal init has no handler for (as
 * Linux does for the child reaper), so only SIGPWR and SIGALRM reach it;
 * they interrupt waitpid with EINTR, which means "look again", never "no
 * children" (only ECHILD means that).
 * Invariants: init never exits (the kernel would panic) and never leaves a
 * zombie; a shell that ends within a second of its start (a broken
 * /bin/sh, or a console whose input has ended) is restarted only after a
 * second's pause, so it cannot spin the machine. */
#include <unistd.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/wait.h>
#include <signal.h>
#include "ulib.h"

#define TIOCSCTTY 0x540E
int __sys_ioctl(int fd, unsigned int cmd, unsigned int arg);
int __sys_setsid(void);
int __sys_time(unsigned int *t);

#define GOING_DOWN_SECONDS 10

static char *shell_argv[] = { "-sh", 0 };
static char *getty_argv[] = { "getty", "console", 0 };
static int login_mode;   /* argv has `login`: getty instead of a shell */
static char *shell_envp[] = { "PATH=/usr/local/bin:/bin:/usr/bin:/sbin", "HOME=/root", "TERM=vt100", "USER=root", 0 };
static volatile int going_down;   /* SIGPWR seen: start no shell */

static void on_power_signal(int sig) {
  (void)sig;
  going_down = 1;
  alarm(GOING_DOWN_SECONDS);
}

static void on_alarm(int sig) {
  (void)sig;
  going_down = 0;   /* still running: the shutdown did not happen */
}

static void open_console(void) {
  int fd;
  close(0);
  close(1);
  close(2);
  fd = open("/dev/console", O_RDWR, 0);
  if (fd < 0)
    return; /* nothing to talk to; the shell will find fds closed */
  dup2(fd, 1);
  dup2(fd, 2);
}

static int start_shell(void) {
  int pid = fork();
  if (pid == 0) {
    __sys_setsid();
    __sys_ioctl(0, TIOCSCTTY, 0);
    if (login_mode) {
      execve("/sbin/getty", getty_argv, shell_envp);
      fprintf(stderr, "init: cannot run /sbin/getty: %s\n", strerror(errno));
      _exit(127);
    }
    execve("/bin/sh", shell_argv, shell_envp);
    fprintf(stderr, "init: cannot run /bin/sh: %s\n", strerror(errno));
    _exit(127);
  }
  if (pid < 0)
    fprintf(stderr, "init: fork: %s\n", strerror(errno));
  return pid;
}

/* syslogd, once at boot: its launcher returns when the daemon is running
 * (bound to /dev/log), so the first shell's logger reaches it. */
static void start_syslogd(void) {
  static char *argv[] = { "syslogd", 0 };
  int pid, status;
  if (access("/sbin/syslogd", X_OK) != 0)
    return;
  pid = fork();
  if (pid == 0) {
    execve("/sbin/syslogd", argv, shell_envp);
    _exit(127);
  }
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

int main(int argc, char **argv) {
  unsigned int started = 0;
  int i;
  int shell = -1;   /* the running shell's pid, or -1 */
  int pid;
  int status;
  for (i = 1; i < argc; i++)
    if (strcmp(argv[i], "login") == 0)
      login_mode = 1;
  open_console();
  signal(SIGPWR, on_power_signal);
  signal(SIGALRM, on_alarm);
  siginterrupt(SIGPWR, 1);   /* both must cut waitpid short (EINTR) */
  siginterrupt(SIGALRM, 1);
  start_syslogd();
  if (!login_mode)
    u_print_file("/etc/motd");
  for (;;) {
    if (shell < 0 && !going_down) {
      /* a shell that died young waits a second before the next */
      if (started != 0 && __sys_time(0) - started < 2)
        sleep(1);
      started = __sys_time(0);
      shell = start_shell();
      if (shell < 0) {
        sleep(1);
        continue;
      }
    }
    pid = waitpid(-1, &status, 0);
    if (pid < 0 && errno == EINTR)
      continue;   /* SIGPWR or SIGALRM: nothing happened to our children */
    if (pid < 0) {
      /* ECHILD: no children at all (so no shell either) */
      shell = -1;
      if (going_down)
        pause();   /* until the power goes, or the alarm gives up on it */
      continue;
    }
    if (pid == shell)
      shell = -1;
  }
  return 0;
}
