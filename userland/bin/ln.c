/* ln: makes a hard link, or with -s a symbolic link: `ln [-s] TARGET NAME`
 * (NAME may be a directory: the link goes inside it, under TARGET's base
 * name). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int symbolic = 0;
  int i = 1;
  const char *target;
  char *name;
  int r;
  if (i < argc && strcmp(argv[i], "-s") == 0) {
    symbolic = 1;
    i++;
  }
  if (argc - i != 2) {
    fprintf(stderr, "usage: ln [-s] TARGET LINK_NAME\n");
    return 1;
  }
  target = argv[i];
  name = u_dest_path(target, argv[i + 1], u_target_is_dir("ln", argv[i + 1], 1));
  if (!name) {
    fprintf(stderr, "ln: out of memory\n");
    return 1;
  }
  r = symbolic ? symlink(target, name) : link(target, name);
  if (r < 0) {
    u_perror2("ln", name);
    return 1;
  }
  return 0;
}
