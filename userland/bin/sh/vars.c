/* vars.c: shell variables, the environment, `local` and the positional
 * parameters.
 *
 * One growing table of NAME → value with export and readonly flags; the
 * environment given to programs is the exported part, rebuilt into a
 * malloc'd array only after a change. It starts from the environment the
 * shell was given (all exported). `local NAME` saves the variable's state
 * on a stack; a function's return restores everything saved since its
 * call (locals_mark/locals_restore). Values are malloc'd and owned here;
 * so are the positional parameters ($1…), replaced by set -- and shift,
 * saved and restored around function calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var {
  char *name;
  char *value;
  int exported;
  int readonly;
};

static struct var *vars;
static int nvars;
static int cap_vars;
static char **env_cache;
static int env_dirty = 1;

char *arg0 = "sh";
int npos;
char **pos_args;
int opt_errexit, opt_nounset, opt_xtrace, opt_noclobber, opt_noglob;

int valid_name(const char *s, int len) {
  int i;
  if (len <= 0)
    return 0;
  for (i = 0; i < len; i++) {
    int c = s[i];
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')))
      return 0;
  }
  return 1;
}

static struct var *find(const char *name) {
  int i;
  for (i = 0; i < nvars; i++)
    if (strcmp(vars[i].name, name) == 0)
      return &vars[i];
  return 0;
}

const char *var_get(const char *name) {
  struct var *v = find(name);
  return v ? v->value : 0;
}

int var_readonly(const char *name) {
  struct var *v = find(name);
  return v && v->readonly;
}

static struct var *create(const char *name) {
  struct var *v;
  if (nvars == cap_vars) {
    cap_vars = cap_vars ? cap_vars * 2 : 64;
    vars = realloc(vars, cap_vars * sizeof *vars);
  }
  v = &vars[nvars++];
  v->name = strdup(name);
  v->value = 0;
  v->exported = 0;
  v->readonly = 0;
  return v;
}

int var_set(const char *name, const char *value, int export_it) {
  struct var *v = find(name);
  if (v && v->readonly) {
    fprintf(stderr, "sh: %s: is read only\n", name);
    return -1;
  }
  if (!v)
    v = create(name);
  free(v->value);
  v->value = strdup(value);
  if (export_it)
    v->exported = 1;
  if (v->exported)
    env_dirty = 1;
  return 0;
}

void var_export(const char *name) {
  struct var *v = find(name);
  if (!v)
    v = create(name);
  v->exported = 1;
  env_dirty = 1;
}

void var_make_readonly(const char *name) {
  struct var *v = find(name);
  if (!v)
    v = create(name);
  v->readonly = 1;
}

int var_unset(const char *name) {
  struct var *v = find(name);
  if (!v)
    return 0;
  if (v->readonly) {
    fprintf(stderr, "sh: %s: is read only\n", name);
    return -1;
  }
  free(v->name);
  free(v->value);
  *v = vars[--nvars];
  env_dirty = 1;
  return 0;
}

void vars_init(char **envp) {
  char name[128];
  for (; envp && *envp; envp++) {
    const char *eq = strchr(*envp, '=');
    int n;
    if (!eq)
      continue;
    n = eq - *envp;
    if (n >= (int)sizeof name || !valid_name(*envp, n))
      continue;
    memcpy(name, *envp, n);
    name[n] = 0;
    var_set(name, eq + 1, 1);
  }
}

char **vars_environ(void) {
  int i;
  int n = 0;
  if (!env_dirty)
    return env_cache;
  if (env_cache) {
    for (i = 0; env_cache[i]; i++)
      free(env_cache[i]);
    free(env_cache);
  }
  env_cache = malloc((nvars + 1) * sizeof(char *));
  for (i = 0; i < nvars; i++) {
    if (!vars[i].exported || !vars[i].value)
      continue;
    env_cache[n] = malloc(strlen(vars[i].name) + strlen(vars[i].value) + 2);
    strcpy(env_cache[n], vars[i].name);
    strcat(env_cache[n], "=");
    strcat(env_cache[n], vars[i].value);
    n++;
  }
  env_cache[n] = 0;
  env_dirty = 0;
  return env_cache;
}

static void print_quoted(const char *s) {
  putchar('\'');
  for (; *s; s++) {
    if (*s == '\'')
      fputs("'\\''", stdout);
    else
      putchar(*s);
  }
  putchar('\'');
}

static int by_name(const void *a, const void *b) {
  return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* `set`, `export -p`, `readonly -p`: sorted by name, values quoted. */
void vars_print(int exported_only, int readonly_only) {
  struct var **sorted = arena_alloc((nvars + 1) * sizeof *sorted);
  int i;
  for (i = 0; i < nvars; i++)
    sorted[i] = &vars[i];
  qsort(sorted, nvars, sizeof *sorted, by_name);
  for (i = 0; i < nvars; i++) {
    struct var *v = sorted[i];
    if ((exported_only && !v->exported) || (readonly_only && !v->readonly))
      continue;
    if (exported_only)
      fputs("export ", stdout);
    else if (readonly_only)
      fputs("readonly ", stdout);
    fputs(v->name, stdout);
    if (v->value) {
      putchar('=');
      print_quoted(v->value);
    }
    putchar('\n');
  }
}

/* ---- local -------------------------------------------------------------- */

struct saved_local {
  char *name;
  char *value;      /* NULL: was unset */
  int exported;
};

static struct saved_local *locals;
static int nlocals;
static int cap_locals;

int locals_mark(void) {
  return nlocals;
}

void local_save(const char *name) {
  struct var *v = find(name);
  struct saved_local *l;
  if (nlocals == cap_locals) {
    cap_locals = cap_locals ? cap_locals * 2 : 16;
    locals = realloc(locals, cap_locals * sizeof *locals);
  }
  l = &locals[nlocals++];
  l->name = strdup(name);
  l->value = v && v->value ? strdup(v->value) : 0;
  l->exported = v ? v->exported : 0;
}

void locals_restore(int mark) {
  while (nlocals > mark) {
    struct saved_local *l = &locals[--nlocals];
    struct var *v = find(l->name);
    if (v)
      v->readonly = 0;
    if (l->value) {
      var_set(l->name, l->value, 0);
      v = find(l->name);
      v->exported = l->exported;
      env_dirty = 1;
    } else {
      var_unset(l->name);
    }
    free(l->name);
    free(l->value);
  }
}

/* ---- positional parameters -------------------------------------------- */

void pos_set(int n, char **args) {
  char **copy = malloc((n + 1) * sizeof(char *));
  int i;
  for (i = 0; i < n; i++)
    copy[i] = strdup(args[i]);
  copy[n] = 0;
  pos_free(pos_args, npos);
  pos_args = copy;
  npos = n;
}

void pos_free(char **args, int n) {
  int i;
  if (!args)
    return;
  for (i = 0; i < n; i++)
    free(args[i]);
  free(args);
}
