/* pstree: the processes as a tree, from /proc, drawn in ASCII as
 * `pstree -A` draws it:
 *   init-+-sh---pstree
 *        `-2*[sleep]
 *   pstree [-p] [PID]
 * The tree starts at init (pid 1; kernel threads, whose parent is 0, are
 * not under it) or at PID. Identical leaf siblings merge into N*[name];
 * -p shows each pid, as name(PID), and merges nothing (as pstree). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ulib.h"
#include "u_ptable.h"

#define MAX_TASKS 256
#define MAX_LINE 1024

static struct u_task tasks[MAX_TASKS];
static int ntasks, show_pids;
static char prefix[MAX_LINE];   /* what continuation lines start with */

static int children(int pid, int *out) {
  int i, n = 0;
  for (i = 0; i < ntasks; i++) {
    if (tasks[i].ppid == pid && tasks[i].pid != pid) out[n++] = i;
  }
  return n;
}

static int is_leaf(int idx) {
  int i;
  for (i = 0; i < ntasks; i++) {
    if (tasks[i].ppid == tasks[idx].pid) return 0;
  }
  return 1;
}

static void label(int idx, int count, char *out, int size) {
  if (show_pids) snprintf(out, size, "%s(%d)", tasks[idx].name, tasks[idx].pid);
  else if (count > 1) snprintf(out, size, "%d*[%s]", count, tasks[idx].name);
  else snprintf(out, size, "%s", tasks[idx].name);
}

static void show(int idx, int count) {
  int kids[MAX_TASKS], counts[MAX_TASKS];
  int n, m = 0, i, k, base;
  char text[96];
  label(idx, count, text, sizeof text);
  printf("%s", text);
  n = children(tasks[idx].pid, kids);
  /* merge identical leaf siblings (not with -p) */
  for (i = 0; i < n; i++) {
    int merged = 0;
    if (!show_pids && is_leaf(kids[i])) {
      for (k = 0; k < m; k++) {
        if (is_leaf(kids[k]) && strcmp(tasks[kids[k]].name, tasks[kids[i]].name) == 0) {
          counts[k]++;
          merged = 1;
          break;
        }
      }
    }
    if (!merged) {
      kids[m] = kids[i];
      counts[m++] = 1;
    }
  }
  if (m == 0) {
    printf("\n");
    return;
  }
  base = (int)strlen(prefix);
  for (i = 0; i < m && base + (int)strlen(text) + 3 < MAX_LINE; i++) {
    if (i == 0) {
      printf("%s", m == 1 ? "---" : "-+-");
    } else {
      printf("%s", prefix);
      for (k = 0; k < (int)strlen(text); k++) putchar(' ');
      printf("%s", i == m - 1 ? " `-" : " |-");
    }
    prefix[base] = 0;
    for (k = 0; k < (int)strlen(text); k++) prefix[base + k] = ' ';
    strcpy(prefix + base + strlen(text), m > 1 && i < m - 1 ? " | " : "   ");
    show(kids[i], counts[i]);
    prefix[base] = 0;
  }
}

int main(int argc, char **argv) {
  int i, root = 1, at = -1;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-p") == 0) show_pids = 1;
    else if (strcmp(argv[i], "-A") == 0) {}   /* ASCII is all we draw */
    else if (argv[i][0] >= '0' && argv[i][0] <= '9') root = atoi(argv[i]);
    else {
      fprintf(stderr, "usage: pstree [-p] [-A] [PID]\n");
      return 1;
    }
  }
  ntasks = u_read_tasks(tasks, MAX_TASKS);
  if (ntasks < 0) {
    fprintf(stderr, "pstree: cannot read /proc\n");
    return 1;
  }
  for (i = 0; i < ntasks; i++) {
    if (tasks[i].pid == root) at = i;
  }
  if (at < 0) return 1;   /* as pstree: no such process, no output */
  show(at, 1);
  return 0;
}
