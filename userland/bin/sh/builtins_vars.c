/* builtins_vars.c: the builtins over the shell's names — set, shift,
 * export, readonly, unset, local, alias, unalias, type.
 *
 * set: -e (errexit) -u (nounset) -x (xtrace) -C (noclobber) -f (noglob),
 * + to turn off, -o/+o NAME, -- ARGS (or ARGS) for the positional
 * parameters; alone it lists the variables. Aliases are a malloc'd table
 * of NAME → text, expanded when a command runs (command.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static struct {
  char letter;
  const char *name;
  int *flag;
} options[] = {
  { 'e', "errexit", &opt_errexit },
  { 'u', "nounset", &opt_nounset },
  { 'x', "xtrace", &opt_xtrace },
  { 'C', "noclobber", &opt_noclobber },
  { 'f', "noglob", &opt_noglob },
  { 0, 0, 0 },
};

static int set_option(char letter, const char *name, int on) {
  int i;
  for (i = 0; options[i].name; i++) {
    if ((name && strcmp(name, options[i].name) == 0) || (!name && letter == options[i].letter)) {
      *options[i].flag = on;
      return 0;
    }
  }
  if (name)
    fprintf(stderr, "sh: set: %s: bad option name\n", name);
  else
    fprintf(stderr, "sh: set: -%c: bad option\n", letter);
  return -1;
}

int builtin_set(int argc, char **argv) {
  int i = 1;
  if (argc == 1) {
    vars_print(0, 0);
    return write_error_check("set");
  }
  for (; i < argc; i++) {
    const char *a = argv[i];
    int on = a[0] == '-';
    if (strcmp(a, "--") == 0) {
      i++;
      pos_set(argc - i, argv + i);
      return 0;
    }
    if ((a[0] != '-' && a[0] != '+') || !a[1])
      break;
    if (a[1] == 'o') {
      int k;
      if (i + 1 >= argc) {
        for (k = 0; options[k].name; k++)
          printf("%-16s%s\n", options[k].name, *options[k].flag ? "on" : "off");
        return write_error_check("set");
      }
      if (set_option(0, argv[++i], on) < 0)
        return 2;
      continue;
    }
    for (a++; *a; a++)
      if (set_option(*a, 0, on) < 0)
        return 2;
  }
  if (i < argc)
    pos_set(argc - i, argv + i);
  return 0;
}

int builtin_shift(int argc, char **argv) {
  int n = 1;
  int i;
  if (argc > 1) {
    char *end;
    n = strtol(argv[1], &end, 10);
    if (*end || n < 0) {
      fprintf(stderr, "sh: shift: Illegal number: %s\n", argv[1]);
      return 2;
    }
  }
  if (n > npos) {
    fprintf(stderr, "sh: shift: can't shift that many\n");
    return 2;
  }
  for (i = 0; i < n; i++)
    free(pos_args[i]);
  for (i = n; i <= npos; i++)
    pos_args[i - n] = pos_args[i];
  npos -= n;
  return 0;
}

/* NAME or NAME=value of export/readonly/local: the name (arena) and the value or NULL. */
static char *split_assignment(const char *cmd, const char *arg, char **value) {
  const char *eq = strchr(arg, '=');
  int n = eq ? eq - arg : (int)strlen(arg);
  if (!valid_name(arg, n)) {
    fprintf(stderr, "sh: %s: %s: bad variable name\n", cmd, arg);
    return 0;
  }
  *value = eq ? (char *)eq + 1 : 0;
  return arena_strndup(arg, n);
}

static int export_or_readonly(int argc, char **argv, int readonly) {
  int i;
  int st = 0;
  if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
    vars_print(!readonly, readonly);
    return write_error_check(argv[0]);
  }
  for (i = 1; i < argc; i++) {
    char *value;
    char *name = split_assignment(argv[0], argv[i], &value);
    if (!name) {
      st = 1;
      continue;
    }
    if (value && var_set(name, value, 0) < 0) {
      st = 1;
      continue;
    }
    if (readonly)
      var_make_readonly(name);
    else
      var_export(name);
  }
  return st;
}

int builtin_export(int argc, char **argv) {
  return export_or_readonly(argc, argv, 0);
}

int builtin_readonly(int argc, char **argv) {
  return export_or_readonly(argc, argv, 1);
}

int builtin_unset(int argc, char **argv) {
  int i = 1;
  int functions = 0;
  int st = 0;
  if (i < argc && strcmp(argv[i], "-f") == 0) {
    functions = 1;
    i++;
  } else if (i < argc && strcmp(argv[i], "-v") == 0) {
    i++;
  }
  for (; i < argc; i++) {
    if (functions)
      unset_function(argv[i]);
    else if (var_unset(argv[i]) < 0)
      st = 1;
  }
  return st;
}

int builtin_local(int argc, char **argv) {
  int i;
  int st = 0;
  for (i = 1; i < argc; i++) {
    char *value;
    char *name = split_assignment("local", argv[i], &value);
    if (!name) {
      st = 1;
      continue;
    }
    local_save(name);
    if (value && var_set(name, value, 0) < 0)
      st = 1;
  }
  return st;
}

/* ---- aliases ------------------------------------------------------------ */

struct alias {
  char *name;
  char *value;
};

static struct alias *aliases;
static int naliases;

static int find_alias(const char *name) {
  int i;
  for (i = 0; i < naliases; i++)
    if (strcmp(aliases[i].name, name) == 0)
      return i;
  return -1;
}

const char *alias_get(const char *name) {
  int a = find_alias(name);
  return a < 0 ? 0 : aliases[a].value;
}

static void print_alias(int a) {
  printf("%s='%s'\n", aliases[a].name, aliases[a].value);
}

int builtin_alias(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc == 1) {
    for (i = 0; i < naliases; i++)
      print_alias(i);
    return write_error_check("alias");
  }
  for (i = 1; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    int a;
    if (!eq) {
      a = find_alias(argv[i]);
      if (a < 0) {
        fprintf(stderr, "sh: alias: %s not found\n", argv[i]);
        st = 1;
      } else {
        print_alias(a);
      }
      continue;
    }
    *eq = 0;
    a = find_alias(argv[i]);
    if (a < 0) {
      aliases = realloc(aliases, (naliases + 1) * sizeof *aliases);
      a = naliases++;
      aliases[a].name = strdup(argv[i]);
    } else {
      free(aliases[a].value);
    }
    aliases[a].value = strdup(eq + 1);
    *eq = '=';
  }
  return st;
}

int builtin_unalias(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc > 1 && strcmp(argv[1], "-a") == 0) {
    for (i = 0; i < naliases; i++) {
      free(aliases[i].name);
      free(aliases[i].value);
    }
    naliases = 0;
    return 0;
  }
  for (i = 1; i < argc; i++) {
    int a = find_alias(argv[i]);
    if (a < 0) {
      fprintf(stderr, "sh: unalias: %s not found\n", argv[i]);
      st = 1;
      continue;
    }
    free(aliases[a].name);
    free(aliases[a].value);
    aliases[a] = aliases[--naliases];
  }
  return st;
}

/* ---- type --------------------------------------------------------------- */

static int is_keyword(const char *s) {
  static const char *kw[] = { "if", "then", "else", "elif", "fi", "while", "until", "for", "do", "done",
                              "case", "esac", "in", "{", "}", "!", 0 };
  int i;
  for (i = 0; kw[i]; i++)
    if (strcmp(kw[i], s) == 0)
      return 1;
  return 0;
}

int builtin_type(int argc, char **argv) {
  int i;
  int st = 0;
  for (i = 1; i < argc; i++) {
    const char *n = argv[i];
    char *path;
    if (alias_get(n))
      printf("%s is an alias for %s\n", n, alias_get(n));
    else if (is_keyword(n))
      printf("%s is a shell keyword\n", n);
    else if (find_function(n) >= 0)
      printf("%s is a shell function\n", n);
    else if (is_special_builtin(n))
      printf("%s is a special shell builtin\n", n);
    else if (is_builtin(n))
      printf("%s is a shell builtin\n", n);
    else if (strchr(n, '/') ? access(n, X_OK) == 0 : (path = search_path(n)) != 0) {
      printf("%s is %s\n", n, strchr(n, '/') ? n : path);
      if (!strchr(n, '/'))
        free(path);
    } else {
      printf("%s: not found\n", n);
      st = 127;
    }
  }
  if (write_error_check("type"))
    return 1;
  return st;
}
