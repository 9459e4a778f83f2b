/* which: the path of each command NAME, as the shell would find it in
 * $PATH (the first executable regular file, or with -a every one; a NAME
 * with a slash is checked as it is). Status 0 when every NAME was found,
 * 1 otherwise (nothing is printed for one that is not). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int executable(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int main(int argc, char **argv) {
  int all = 0;
  int i = 1;
  int status = 0;
  const char *path = getenv("PATH");
  if (!path)
    path = "/bin:/sbin";
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "-a") == 0)
      all = 1;
    else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      fprintf(stderr, "usage: which [-a] NAME...\n");
      return 2;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "usage: which [-a] NAME...\n");
    return 1;
  }
  for (; i < argc; i++) {
    const char *name = argv[i];
    int found = 0;
    if (strchr(name, '/')) {
      found = executable(name);
      if (found)
        puts(name);
    } else {
      const char *p = path;
      for (;;) {
        const char *colon = strchr(p, ':');
        int len = colon ? (int)(colon - p) : (int)strlen(p);
        char *full = malloc(len + strlen(name) + 3);
        if (!full)
          return 2;
        /* an empty entry is the current directory */
        if (len == 0) {
          strcpy(full, ".");
          len = 1;
        } else {
          memcpy(full, p, len);
        }
        full[len] = '/';
        strcpy(full + len + 1, name);
        if (executable(full)) {
          puts(full);
          found = 1;
        }
        free(full);
        if ((found && !all) || !colon)
          break;
        p = colon + 1;
      }
    }
    if (!found)
      status = 1;
  }
  return status;
}
