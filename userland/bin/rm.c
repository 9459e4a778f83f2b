/* rm: removes files; -r removes directories and what they hold, -f ignores
 * missing files and never complains about them. Symlinks are removed, not
 * followed. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include "ulib.h"

static int recursive;
static int force;

static int remove_path(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0) {
    if (force && errno == ENOENT)
      return 0;
    u_perror2("rm", path);
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    DIR *d;
    struct dirent *e;
    int bad = 0;
    if (!recursive) {
      fprintf(stderr, "rm: %s: Is a directory\n", path);
      return 1;
    }
    d = opendir(path);
    if (!d) {
      u_perror2("rm", path);
      return 1;
    }
    while ((e = readdir(d)) != 0) {
      char *child;
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        continue;
      child = malloc(strlen(path) + strlen(e->d_name) + 2);
      strcpy(child, path);
      strcat(child, "/");
      strcat(child, e->d_name);
      bad |= remove_path(child);
      free(child);
    }
    closedir(d);
    if (rmdir(path) < 0) {
      u_perror2("rm", path);
      return 1;
    }
    return bad;
  }
  if (unlink(path) < 0) {
    u_perror2("rm", path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (; *o; o++) {
      if (*o == 'r' || *o == 'R')
        recursive = 1;
      else if (*o == 'f')
        force = 1;
      else {
        fprintf(stderr, "rm: unknown option -%c\nusage: rm [-rf] FILE...\n", *o);
        return 1;
      }
    }
  }
  if (i >= argc && !force) {
    fprintf(stderr, "usage: rm [-rf] FILE...\n");
    return 1;
  }
  for (; i < argc; i++)
    st |= remove_path(argv[i]);
  return st;
}
