/* getopt.c: POSIX command-line option parsing (getopt, optarg, optind,
 * opterr, optopt).
 *
 * Scans argv from optind: "-abc" is three options, "-ofile" and "-o file"
 * give o its argument when optstring has "o:". Stops (returning -1) at
 * the first non-option, at "-" alone, or after "--". Arguments are never
 * reordered (POSIX, not GNU: a leading '+' in optstring, GNU's way of
 * asking for this, is accepted and ignored). Errors return '?' with optopt
 * set and, when opterr is nonzero and optstring does not start with ':',
 * print glibc's messages on stderr; a missing argument returns ':' instead
 * when optstring starts with ':'. Setting optind to 0 or 1 restarts. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt;

/* Where we are inside a group like "-abc": the argv index and the offset
 * of the next option letter (0 = not inside a group). */
static int group_index;
static int group_offset;

int getopt(int argc, char *const argv[], const char *optstring) {
  const char *arg, *spec;
  int c, quiet;
  if (optind == 0) {
    optind = 1;
    group_offset = 0;
  }
  if (group_index != optind)
    group_offset = 0;
  if (*optstring == '+')
    optstring++;
  quiet = *optstring == ':';
  optarg = NULL;
  if (group_offset == 0) {
    if (optind >= argc || argv[optind] == NULL)
      return -1;
    arg = argv[optind];
    if (arg[0] != '-' || arg[1] == 0)
      return -1;
    if (strcmp(arg, "--") == 0) {
      optind++;
      return -1;
    }
    group_index = optind;
    group_offset = 1;
  }
  arg = argv[optind];
  c = (unsigned char)arg[group_offset++];
  spec = c == ':' ? NULL : strchr(optstring, c);
  if (arg[group_offset] == 0) {
    /* The group is used up: the next call starts at the next argument. */
    optind++;
    group_offset = 0;
  }
  if (spec == NULL) {
    optopt = c;
    if (opterr && !quiet)
      fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
    return '?';
  }
  if (spec[1] == ':') {
    if (group_offset != 0) {
      /* The rest of this argument is the option's argument: "-ofile". */
      optarg = (char *)arg + group_offset;
      optind++;
      group_offset = 0;
    } else if (optind < argc) {
      optarg = argv[optind++];
    } else {
      optopt = c;
      if (quiet)
        return ':';
      if (opterr)
        fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
      return '?';
    }
  }
  return c;
}
