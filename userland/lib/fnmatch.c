/* fnmatch.c: shell wildcards (POSIX fnmatch): * any run, ? one character,
 * [set] with ranges, [!…] or [^…], [:class:], \ quoting (unless
 * FNM_NOESCAPE); FNM_PATHNAME keeps / out of wildcards, FNM_PERIOD a
 * leading period (at the start, or after / with FNM_PATHNAME) out of them,
 * FNM_CASEFOLD ignores case (not within [:class:]). A [ without its ] is
 * an ordinary character.
 * Matching backtracks only to the last *, which is enough because a later
 * star can absorb whatever an earlier one would have: linear space,
 * O(n·m) time. Returns 0 or FNM_NOMATCH. */
#include <fnmatch.h>
#include <ctype.h>
#include <string.h>

static int fold(int c, int flags) {
  return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

static int in_class(const char *name, int len, int c) {
  static const char *names[] = {"alpha", "digit", "alnum", "upper", "lower", "space",
                                "blank", "punct", "print", "graph", "cntrl", "xdigit"};
  int i;
  for (i = 0; i < 12; i++)
    if ((int)strlen(names[i]) == len && strncmp(names[i], name, len) == 0)
      break;
  switch (i) {
  case 0: return isalpha(c) != 0;
  case 1: return isdigit(c) != 0;
  case 2: return isalnum(c) != 0;
  case 3: return isupper(c) != 0;
  case 4: return islower(c) != 0;
  case 5: return isspace(c) != 0;
  case 6: return c == ' ' || c == '\t';
  case 7: return ispunct(c) != 0;
  case 8: return isprint(c) != 0;
  case 9: return isgraph(c) != 0;
  case 10: return iscntrl(c) != 0;
  case 11: return isxdigit(c) != 0;
  }
  return -1;
}

/* A bracket expression at p (just after '[') against c: 1 match, 0 not,
 * -1 when it is not a bracket expression (no closing ]); *end is after it. */
static int bracket(const char *p, int c, int flags, const char **end) {
  int negate = 0;
  int matched = 0;
  int first = 1;
  if (*p == '!' || *p == '^') {
    negate = 1;
    p++;
  }
  for (;;) {
    int lo, hi;
    if (!*p)
      return -1;
    if (*p == ']' && !first)
      break;
    first = 0;
    if (p[0] == '[' && p[1] == ':') {
      const char *q = strstr(p + 2, ":]");
      if (q) {
        int r = in_class(p + 2, (int)(q - p - 2), c);
        if (r < 0)
          return -1;
        if (r)
          matched = 1; /* as glibc, FNM_CASEFOLD does not widen a class */
        p = q + 2;
        continue;
      }
    }
    if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
      p++;
    lo = (unsigned char)*p++;
    hi = lo;
    if (p[0] == '-' && p[1] && p[1] != ']') {
      p++;
      if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
        p++;
      hi = (unsigned char)*p++;
    }
    if ((c >= lo && c <= hi) ||
        ((flags & FNM_CASEFOLD) && ((tolower(c) >= lo && tolower(c) <= hi) || (toupper(c) >= lo && toupper(c) <= hi))))
      matched = 1;
  }
  *end = p + 1;
  return matched != negate;
}

/* Whether a period at s (in string start) is a leading one FNM_PERIOD protects. */
static int leading_period(const char *start, const char *s, int flags) {
  return (flags & FNM_PERIOD) && *s == '.' && (s == start || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

int fnmatch(const char *pattern, const char *string, int flags) {
  const char *p = pattern;
  const char *s = string;
  const char *star_p = 0; /* the pattern just after the last * */
  const char *star_s = 0; /* where that * stopped absorbing */
  for (;;) {
    if (*p == '*') {
      while (*p == '*')
        p++;
      if (leading_period(string, s, flags))
        goto retry;
      star_p = p;
      star_s = s;
      continue;
    }
    if (!*s) {
      if (!*p)
        return 0;
      goto retry;
    }
    if (*p == '?') {
      if ((*s == '/' && (flags & FNM_PATHNAME)) || leading_period(string, s, flags))
        goto retry;
      p++;
      s++;
      continue;
    }
    if (*p == '[') {
      const char *end;
      int r;
      if ((*s == '/' && (flags & FNM_PATHNAME)) || leading_period(string, s, flags))
        goto retry;
      r = bracket(p + 1, (unsigned char)*s, flags, &end);
      if (r == 1) {
        p = end;
        s++;
        continue;
      }
      if (r == 0)
        goto retry;
      /* no closing ]: an ordinary [ */
    }
    {
      int pc = (unsigned char)*p;
      if (pc == '\\' && !(flags & FNM_NOESCAPE) && p[1])
        pc = (unsigned char)*++p;
      if (pc && fold(pc, flags) == fold((unsigned char)*s, flags)) {
        p++;
        s++;
        continue;
      }
    }
  retry:
    /* let the last * take one more character (never a / with FNM_PATHNAME) */
    if (!star_p || !*star_s || (*star_s == '/' && (flags & FNM_PATHNAME)))
      return FNM_NOMATCH;
    star_s++;
    p = star_p;
    s = star_s;
  }
}
