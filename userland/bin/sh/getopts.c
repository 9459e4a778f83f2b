/* getopts.c: the getopts builtin (POSIX) — one option per call from the
 * positional parameters (or the words given after NAME):
 *   getopts OPTSTRING NAME [WORD...]
 * OPTIND (a shell variable, 1 at start) is the index of the next word;
 * a group like -ab is walked letter by letter, the position inside it
 * kept here and forgotten whenever OPTIND is set to something else (so
 * OPTIND=1 restarts). NAME gets the letter, OPTARG the option's argument.
 * At the end (a non-option, "--", or no more words) NAME is "?" and the
 * status 1. An unknown letter or a missing argument: NAME "?" and a
 * message, or — when OPTSTRING starts with ':' — silently, with OPTARG
 * the letter and NAME ":" for a missing argument. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static int group_word;     /* OPTIND value the group position belongs to */
static int group_offset;   /* next letter inside that word (0: none) */

static void set_number(const char *name, int n) {
  char text[16];
  sprintf(text, "%d", n);
  var_set(name, text, 0);
}

int builtin_getopts(int argc, char **argv) {
  const char *optstring;
  const char *name;
  char **words;
  int nwords;
  int optind;
  const char *word;
  const char *spec;
  int silent;
  char letter[2];
  const char *optind_text;
  if (argc < 3) {
    fprintf(stderr, "sh: getopts: usage: getopts optstring name [arg ...]\n");
    return 2;
  }
  optstring = argv[1];
  name = argv[2];
  silent = optstring[0] == ':';
  if (silent)
    optstring++;
  if (argc > 3) {
    words = argv + 3;
    nwords = argc - 3;
  } else {
    words = pos_args;
    nwords = npos;
  }
  optind_text = var_get("OPTIND");
  optind = optind_text && *optind_text ? atoi(optind_text) : 1;
  if (optind < 1)
    optind = 1;
  if (optind != group_word)
    group_offset = 0;
  if (group_offset == 0) {
    if (optind > nwords) {
      var_set(name, "?", 0);
      return 1;
    }
    word = words[optind - 1];
    if (word[0] != '-' || word[1] == 0) {
      var_set(name, "?", 0);
      return 1;
    }
    if (strcmp(word, "--") == 0) {
      set_number("OPTIND", optind + 1);
      var_set(name, "?", 0);
      return 1;
    }
    group_offset = 1;
  }
  word = words[optind - 1];
  letter[0] = word[group_offset++];
  letter[1] = 0;
  if (word[group_offset] == 0) {
    optind++;
    group_offset = 0;
  }
  spec = letter[0] != ':' ? strchr(optstring, letter[0]) : 0;
  if (!spec) {
    if (silent) {
      var_set("OPTARG", letter, 0);
    } else {
      fprintf(stderr, "sh: illegal option -- %s\n", letter);
      var_unset("OPTARG");
    }
    var_set(name, "?", 0);
  } else if (spec[1] == ':') {
    if (group_offset != 0) {
      /* the rest of this word is the argument: -ofile */
      var_set("OPTARG", word + group_offset, 0);
      optind++;
      group_offset = 0;
      var_set(name, letter, 0);
    } else if (optind <= nwords) {
      var_set("OPTARG", words[optind - 1], 0);
      optind++;
      var_set(name, letter, 0);
    } else if (silent) {
      var_set("OPTARG", letter, 0);
      var_set(name, ":", 0);
    } else {
      fprintf(stderr, "sh: option requires an argument -- %s\n", letter);
      var_unset("OPTARG");
      var_set(name, "?", 0);
    }
  } else {
    var_set(name, letter, 0);
    var_unset("OPTARG");
  }
  set_number("OPTIND", optind);
  group_word = optind;
  return 0;
}
