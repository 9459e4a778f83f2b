/* t_getopt.c: getopt against glibc's in POSIX mode ("+" in front of the
 * option string: no argument reordering), step by step — return value,
 * optarg, optind, optopt — over grouped options, attached and separate
 * arguments, "--", "-", missing arguments and unknown letters; then our
 * error messages on stderr. Also strcasecmp/strncasecmp against glibc. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "hk.h"

struct getopt_case {
  const char *optstring;
  const char *args[8];
};

static const struct getopt_case cases[] = {
  {"ab:", {"prog", "-a", "-b", "x", "file", NULL}},
  {"ab:", {"prog", "-abx", "rest", NULL}},
  {"ab:", {"prog", "-ab", NULL}},
  {":ab:", {"prog", "-ab", NULL}},
  {"ab:", {"prog", "-z", "-a", NULL}},
  {":ab:", {"prog", "-az", NULL}},
  {"ab:", {"prog", "--", "-a", NULL}},
  {"ab:", {"prog", "-", "-a", NULL}},
  {"ab:", {"prog", "file", "-a", NULL}},
  {"a", {"prog", "-a", "--", "--", NULL}},
  {"abcd:", {"prog", "-ab", "-c", "-dvalue", "-d", "v2", "x", NULL}},
  {"ab:", {"prog", "-b", "-a", NULL}},
  {"ab:", {"prog", "-:", NULL}},
  {"ab:", {"prog", NULL}},
  {"a", {"prog", "-aaa", NULL}},
  {"x:y", {"prog", "-yx", "", "-y", NULL}},
};

static void getopt_sequences(void) {
  size_t k;
  int argc, step, ours, theirs, same;
  char plus[16];
  char *argv_ours[8], *argv_theirs[8];
  char *arg_ours, *arg_theirs;
  for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
    for (argc = 0; cases[k].args[argc]; argc++) {
      argv_ours[argc] = (char *)cases[k].args[argc];
      argv_theirs[argc] = (char *)cases[k].args[argc];
    }
    argv_ours[argc] = argv_theirs[argc] = NULL;
    /* glibc's POSIX mode: '+' first, then ':' if the case has it. */
    snprintf(plus, sizeof(plus), "+%s", cases[k].optstring);
    optind = 0;
    opterr = 0;
    hk_optind = 1;
    hk_opterr = 0;
    same = 1;
    for (step = 0; step < 12 && same; step++) {
      ours = hk_getopt(argc, argv_ours, cases[k].optstring);
      arg_ours = hk_optarg;
      theirs = getopt(argc, argv_theirs, plus);
      arg_theirs = optarg;
      same = ours == theirs && hk_optind == optind && (arg_ours == NULL) == (arg_theirs == NULL) &&
             (arg_ours == NULL || strcmp(arg_ours, arg_theirs) == 0) &&
             ((ours != '?' && ours != ':') || hk_optopt == optopt);
      CHECK(same, "getopt case %zu step %d: ours %d optind %d optarg %s optopt %d; glibc %d optind %d optarg %s optopt %d",
            k, step, ours, hk_optind, arg_ours ? arg_ours : "NULL", hk_optopt, theirs, optind,
            arg_theirs ? arg_theirs : "NULL", optopt);
      if (ours == -1)
        break;
    }
  }
}

static void getopt_messages(void) {
  char *argv[] = {"prog", "-q", "-b", NULL};
  shim.capture = 1;
  shim_reset_console();
  hk_optind = 1;
  hk_opterr = 1;
  CHECK(hk_getopt(3, argv, "b:") == '?' && hk_optopt == 'q', "unknown option");
  CHECK(hk_getopt(3, argv, "b:") == '?' && hk_optopt == 'b', "missing argument");
  CHECK(shim.err_len > 0 && strncmp(shim.err, "prog: invalid option -- 'q'\nprog: option requires an argument -- 'b'\n",
                                    shim.err_len) == 0,
        "messages: %.*s", (int)shim.err_len, shim.err);
  shim_reset_console();
  hk_optind = 1;
  hk_opterr = 0;
  hk_getopt(3, argv, "b:");
  hk_getopt(3, argv, "b:");
  CHECK(shim.err_len == 0, "opterr = 0 silences them");
  shim.capture = 0;
}

static int sign(int x) { return (x > 0) - (x < 0); }

static void case_insensitive(void) {
  static const char *words[] = {"", "a", "A", "abc", "ABD", "aBc", "abcd", "[", "_", "Z", "z", "\xe9"};
  size_t i, j, n;
  int bad = 0;
  for (i = 0; i < 12; i++)
    for (j = 0; j < 12; j++) {
      if (sign(hk_strcasecmp(words[i], words[j])) != sign(strcasecmp(words[i], words[j])))
        bad++;
      for (n = 0; n < 5; n++)
        if (sign(hk_strncasecmp(words[i], words[j], n)) != sign(strncasecmp(words[i], words[j], n)))
          bad++;
    }
  CHECK(bad == 0, "strcasecmp/strncasecmp signs agree with glibc: %d differ", bad);
}

void test_getopt(void) {
  getopt_sequences();
  getopt_messages();
  case_insensitive();
}
