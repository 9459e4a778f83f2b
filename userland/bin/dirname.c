/* dirname: each NAME without its last part ("." when there is no slash;
 * trailing slashes ignored; "/" for a name in the root). */
#include <stdio.h>
#include <string.h>

static void print_dir(const char *path) {
  char buf[4096];
  int len;
  strncpy(buf, path, sizeof buf - 1);
  buf[sizeof buf - 1] = 0;
  len = strlen(buf);
  while (len > 1 && buf[len - 1] == '/')
    len--;
  while (len > 0 && buf[len - 1] != '/')
    len--;
  if (len == 0) {
    puts(".");
    return;
  }
  while (len > 1 && buf[len - 1] == '/')
    len--;
  buf[len] = 0;
  puts(buf);
}

int main(int argc, char **argv) {
  int i = 1;
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;
  if (i >= argc) {
    fprintf(stderr, "dirname: missing operand\nusage: dirname NAME...\n");
    return 1;
  }
  for (; i < argc; i++)
    print_dir(argv[i]);
  return 0;
}
