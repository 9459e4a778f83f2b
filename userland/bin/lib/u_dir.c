/* u_dir.c: what the recursive tools (cp -r, rm -r) share — joining a
 * directory and a name into a new path, and calling a function for every
 * entry of a directory but "." and "..", OR-ing what it returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include "ulib.h"

char *u_path_join(const char *dir, const char *name) {
  char *p = malloc(strlen(dir) + strlen(name) + 2);
  if (!p)
    return 0;
  strcpy(p, dir);
  strcat(p, "/");
  strcat(p, name);
  return p;
}

int u_each_entry(const char *prog, const char *dir, int (*fn)(const char *name, void *arg), void *arg) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int bad = 0;
  if (!d) {
    u_perror2(prog, dir);
    return 1;
  }
  while ((e = readdir(d)) != 0) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    bad |= fn(e->d_name, arg);
  }
  closedir(d);
  return bad;
}
