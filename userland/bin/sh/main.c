/* main.c: /bin/sh — where input comes from and the read-run loop.
 *
 *   sh                 interactive when stdin is a terminal: prompt
 *                      "hako:/cwd# " (or "$ " for other users), job control,
 *                      line editing (lineedit.c); otherwise reads commands
 *                      from stdin without prompts
 *   sh FILE [ARGS]     runs a script ($0 = FILE, $1… = ARGS)
 *   sh -c CMD [ARGS]   runs one command line
 * A login shell (argv[0] starting with '-') first runs /etc/profile.
 * The exit status is the last command's, or exit's argument. Lines are
 * read through our own buffer so a script's text and a command's stdin
 * never share a stdio buffer. A line that ends inside quotes, or after |,
 * && or ||, continues on the next one (prompt "> "). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include "ulib.h"
#include "sh.h"

#define LINE_MAX_LEN 4096

int last_status;
int last_bg_pid;
int shell_pid;
int interactive;
int script_argc;
char **script_argv;
int exit_requested;
int exit_code;

struct reader {
  int fd;
  char buf[1024];
  int pos;
  int len;
};

/* One line without its newline; -1 at end of input with nothing read. A
 * line longer than size - 1 bytes is reported and comes back empty: a
 * truncated command must not run. */
static int read_line(struct reader *r, char *line, int size) {
  int n = 0;
  int overflow = 0;
  for (;;) {
    char c;
    if (r->pos == r->len) {
      int got = read(r->fd, r->buf, sizeof r->buf);
      if (got < 0 && errno == EINTR) {
        if (interactive)
          return -2;
        continue;
      }
      if (got <= 0)
        return n > 0 ? n : -1;
      r->pos = 0;
      r->len = got;
    }
    c = r->buf[r->pos++];
    if (c == '\n')
      break;
    if (n < size - 1)
      line[n++] = c;
    else
      overflow = 1;
  }
  if (overflow) {
    fprintf(stderr, "sh: line longer than %d bytes: not run\n", size - 1);
    n = 0;
  }
  line[n] = 0;
  return n;
}

static void make_prompt(char *out, int size) {
  char cwd[256];
  if (!getcwd(cwd, sizeof cwd))
    strcpy(cwd, "?");
  if (__sys_getuid() == 0)
    snprintf(out, size, "hako:%s# ", cwd);
  else
    snprintf(out, size, "hako:%s$ ", cwd);
}

static int use_lineedit;

/* Reads a whole command (continuation lines included) into line. */
static int read_command(struct reader *r, char *line, int size) {
  int n = 0;
  char prompt[300];
  for (;;) {
    int got;
    if (interactive) {
      if (n == 0)
        make_prompt(prompt, sizeof prompt);
      else
        strcpy(prompt, "> ");
    }
    if (interactive && use_lineedit) {
      got = lineedit_read(prompt, line + n, size - n);
    } else {
      if (interactive) {
        fputs(prompt, stderr);
        fflush(stderr);
      }
      got = read_line(r, line + n, size - n);
    }
    if (got == -2) {
      /* ^C at the prompt: start over */
      fputs("\n", stderr);
      got_interrupt = 0;
      n = 0;
      line[0] = 0;
      continue;
    }
    if (got < 0)
      return n > 0 ? n : -1;
    n += got;
    if (!lex_incomplete(line) || n >= size - 2)
      return n;
    line[n++] = '\n';
    line[n] = 0;
  }
}

volatile int got_interrupt;

/* The shell's own ^C: at the prompt it abandons the line (read returns
 * EINTR); between Enter and the job owning the terminal it is remembered
 * and passed on to the job (exec.c). */
static void on_interrupt(int sig) {
  (void)sig;
  got_interrupt = 1;
}

static int run_reader(struct reader *r) {
  char *line = malloc(LINE_MAX_LEN);
  while (!exit_requested) {
    int n;
    if (interactive)
      jobs_reap(1);
    else
      jobs_reap(0);
    got_interrupt = 0;
    n = read_command(r, line, LINE_MAX_LEN);
    if (n < 0)
      break;
    if (interactive && use_lineedit && line[0])
      history_add(line);
    run_line(line);
  }
  free(line);
  return exit_requested ? exit_code : last_status;
}

int run_script_file(const char *path) {
  struct reader *r;
  int st;
  int saved_interactive = interactive;
  int fd = open(path, O_RDONLY, 0);
  if (fd < 0) {
    fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
    return 127;
  }
  r = malloc(sizeof *r);
  r->fd = fd;
  r->pos = 0;
  r->len = 0;
  interactive = 0;
  st = run_reader(r);
  interactive = saved_interactive;
  close(fd);
  free(r);
  return st;
}

const char *signal_message(int sig) {
  return u_signal_message(sig);
}

int main(int argc, char **argv, char **envp) {
  struct reader *r;
  int st;
  shell_pid = getpid();
  vars_init(envp);
  if (!var_get("PATH"))
    var_set("PATH", "/bin:/usr/bin", 1);
  {
    char num[16];
    sprintf(num, "%d", __sys_getppid());
    var_set("PPID", num, 0);
  }
  script_argc = argc;
  script_argv = argv;
  if (argc > 2 && strcmp(argv[1], "-c") == 0) {
    script_argc = argc - 2;
    script_argv = argv + 2;
    if (script_argc == 0) {
      script_argc = 1;
      script_argv = argv;
    }
    st = run_line(argv[2]);
    if (exit_requested)
      st = exit_code;
    fflush(stdout);
    return st;
  }
  if (argc > 1 && strcmp(argv[1], "-c") == 0) {
    fprintf(stderr, "sh: -c: option requires an argument\n");
    return 2;
  }
  if (argc > 1) {
    script_argc = argc - 1;
    script_argv = argv + 1;
    st = run_script_file(argv[1]);
    fflush(stdout);
    return st;
  }
  interactive = isatty(0);
  if (interactive) {
    /* job control: our own group, holding the terminal; ^C and ^Z reach
     * the foreground job, not us */
    __sys_setpgid(0, 0);
    {
      int pg = getpid();
      __sys_ioctl(0, U_TIOCSPGRP, (unsigned int)&pg);
    }
    signal(SIGINT, on_interrupt);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    use_lineedit = getenv("HAKO_NO_LINEEDIT") == 0;
  }
  if (argv[0][0] == '-') {
    int saved = interactive;
    if (access("/etc/profile", R_OK) == 0)
      run_script_file("/etc/profile");
    interactive = saved;
    exit_requested = 0;
  }
  r = malloc(sizeof *r);
  r->fd = 0;
  r->pos = 0;
  r->len = 0;
  st = run_reader(r);
  if (interactive && !exit_requested)
    fputs("exit\n", stderr);
  fflush(stdout);
  return st;
}
