/* echo: prints its arguments separated by spaces, as GNU's /bin/echo:
 *   -n no newline at the end, -e backslash escapes (\\ \a \b \c \e \f \n
 *   \r \t \v \0NNN \xHH; \c ends all output), -E none (the default).
 * An argument is an option only when it is '-' and these letters alone. */
#include <stdio.h>
#include <string.h>

/* one escape after the backslash at s; returns the bytes read, or -1 for \c */
static int put_escape(const char *s) {
  int v = 0;
  int n = 0;
  switch (*s) {
  case 'a': putchar(7); return 1;
  case 'b': putchar(8); return 1;
  case 'c': return -1;
  case 'e': putchar(27); return 1;
  case 'f': putchar(12); return 1;
  case 'n': putchar('\n'); return 1;
  case 'r': putchar('\r'); return 1;
  case 't': putchar('\t'); return 1;
  case 'v': putchar(11); return 1;
  case '\\': putchar('\\'); return 1;
  case '0':
    for (n = 1; n < 4 && s[n] >= '0' && s[n] <= '7'; n++)
      v = v * 8 + (s[n] - '0');
    putchar(v);
    return n;
  case 'x':
    for (n = 1; n < 3; n++) {
      int c = s[n];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0)
        break;
      v = v * 16 + d;
    }
    if (n == 1) {
      putchar('\\');
      return 0;   /* \x without digits stays as written */
    }
    putchar(v);
    return n;
  }
  putchar('\\');
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int newline = 1;
  int escapes = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    if (strspn(o, "neE") != strlen(o))
      break;
    for (; *o; o++) {
      if (*o == 'n')
        newline = 0;
      else
        escapes = *o == 'e';
    }
  }
  for (; i < argc; i++) {
    const char *s = argv[i];
    if (!escapes) {
      fputs(s, stdout);
    } else {
      while (*s) {
        if (*s == '\\' && s[1]) {
          int used = put_escape(s + 1);
          if (used < 0)
            return 0;
          s += 1 + used;
        } else {
          putchar(*s++);
        }
      }
    }
    if (i + 1 < argc)
      putchar(' ');
  }
  if (newline)
    putchar('\n');
  return 0;
}
