/* ln: makes hard links, or with -s symbolic links: `ln [-s] TARGET NAME`,
 * or `ln [-s] TARGET... DIRECTORY` (the links go inside it, under each
 * TARGET's base name; so does one when NAME is a directory). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

#define USAGE "usage: ln [-s] TARGET LINK_NAME | ln [-s] TARGET... DIRECTORY\n"

static int symbolic;

static int make_link(const char *target, const char *name) {
  if ((symbolic ? symlink(target, name) : link(target, name)) < 0) {
    u_perror2("ln", name);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  if (i < argc && strcmp(argv[i], "-s") == 0) {
    symbolic = 1;
    i++;
  }
  return u_each_source("ln", USAGE, argc, argv, i, make_link);
}
