/* init.c: /sbin/init, process 1.
 *
 * Owns: the console session and the orphans. It makes fds 0, 1, 2 the
 * console, prints /etc/motd, starts /bin/sh on it in a session of its own (so the shell owns
 * the terminal and can hand it to its foreground jobs), and waits in a
 * loop: every exited child is reaped — orphans the kernel re-parents to us
 * included — and when the shell itself exits a new one is started.
 * Powering off is the poweroff program's job (the reboot system call);
 * init needs no part in it.
 * Invariants: init never exits (the kernel would panic) and never leaves a
 * zombie; only ECHILD from wait means "no shell": EINTR means wait again
 * (the kernel drops every signal init has no handler for, as Linux does,
 * so only a handled one can interrupt it); a shell that ends within a second of its start (a broken
 * /bin/sh, or a console whose input has ended) is restarted only after a
 * second's pause, so it cannot spin the machine. */
#include <unistd.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/wait.h>

#define TIOCSCTTY 0x540E
int __sys_ioctl(int fd, unsigned int cmd, unsigned int arg);
int __sys_setsid(void);
int __sys_time(unsigned int *t);

static char *shell_argv[] = { "-sh", 0 };
static char *shell_envp[] = { "PATH=/bin:/usr/bin:/sbin", "HOME=/root", "TERM=vt100", "USER=root", 0 };

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
    execve("/bin/sh", shell_argv, shell_envp);
    fprintf(stderr, "init: cannot run /bin/sh: %s\n", strerror(errno));
    _exit(127);
  }
  if (pid < 0)
    fprintf(stderr, "init: fork: %s\n", strerror(errno));
  return pid;
}

/* The message of the day, once, before the first shell. */
static void show_motd(void) {
  char buf[512];
  int n;
  int fd = open("/etc/motd", O_RDONLY, 0);
  if (fd < 0)
    return;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    write(1, buf, n);
  close(fd);
}

int main(void) {
  unsigned int started;
  int shell;
  int pid;
  int status;
  open_console();
  show_motd();
  started = __sys_time(0);
  shell = start_shell();
  for (;;) {
    pid = waitpid(-1, &status, 0);
    if (pid < 0 && errno == EINTR)
      continue;   /* a signal we handle: nothing happened to our children */
    if (pid < 0) {
      /* ECHILD, no children at all: start a shell again after a pause */
      sleep(1);
      started = __sys_time(0);
      shell = start_shell();
      continue;
    }
    if (pid == shell) {
      if (__sys_time(0) - started < 2)
        sleep(1);
      started = __sys_time(0);
      shell = start_shell();
    }
  }
  return 0;
}
