/* main.c: /bin/sh — where input comes from and the read-parse-run loop.
 *
 *   sh [-eux…]                 interactive when stdin is a terminal: prompt
 *                              $PS1 (default "hako:CWD# ", or "$ " for other
 *                              users), job control, line editing
 *                              (lineedit.c); otherwise reads commands from
 *                              stdin without prompts
 *   sh [-eux…] FILE [ARGS]     runs a script ($0 = FILE, $1… = ARGS)
 *   sh [-eux…] -c CMD [NAME [ARGS]]   runs CMD ($0 = NAME, $1… = ARGS)
 * A login shell (argv[0] starting with '-') first runs /etc/profile.
 * Input is read a line at a time and parsed; while the text so far ends
 * inside a construct (an open if, a quote, a here-document, a trailing
 * | or &&) the next line is added (prompt $PS2, "> ") and the whole is
 * parsed again; a complete command runs at once, so a script's later
 * syntax error does not stop its earlier lines. A syntax error ends a
 * non-interactive shell with status 2. Lines are read through our own
 * buffer so a script's text and a command's stdin never share a stdio
 * buffer; a script's fd is moved above 9 and closed on exec, so `exec 3<`
 * in the script cannot clobber it. The exit status is the last command's,
 * or exit's argument; the EXIT trap runs first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include "ulib.h"
#include "sh.h"

#define LINE_MAX_LEN 4096   /* the terminal's canonical line, 4095 bytes and a newline */

int last_status;
int last_bg_pid;
int shell_pid;
int interactive;
int in_subshell;
int exit_requested;
int exit_code;
volatile int got_interrupt;
volatile int got_suspend;

struct reader {
  int fd;
  char buf[1024];
  int pos;
  int len;
};

/* Appends one line (without its newline) to *text; the bytes read, -1 at
 * end of input with nothing read, -2 after ^C at the prompt. */
static int read_line(struct reader *r, char **text, int *len, int *cap) {
  int n = 0;
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
    if (*len + 2 >= *cap) {
      *cap *= 2;
      *text = realloc(*text, *cap);
    }
    (*text)[(*len)++] = c;
    n++;
  }
  return n;
}

/* $PS1 with \u \h \w \W \$ \n \\ done; the default when unset. `#` or `$`
 * follows the effective uid: a set-user-ID root shell has root's powers. */
static void make_prompt(char *out, int size, int continuation) {
  const char *ps = var_get(continuation ? "PS2" : "PS1");
  char cwd[256];
  int n = 0;
  if (!getcwd(cwd, sizeof cwd))
    strcpy(cwd, "?");
  if (!ps) {
    if (continuation)
      snprintf(out, size, "> ");
    else
      snprintf(out, size, "hako:%s%s ", cwd, geteuid() == 0 ? "#" : "$");
    return;
  }
  for (; *ps && n < size - 64; ps++) {
    if (*ps != '\\' || !ps[1]) {
      out[n++] = *ps;
      continue;
    }
    ps++;
    switch (*ps) {
    case 'u': {
      const char *u = var_get("USER");
      n += snprintf(out + n, size - n, "%s", u ? u : (__sys_getuid() == 0 ? "root" : "user"));
      break;
    }
    case 'h': {
      char host[64];
      int fd = open("/etc/hostname", O_RDONLY, 0);
      int k = fd >= 0 ? read(fd, host, sizeof host - 1) : -1;
      if (fd >= 0)
        close(fd);
      if (k <= 0)
        strcpy(host, "hako");
      else
        host[k] = 0;
      host[strcspn(host, ".\n")] = 0;
      n += snprintf(out + n, size - n, "%s", host);
      break;
    }
    case 'w':
    case 'W': {
      const char *home = var_get("HOME");
      const char *shown = cwd;
      if (*ps == 'W' && strcmp(cwd, "/") != 0 && strrchr(cwd, '/'))
        shown = strrchr(cwd, '/') + 1;
      if (*ps == 'w' && home && home[0] && strcmp(home, "/") != 0 && strncmp(cwd, home, strlen(home)) == 0 &&
          (cwd[strlen(home)] == 0 || cwd[strlen(home)] == '/'))
        n += snprintf(out + n, size - n, "~%s", cwd + strlen(home));
      else
        n += snprintf(out + n, size - n, "%s", shown);
      break;
    }
    case '$': out[n++] = geteuid() == 0 ? '#' : '$'; break;   /* the effective uid, as bash */
    case 'n': out[n++] = '\n'; break;
    case '\\': out[n++] = '\\'; break;
    default: out[n++] = '\\'; out[n++] = *ps; break;
    }
  }
  out[n] = 0;
}

static int use_lineedit;

void shell_exit(int code) {
  if (exit_requested)
    code = exit_code;
  trap_run_exit();
  if (exit_requested)
    code = exit_code;
  fflush(stdout);
  fflush(stderr);
  exit(code);
}

/* Reads, parses and runs commands until end of input or exit. */
static int run_reader(struct reader *r) {
  int cap = 256;
  char *text = malloc(cap);
  int len = 0;
  char *line = malloc(LINE_MAX_LEN);
  while (!exit_requested) {
    struct parser p;
    struct node *n;
    int got;
    if (interactive && !in_subshell)
      jobs_reap(1);
    got_interrupt = 0;
    got_suspend = 0;
    if (interactive) {
      char prompt[300];
      make_prompt(prompt, sizeof prompt, len > 0);
      if (use_lineedit) {
        got = lineedit_read(prompt, line, LINE_MAX_LEN);
        if (got >= 0) {
          while (len + got + 2 >= cap) {
            cap *= 2;
            text = realloc(text, cap);
          }
          memcpy(text + len, line, got);
          len += got;
        }
      } else {
        fputs(prompt, stderr);
        fflush(stderr);
        got = read_line(r, &text, &len, &cap);
      }
    } else {
      got = read_line(r, &text, &len, &cap);
    }
    if (got == -2) {
      /* ^C at the prompt: start over */
      fputs("\n", stderr);
      len = 0;
      continue;
    }
    if (got < 0 && len == 0)
      break;
    if (got >= 0)
      text[len++] = '\n';   /* at the end of input the text already ends with one */
    text[len] = 0;
    parser_init(&p, text, len);
    p.final = got < 0;
    n = parse_next(&p);
    if (!n && p.incomplete && !p.error && got >= 0)
      continue;   /* more lines will finish it */
    if (interactive && use_lineedit && len > 1) {
      text[len - 1] = 0;
      history_add(text);
    }
    if (!n && p.incomplete && !p.error)
      parse_report_incomplete(&p);
    if (p.error) {
      last_status = 2;
      if (!interactive) {
        exit_requested = 1;
        exit_code = 2;
      }
    }
    eval_depth++;
    while (n) {
      eval(n, 0);
      if (exit_requested)
        break;
      n = parse_next(&p);
    }
    eval_depth--;
    if (trap_pending)
      trap_run_pending();
    len = 0;
    if (eval_depth == 0)
      arena_reset();
    if (got < 0)
      break;
  }
  if (interactive && use_lineedit)
    history_save();
  free(line);
  free(text);
  return exit_requested ? exit_code : last_status;
}

int run_script_file(const char *path, int required) {
  struct reader *r;
  int st;
  int saved_interactive = interactive;
  int fd = open(path, O_RDONLY, 0);
  (void)required;
  if (fd < 0) {
    fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
    return 127;
  }
  if (fd < 10) {
    int high = fcntl(fd, F_DUPFD, 10);
    if (high >= 0) {
      close(fd);
      fd = high;
    }
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
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

/* The shell's own ^C: at the prompt it abandons the line (read returns
 * EINTR); between Enter and the job owning the terminal it is remembered
 * and passed on to the job (jobs.c). */
static void on_interrupt(int sig) {
  (void)sig;
  got_interrupt = 1;
}

/* A ^C reached the interactive shell itself while it ran the line (a
 * builtin such as wait or read, a loop of builtins): as bash, the rest of
 * the line is abandoned (eval_interrupted) and the prompt comes back. */
int user_interrupted(void) {
  return interactive && got_interrupt;
}

/* ^Z between Enter and the job owning the terminal: remembered and passed
 * on to the job, as ^C is (at the prompt the editor's raw mode makes ^Z
 * a plain key). */
static void on_suspend(int sig) {
  (void)sig;
  got_suspend = 1;
}

/* A signal's disposition when no trap is set (at start, and after `trap -
 * SIG`): the interactive shell keeps ^C and ^Z for itself, noted by the
 * handlers above (^C must also end the line editor's read, so no
 * SA_RESTART), and ignores SIGQUIT and the terminal's stop signals, so
 * that job control never stops or kills the shell; otherwise the default. */
void shell_signal_default(int sig) {
  if (interactive && (sig == SIGINT || sig == SIGTSTP)) {
    signal(sig, sig == SIGINT ? on_interrupt : on_suspend);
    siginterrupt(sig, 1);
  } else if (interactive && (sig == SIGQUIT || sig == SIGTTOU || sig == SIGTTIN)) {
    signal(sig, SIG_IGN);
  } else {
    signal(sig, SIG_DFL);
  }
}

static void start_interactive(char **argv) {
  interactive = isatty(0);
  if (!interactive)
    return;
  /* job control: our own group, holding the terminal; ^C and ^Z reach
   * the foreground job, not us */
  __sys_setpgid(0, 0);
  {
    int pg = getpid();
    __sys_ioctl(0, U_TIOCSPGRP, (unsigned int)&pg);
  }
  shell_signal_default(SIGINT);
  shell_signal_default(SIGQUIT);
  shell_signal_default(SIGTSTP);
  shell_signal_default(SIGTTOU);
  shell_signal_default(SIGTTIN);
  use_lineedit = getenv("HAKO_NO_LINEEDIT") == 0;
  (void)argv;
}

int main(int argc, char **argv, char **envp) {
  struct reader *r;
  int st;
  int i = 1;
  char *command = 0;
  shell_pid = getpid();
  vars_init(envp);
  if (!var_get("PATH"))
    var_set("PATH", "/bin:/usr/bin", 1);
  {
    char num[16];
    sprintf(num, "%d", __sys_getppid());
    var_set("PPID", num, 0);
  }
  arg0 = argv[0];
  /* options: -c and set's letters (-e -u -x -C -f) */
  for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
    const char *o = argv[i];
    char *setargv[3];
    if (strcmp(o, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(o, "-c") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "sh: -c: option requires an argument\n");
        return 2;
      }
      command = argv[++i];
      continue;
    }
    if (strcmp(o, "-i") == 0 || strcmp(o, "-s") == 0 || strcmp(o, "-l") == 0)
      continue;
    setargv[0] = "set";
    setargv[1] = (char *)o;
    setargv[2] = 0;
    if (builtin_set(2, setargv) != 0)
      return 2;
  }
  if (command) {
    if (i < argc)
      arg0 = argv[i++];
    pos_set(argc - i, argv + i);
    run_string(command);
    shell_exit(exit_requested ? exit_code : last_status);
  }
  if (i < argc) {
    arg0 = argv[i];
    pos_set(argc - i - 1, argv + i + 1);
    st = run_script_file(argv[i], 1);
    shell_exit(st);
  }
  pos_set(0, argv);
  start_interactive(argv);
  if (argv[0][0] == '-') {
    int saved = interactive;
    if (access("/etc/profile", R_OK) == 0)
      run_script_file("/etc/profile", 0);
    interactive = saved;
    exit_requested = 0;
  }
  if (interactive && use_lineedit)
    history_load();
  r = malloc(sizeof *r);
  r->fd = 0;
  r->pos = 0;
  r->len = 0;
  st = run_reader(r);
  if (interactive && !exit_requested)
    fputs("exit\n", stderr);
  shell_exit(st);
  return st;
}
