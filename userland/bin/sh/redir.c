/* redir.c: redirections — n<file n>file n>>file n>|file n<>file n<&m
 * n>&m n<&- n>&- and here-documents.
 *
 * redir_apply performs a command's redirections left to right. Unless
 * `keep` is set (a forked child, or `exec` without a command), it first
 * saves what each fd was — a close-on-exec copy at fd 10 or above, or "was
 * closed" — so redir_restore can put the shell's fds back after a builtin,
 * a function or a compound command. With set -C (noclobber) > refuses an
 * existing regular file; >| always truncates. A here-document's body (its
 * $, ` and \ expanded unless the delimiter was quoted) is given to the
 * command through a pipe: written at once when it fits the pipe, else by
 * a forked writer, so a long body cannot block the shell.
 * On an error (printed) the redirections done so far are undone and NULL
 * is returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "sh.h"

#define PIPE_CAPACITY 4096
#define MAX_SAVED 16

struct saved_fds {
  int n;
  int fd[MAX_SAVED];
  int copy[MAX_SAVED];   /* -1: the fd was closed */
};

static void save_fd(struct saved_fds *s, int fd) {
  int i;
  int copy;
  for (i = 0; i < s->n; i++)
    if (s->fd[i] == fd)
      return;
  if (s->n == MAX_SAVED)
    return;
  copy = fcntl(fd, F_DUPFD, 10);
  if (copy >= 0)
    fcntl(copy, F_SETFD, FD_CLOEXEC);
  s->fd[s->n] = fd;
  s->copy[s->n] = copy;
  s->n++;
}

void redir_restore(struct saved_fds *s) {
  int i;
  if (!s)
    return;
  for (i = s->n - 1; i >= 0; i--) {
    if (s->copy[i] >= 0) {
      dup2(s->copy[i], s->fd[i]);
      close(s->copy[i]);
    } else {
      close(s->fd[i]);
    }
  }
  s->n = 0;
}

static int heredoc_fd(struct redir *r) {
  char *body = r->quoted ? r->word : expand_heredoc(r->word);
  int len = strlen(body);
  int fds[2];
  if (pipe(fds) < 0) {
    fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
    return -1;
  }
  if (len <= PIPE_CAPACITY) {
    if (len > 0)
      write(fds[1], body, len);
  } else {
    int pid;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
      int off = 0;
      close(fds[0]);
      while (off < len) {
        int w = write(fds[1], body + off, len - off);
        if (w <= 0)
          break;
        off += w;
      }
      _exit(0);
    }
    /* the writer is reaped with the other children (jobs_reap) */
  }
  close(fds[1]);
  return fds[0];
}

static int open_target(struct redir *r, const char *name) {
  int flags;
  int fd;
  switch (r->kind) {
  case R_IN: flags = O_RDONLY; break;
  case R_APPEND: flags = O_WRONLY | O_CREAT | O_APPEND; break;
  case R_RDWR: flags = O_RDWR | O_CREAT; break;
  default: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
  }
  if (r->kind == R_OUT && opt_noclobber) {
    struct stat st;
    if (stat(name, &st) == 0 && S_ISREG(st.st_mode)) {
      fprintf(stderr, "sh: %s: cannot overwrite existing file\n", name);
      return -1;
    }
  }
  fd = open(name, flags, 0666);
  if (fd < 0)
    fprintf(stderr, "sh: %s: %s\n", name, strerror(errno));
  return fd;
}

static int apply_one(struct redir *r) {
  int fd;
  if (r->kind == R_HEREDOC) {
    fd = heredoc_fd(r);
  } else {
    char *target;
    expand_error = 0;
    target = expand_word(r->word);
    if (expand_error)
      return -1;
    if (r->kind == R_DUPIN || r->kind == R_DUPOUT) {
      const char *s = target;
      int m = 0;
      if (strcmp(target, "-") == 0) {
        close(r->fd);
        return 0;
      }
      if (!*s) {
        fprintf(stderr, "sh: syntax error: bad fd number\n");
        return -1;
      }
      for (; *s; s++) {
        if (*s < '0' || *s > '9') {
          fprintf(stderr, "sh: %s: bad fd number\n", target);
          return -1;
        }
        m = m * 10 + *s - '0';
      }
      if (m == r->fd)
        return fcntl(m, F_GETFD) < 0 ? (fprintf(stderr, "sh: %d: Bad file descriptor\n", m), -1) : 0;
      if (dup2(m, r->fd) < 0) {
        fprintf(stderr, "sh: %d: %s\n", m, strerror(errno));
        return -1;
      }
      return 0;
    }
    fd = open_target(r, target);
  }
  if (fd < 0)
    return -1;
  if (fd != r->fd) {
    if (dup2(fd, r->fd) < 0) {
      fprintf(stderr, "sh: %d: %s\n", r->fd, strerror(errno));
      close(fd);
      return -1;
    }
    close(fd);
  }
  return 0;
}

struct saved_fds *redir_apply(struct redir *r, int keep) {
  struct saved_fds *s = arena_alloc(sizeof *s);
  for (; r; r = r->next) {
    if (!keep)
      save_fd(s, r->fd);
    if (apply_one(r) < 0) {
      redir_restore(s);
      return 0;
    }
  }
  return s;
}
