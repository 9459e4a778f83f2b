/* pipe2: run "CMD1 | CMD2" as the shell does.
 * Lab 03 — read en.md (or ja.md) beside this folder first.
 * Build and grade: npm run lab -- pipeline */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORDS 16

/* Splits a command line at spaces into argv (the line is cut in place). */
static void split(char *line, char **argv) {
  int n = 0;
  char *word = strtok(line, " ");
  while (word && n < MAX_WORDS) { argv[n++] = word; word = strtok(0, " "); }
  argv[n] = 0;
}

int main(int argc, char **argv) {
  char *left[MAX_WORDS + 1];
  char *right[MAX_WORDS + 1];
  int fds[2];
  int status;
  if (argc != 3) {
    fprintf(stderr, "usage: pipe2 'CMD1 ARGS' 'CMD2 ARGS'\n");
    return 2;
  }
  split(argv[1], left);
  split(argv[2], right);
  pipe(fds);
  if (fork() == 0) {
    dup2(fds[1], 1);        /* standard output goes into the pipe */
    execvp(left[0], left);
    _exit(127);
  }
  if (fork() == 0) {
    dup2(fds[0], 0);        /* standard input comes from the pipe */
    execvp(right[0], right);
    _exit(127);
  }
  /* TODO: something is missing here, and the reader never sees the end of its input. */
  wait(&status);
  wait(&status);
  return 0;                 /* TODO: the pipeline's status is CMD2's */
}
