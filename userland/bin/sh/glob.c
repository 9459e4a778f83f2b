/* glob.c: pathname expansion of unquoted * ? [...] in a word.
 *
 * The pattern is split at '/' and matched one component at a time against
 * directory listings, so a pattern may sit in any component (/tmp/x*.c,
 * /e?c/passwd). A name starting with '.' matches only a pattern component
 * that starts with '.'. Matches
 * come out sorted; a pattern matching nothing stays as it was (as in sh).
 * In a pattern \x matches x itself (expand.c escapes quoted characters
 * so). pattern_prefix/pattern_suffix serve ${x#p} ${x%p}.
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
      if (*p == '\\' && p[1])
        p++;
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
      if (*p == '\\' && p[1])
        p++;
      if (*p != *s)
        return 0;
      p++;
      s++;
    }
  }
  return *s == 0;
}

char *glob_unescape(const char *pattern) {
  char *out = arena_alloc(strlen(pattern) + 1);
  int n = 0;
  for (; *pattern; pattern++) {
    if (*pattern == '\\' && pattern[1])
      pattern++;
    out[n++] = *pattern;
  }
  out[n] = 0;
  return out;
}

int pattern_prefix(const char *pattern, const char *s, int longest) {
  int len = strlen(s);
  char *copy = arena_strdup(s);
  int k;
  for (k = longest ? len : 0; longest ? k >= 0 : k <= len; k += longest ? -1 : 1) {
    char saved = copy[k];
    int hit;
    copy[k] = 0;
    hit = glob_match(pattern, copy);
    copy[k] = saved;
    if (hit)
      return k;
  }
  return -1;
}

int pattern_suffix(const char *pattern, const char *s, int longest) {
  int len = strlen(s);
  int k;
  for (k = longest ? len : 0; longest ? k >= 0 : k <= len; k += longest ? -1 : 1)
    if (glob_match(pattern, s + len - k))
      return k;
  return -1;
}

/* 1 when the pattern has an unescaped * ? or [ */
int has_glob_chars(const char *p) {
  for (; *p; p++) {
    if (*p == '\\' && p[1])
      p++;
    else if (*p == '*' || *p == '?' || *p == '[')
      return 1;
  }
  return 0;
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Matches the components of `rest` below directory `base` (empty = cwd). */
static void walk(const char *base, const char *rest, struct strvec *out) {
  const char *slash = strchr(rest, '/');
  int len = slash ? slash - rest : (int)strlen(rest);
  char *comp = arena_strndup(rest, len);
  DIR *d;
  struct dirent *e;
  if (len == 0) {
    /* "//" or a trailing '/' */
    if (slash)
      walk(arena_strndup(base, strlen(base)), slash + 1, out);
    return;
  }
  if (!has_glob_chars(comp)) {
    char *path = arena_alloc(strlen(base) + len + 2);
    struct stat st;
    strcpy(path, base);
    strcat(path, glob_unescape(comp));
    if (slash) {
      strcat(path, "/");
      walk(path, slash + 1, out);
    } else if (lstat(path, &st) == 0) {
      sv_push(out, path);
    }
    return;
  }
  d = opendir(base[0] ? base : ".");
  if (!d)
    return;
  while ((e = readdir(d)) != 0) {
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
        walk(path, slash + 1, out);
      }
    } else {
      sv_push(out, path);
    }
  }
  closedir(d);
}

int glob_expand(const char *pattern, struct strvec *out) {
  int first = out->n;
  if (pattern[0] == '/')
    walk("/", pattern + 1, out);
  else
    walk("", pattern, out);
  qsort(out->v + first, out->n - first, sizeof(char *), by_string);
  return out->n - first;
}
