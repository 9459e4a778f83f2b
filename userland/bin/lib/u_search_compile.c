/* u_search_compile.c: the pattern of a pager's or editor's / search (less,
 * vi), compiled as a basic regular expression; what went wrong is the
 * message vi shows in its status line. */
#include <stdio.h>
#include <regex.h>
#include "ulib.h"

int u_search_compile(regex_t *re, const char *pattern, char *message, int size) {
  int err;
  if (!pattern[0]) {
    snprintf(message, size, "No previous regular expression");
    return -1;
  }
  err = regcomp(re, pattern, 0);
  if (err) {
    char why[128];
    regerror(err, re, why, sizeof why);
    snprintf(message, size, "Bad pattern: %s", why);
    return -1;
  }
  return 0;
}
