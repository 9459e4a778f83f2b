/* vars.c: shell variables and the environment.
 *
 * One table of NAME → value with an export flag; the environment given to
 * programs is the exported part, rebuilt into a malloc'd array only after
 * a change. Starts from the environment the shell was given (all
 * exported). Values are malloc'd and owned here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define MAX_VARS 128

struct var {
  char *name;
  char *value;
  int exported;
};

static struct var vars[MAX_VARS];
static int nvars;
static char **env_cache;
static int env_dirty = 1;

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

void var_set(const char *name, const char *value, int export_it) {
  struct var *v = find(name);
  if (!v) {
    if (nvars >= MAX_VARS) {
      fprintf(stderr, "sh: too many variables\n");
      return;
    }
    v = &vars[nvars++];
    v->name = strdup(name);
    v->value = 0;
    v->exported = 0;
  }
  free(v->value);
  v->value = strdup(value);
  if (export_it)
    v->exported = 1;
  if (v->exported)
    env_dirty = 1;
}

void var_export(const char *name) {
  struct var *v = find(name);
  if (!v) {
    var_set(name, "", 1);
    return;
  }
  v->exported = 1;
  env_dirty = 1;
}

void var_unset(const char *name) {
  struct var *v = find(name);
  if (!v)
    return;
  free(v->name);
  free(v->value);
  *v = vars[--nvars];
  env_dirty = 1;
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
    if (!vars[i].exported)
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

void vars_print_exports(void) {
  int i;
  for (i = 0; i < nvars; i++)
    if (vars[i].exported)
      printf("export %s=\"%s\"\n", vars[i].name, vars[i].value);
}
