/* glob.c: pathname expansion of unquoted * ? [...] in a word.
 *
 * The pattern is split at '/' and matched one component at a time against
 * directory listings, so a pattern may sit in any component (/tmp/x*.c,
 * /e?c/passwd). A name starting with '.' matches only a pattern component
 * that starts with '.'. Matches
 * come out sorted; a pattern matching nothing stays as it was (as in sh).
 * All strings live in the line's arena. */
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include "sh.h"

/* [set] at p: returns the position after it, and whether c is in it. */
static const char *match_set(const char *p, int c, int *hit) {
  int negate = 0;
  int first = 1;
  *hit = 0;
  p++;
  if (*p == '!' || *p == '^') {
    negate = 1;
    p++;
  }
  while (*p && (*p != ']' || first)) {
    if (p[1] == '-' && p[2] && p[2] != ']') {
      if (c >= (unsigned char)p[0] && c <= (unsigned char)p[2])
        *hit = 1;
      p += 3;
    } else {
      if (c == (unsigned char)*p)
        *hit = 1;
      p++;
    }
    first = 0;
  }
  if (negate)
    *hit = !*hit;
  return *p == ']' ? p + 1 : p;
}

int glob_match(const char *p, const char *s) {
  while (*p) {
    if (*p == '*') {
      while (*p == '*')
        p++;
      if (!*p)
        return 1;
      for (; *s; s++)
        if (glob_match(p, s))
          return 1;
      return 0;
    }
    if (!*s)
      return 0;
    if (*p == '?') {
      p++;
      s++;
    } else if (*p == '[') {
      int hit;
      p = match_set(p, (unsigned char)*s, &hit);
      if (!hit)
        return 0;
      s++;
    } else {
      if (*p != *s)
        return 0;
      p++;
      s++;
    }
  }
  return *s == 0;
}

int has_glob_chars(const char *raw) {
  const char *s = raw;
  while (*s) {
    if (*s == '\'') {
      s = strchr(s + 1, '\'');
      if (!s)
        return 0;
    } else if (*s == '"') {
      s++;
      while (*s && *s != '"') {
        if (*s == '\\' && s[1])
          s++;
        s++;
      }
      if (!*s)
        return 0;
    } else if (*s == '\\') {
      if (!s[1])
        return 0;
      s++;
    } else if (*s == '*' || *s == '?' || *s == '[') {
      return 1;
    }
    s++;
  }
  return 0;
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Matches the components of `rest` below directory `base` (empty = cwd). */
static void walk(const char *base, const char *rest, char **out, int max, int *n) {
  const char *slash = strchr(rest, '/');
  int len = slash ? slash - rest : (int)strlen(rest);
  char *comp = arena_strndup(rest, len);
  DIR *d;
  struct dirent *e;
  if (len == 0) {
    /* "//" or a trailing '/' */
    if (slash)
      walk(arena_strndup(base, strlen(base)), slash + 1, out, max, n);
    return;
  }
  if (!has_glob_chars(comp)) {
    char *path = arena_alloc(strlen(base) + len + 2);
    struct stat st;
    strcpy(path, base);
    strcat(path, comp);
    if (slash) {
      strcat(path, "/");
      walk(path, slash + 1, out, max, n);
    } else if (lstat(path, &st) == 0 && *n < max) {
      out[(*n)++] = path;
    }
    return;
  }
  d = opendir(base[0] ? base : ".");
  if (!d)
    return;
  while ((e = readdir(d)) != 0 && *n < max) {
    char *path;
    if (e->d_name[0] == '.' && comp[0] != '.')
      continue;
    if (!glob_match(comp, e->d_name))
      continue;
    path = arena_alloc(strlen(base) + strlen(e->d_name) + 2);
    strcpy(path, base);
    strcat(path, e->d_name);
    if (slash) {
      struct stat st;
      if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        strcat(path, "/");
        walk(path, slash + 1, out, max, n);
      }
    } else {
      out[(*n)++] = path;
    }
  }
  closedir(d);
}

int glob_expand(const char *pattern, char **out, int max) {
  int n = 0;
  if (pattern[0] == '/')
    walk("/", pattern + 1, out, max, &n);
  else
    walk("", pattern, out, max, &n);
  qsort(out, n, sizeof(char *), by_string);
  return n;
}
