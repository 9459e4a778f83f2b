/* misc.c: a tour of the rest of the library, printing what each call
 * gives, so that the bare-machine run (our compiler, our libc) can be
 * compared byte for byte with the same program under glibc: string
 * functions, strtok, ctype, strtol/atoi, qsort/bsearch, strerror/perror,
 * getopt (POSIX mode: the '+' glibc needs, which ours ignores), errno. */
#define _POSIX_C_SOURCE 200809L /* getopt's globals under glibc; nothing on Hako */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int compare_words(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sign(int x) { return (x > 0) - (x < 0); }

int main(int argc, char **argv) {
  char text[] = "the quick  brown,fox;jumps over the lazy dog";
  char *words[16], *w, *end, buf[64];
  const char *key = "lazy";
  char **found;
  int n = 0, i, c, opt;
  char *opt_argv[] = {"prog", "-vx", "-n", "12", "-q", "--", "-v", NULL};

  setvbuf(stdout, NULL, _IOLBF, 0); /* keeps stdout and stderr in order on both machines */

  for (w = strtok(text, " ,;"); w && n < 16; w = strtok(NULL, " ,;"))
    words[n++] = w;
  qsort(words, (size_t)n, sizeof(char *), compare_words);
  for (i = 0; i < n; i++)
    printf("%s%s", words[i], i + 1 < n ? " " : "\n");
  found = bsearch(&key, words, (size_t)n, sizeof(char *), compare_words);
  printf("bsearch lazy: %d\n", found ? (int)(found - words) : -1);

  printf("strlen %d strnlen %d\n", (int)strlen("hello, world"), (int)strnlen("hello", 3));
  printf("strchr %s strrchr %s\n", strchr("a/b/c", '/'), strrchr("a/b/c", '/'));
  printf("strstr %s strpbrk %s\n", strstr("haystack with needle", "need"), strpbrk("key=value", "=:"));
  printf("strspn %d strcspn %d\n", (int)strspn("  \tx", " \t"), (int)strcspn("abc:def", ":"));
  printf("strcmp %d %d %d strncmp %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "a")),
         sign(strcmp("same", "same")), sign(strncmp("abcdef", "abcxyz", 3)));
  printf("strcasecmp %d strncasecmp %d\n", sign(strcasecmp("HeLLo", "hello")), sign(strncasecmp("ABx", "aby", 2)));
  strcpy(buf, "con");
  strcat(buf, "cat");
  strncat(buf, "enate!!", 5);
  printf("%s\n", buf);
  memset(buf, 0, sizeof(buf));
  strncpy(buf, key, 3);
  printf("[%s] memcmp %d memchr %s\n", buf, sign(memcmp("ab", "ac", 2)), (char *)memchr("find x here", 'x', 11));

  for (c = 0; c < 128; c += 7)
    printf("%c%d%d%d%d%d%d", isprint(c) ? c : '.', !!isalpha(c), !!isdigit(c), !!isspace(c), !!ispunct(c),
           !!isupper(c), !!isxdigit(c));
  printf("\n%c%c%c%c\n", toupper('a'), tolower('Q'), toupper('1'), tolower('z'));

  printf("strtol %ld", strtol("  -0x1fZ", &end, 16));
  printf(" rest %s", end);
  printf(" %ld %ld %lu", strtol("0777", NULL, 0), strtol("z", NULL, 36), strtoul("101", NULL, 2));
  printf(" atoi %d atol %ld\n", atoi("  42abc"), atol("-17"));
  errno = 0;
  strtol(key + 4, &end, 10);
  printf("empty: errno %d consumed %d\n", errno, (int)(end - (key + 4)));

  for (i = 0; i <= 40; i += 5)
    printf("%d: %s\n", i, strerror(i));
  errno = ENOENT;
  perror("perror");
  fflush(stderr);

  while ((opt = getopt(7, opt_argv, "+vxn:")) != -1)
    printf("opt %c arg %s optind %d\n", opt, optarg ? optarg : "-", optind);
  printf("operands from %d: %s\n", optind, opt_argv[optind]);
  printf("abs %d labs %ld\n", abs(-12), labs(-123456L));
  printf("getenv %s\n", getenv("HAKO_SURELY_UNSET") ? "set" : "unset");
  (void)argc;
  (void)argv;
  return 0;
}
