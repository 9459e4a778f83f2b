/* basename: the last part of a path, without a SUFFIX if given.
 *   basename NAME [SUFFIX]   basename -a [-s SUFFIX] NAME...
 * Trailing slashes are ignored; "/" stays "/"; the suffix is removed only
 * when something is left. */
#include <stdio.h>
#include <string.h>

static void print_base(const char *path, const char *suffix) {
  char buf[4096];
  char *p;
  int len;
  strncpy(buf, path, sizeof buf - 1);
  buf[sizeof buf - 1] = 0;
  len = strlen(buf);
  while (len > 1 && buf[len - 1] == '/')
    buf[--len] = 0;
  p = strrchr(buf, '/');
  if (p && p[1])
    p++;
  else
    p = buf;
  len = strlen(p);
  if (suffix && *suffix && len > (int)strlen(suffix) && strcmp(p + len - strlen(suffix), suffix) == 0 && strcmp(p, "/"))
    p[len - strlen(suffix)] = 0;
  puts(p);
}

int main(int argc, char **argv) {
  int i = 1;
  int multiple = 0;
  const char *suffix = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (strcmp(argv[i], "-a") == 0)
      multiple = 1;
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
      suffix = argv[++i];
      multiple = 1;
    } else {
      fprintf(stderr, "basename: invalid option -- '%c'\n", argv[i][1]);
      return 1;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "basename: missing operand\nusage: basename NAME [SUFFIX] | basename -a [-s SUFFIX] NAME...\n");
    return 1;
  }
  if (!multiple) {
    if (argc - i > 2) {
      fprintf(stderr, "basename: extra operand '%s'\n", argv[i + 2]);
      return 1;
    }
    print_base(argv[i], i + 1 < argc ? argv[i + 1] : 0);
    return 0;
  }
  for (; i < argc; i++)
    print_base(argv[i], suffix);
  return 0;
}
