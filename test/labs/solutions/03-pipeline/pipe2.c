/* The reference solution of lab 03: every process closes the pipe ends it
 * does not use (or the reader never sees end of file), a command that
 * cannot be run says so and exits 127, and the status is the right-hand
 * command's, taken from waitpid on its pid. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORDS 16

static void split(char *line, char **argv) {
  int n = 0;
  char *word = strtok(line, " ");
  while (word && n < MAX_WORDS) { argv[n++] = word; word = strtok(0, " "); }
  argv[n] = 0;
}

/* In a child: makes `end` its descriptor `target`, closes both pipe ends, runs argv. */
static void run(char **argv, int end, int target, int fds[2]) {
  if (dup2(end, target) < 0) _exit(126);
  close(fds[0]);
  close(fds[1]);
  execvp(argv[0], argv);
  fprintf(stderr, "pipe2: %s: %s\n", argv[0], strerror(errno));
  _exit(errno == ENOENT ? 127 : 126);
}

int main(int argc, char **argv) {
  char *left[MAX_WORDS + 1];
  char *right[MAX_WORDS + 1];
  int fds[2];
  int status = 0;
  pid_t writer, reader;
  if (argc != 3) {
    fprintf(stderr, "usage: pipe2 'CMD1 ARGS' 'CMD2 ARGS'\n");
    return 2;
  }
  split(argv[1], left);
  split(argv[2], right);
  if (!left[0] || !right[0]) { fprintf(stderr, "pipe2: empty command\n"); return 2; }
  if (pipe(fds) < 0) { perror("pipe2: pipe"); return 1; }
  writer = fork();
  if (writer < 0) { perror("pipe2: fork"); return 1; }
  if (writer == 0) run(left, fds[1], 1, fds);
  reader = fork();
  if (reader < 0) { perror("pipe2: fork"); return 1; }
  if (reader == 0) run(right, fds[0], 0, fds);
  close(fds[0]);
  close(fds[1]);
  waitpid(writer, 0, 0);
  if (waitpid(reader, &status, 0) < 0) return 1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}
