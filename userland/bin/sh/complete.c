/* complete.c: Tab completion for the line editor.
 *
 * The word before the cursor (back to a blank, or to | ; & ( which start
 * a new command) is completed. In command position a word without '/'
 * is matched against the builtins, the functions, the aliases and the
 * programs of $PATH; anything else against the names in its directory
 * (dot files only when the word's last part starts with '.'). The caller
 * inserts what all matches share; when that adds nothing and there are
 * several, it lists them. A single match gets a '/' after a directory, a
 * space otherwise. Results live in the arena (emptied after each command). */
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include "sh.h"

static const char *builtin_names[] = { ".", ":", "alias", "bg", "break", "cd", "command", "continue", "echo", "eval",
                                       "exec", "exit", "export", "false", "fg", "getopts", "help", "jobs", "local", "printf",
                                       "pwd", "read", "readonly", "return", "set", "shift", "source", "test", "times",
                                       "trap", "true", "type", "umask", "unalias", "unset", "wait", 0 };

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_unique(struct strvec *out, const char *name) {
  int i;
  for (i = 0; i < out->n; i++)
    if (strcmp(out->v[i], name) == 0)
      return;
  sv_push(out, arena_strdup(name));
}

/* Names in dir starting with prefix; with dirs_marked, directories get a '/'. */
static void scan_dir(const char *dir, const char *prefix, struct strvec *out, int dirs_marked, int executables) {
  DIR *d = opendir(dir[0] ? dir : ".");
  struct dirent *e;
  int plen = strlen(prefix);
  if (!d)
    return;
  while ((e = readdir(d)) != 0) {
    char path[512];
    struct stat st;
    int is_dir;
    if (strncmp(e->d_name, prefix, plen) != 0)
      continue;
    if (e->d_name[0] == '.' && prefix[0] != '.')
      continue;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (strlen(dir) + strlen(e->d_name) + 2 >= sizeof path)
      continue;
    strcpy(path, dir[0] ? dir : ".");
    strcat(path, "/");
    strcat(path, e->d_name);
    is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (executables && (is_dir || !(st.st_mode & 0111)))
      continue;
    if (dirs_marked && is_dir) {
      char *marked = arena_alloc(strlen(e->d_name) + 2);
      strcpy(marked, e->d_name);
      strcat(marked, "/");
      add_unique(out, marked);
    } else {
      add_unique(out, e->d_name);
    }
  }
  closedir(d);
}

static void commands(const char *prefix, struct strvec *out) {
  const char *path = var_get("PATH");
  int plen = strlen(prefix);
  int i;
  for (i = 0; builtin_names[i]; i++)
    if (strncmp(builtin_names[i], prefix, plen) == 0)
      add_unique(out, builtin_names[i]);
  if (!path)
    path = "/bin:/usr/bin";
  while (*path) {
    const char *end = strchr(path, ':');
    int len = end ? end - path : (int)strlen(path);
    scan_dir(arena_strndup(path, len), prefix, out, 0, 1);
    path += len;
    if (*path == ':')
      path++;
  }
}

/* Completes the word ending at `cursor` in line. *word_start is where the
 * word begins; the return value is the text that replaces it (the
 * longest common extension), and `matches` holds every candidate. */
char *complete_word(const char *line, int cursor, int *word_start, struct strvec *matches) {
  int start = cursor;
  int k;
  int command_position;
  char *word;
  char *slash;
  char *result;
  int common;
  while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t' && !strchr("|;&(<>", line[start - 1]))
    start--;
  k = start;
  while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\t'))
    k--;
  command_position = k == 0 || strchr("|;&(", line[k - 1]) != 0;
  word = arena_strndup(line + start, cursor - start);
  *word_start = start;
  memset(matches, 0, sizeof *matches);
  slash = strrchr(word, '/');
  if (command_position && !slash) {
    commands(word, matches);
  } else {
    char *dir = slash ? arena_strndup(word, slash - word + 1) : "";
    const char *base = slash ? slash + 1 : word;
    struct strvec names;
    int i;
    memset(&names, 0, sizeof names);
    scan_dir(dir[0] ? (strcmp(dir, "/") == 0 ? "/" : arena_strndup(dir, strlen(dir) - 1)) : "", base, &names, 1, 0);
    if (strcmp(dir, "/") == 0)
      dir = "/";
    for (i = 0; i < names.n; i++) {
      char *full = arena_alloc(strlen(dir) + strlen(names.v[i]) + 1);
      strcpy(full, dir);
      strcat(full, names.v[i]);
      sv_push(matches, full);
    }
  }
  if (matches->n == 0)
    return word;
  qsort(matches->v, matches->n, sizeof(char *), by_string);
  common = strlen(matches->v[0]);
  for (k = 1; k < matches->n; k++) {
    int j = 0;
    while (j < common && matches->v[k][j] == matches->v[0][j])
      j++;
    common = j;
  }
  result = arena_alloc(common + 2);
  memcpy(result, matches->v[0], common);
  if (matches->n == 1 && result[common - 1] != '/')
    result[common++] = ' ';
  result[common] = 0;
  return result;
}
