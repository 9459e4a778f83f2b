/* find: walks directory trees and evaluates an expression on each file.
 *   find [PATH...] [EXPRESSION]      (PATH defaults to .)
 * Tests: -name PAT, -iname PAT, -path PAT (shell wildcards, libc fnmatch),
 * -type b|c|d|f|l|p|s, -perm MODE|-MODE|/MODE (octal: exactly, all of,
 * any of), -user NAME|UID, -group NAME|GID, -newer FILE, -size [+-]N[cwbkMG]
 * (in units rounded up, default 512-byte blocks), -mtime [+-]N and -mmin
 * [+-]N (whole days / minutes since the last change, rounded down, as GNU
 * find), -empty, -true, -false.
 * Actions: -print, -print0, -exec CMD {} ; (true when CMD exits 0), -exec
 * CMD {} + (files in batches), -prune. Options: -maxdepth N, -mindepth N.
 * Operators: ( EXPR ), ! EXPR or -not, EXPR [-a|-and] EXPR, EXPR -o|-or
 * EXPR. Without an action, -print applies to what the expression selects.
 * Symbolic links are not followed. Errors are reported and the walk goes
 * on; the status is then 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fnmatch.h>
#include <dirent.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"

#define MAX_NODES 256
#define MAX_BATCH 256

enum kind {
  K_AND, K_OR, K_NOT, K_TRUE, K_FALSE, K_NAME, K_INAME, K_PATH, K_TYPE, K_PERM, K_USER, K_GROUP,
  K_NEWER, K_SIZE, K_MTIME, K_EMPTY, K_PRINT, K_PRINT0, K_EXEC, K_EXEC_PLUS, K_PRUNE
};

struct node {
  enum kind kind;
  int a, b;        /* AND/OR: children; NOT: child */
  const char *str; /* NAME/PATH: the pattern */
  long num;        /* PERM: mode; USER/GROUP: id; NEWER: mtime; SIZE: count */
  int mode;        /* PERM: 0 exact, '-' all, '/' any; SIZE: '+' '-' or 0; TYPE: the letter */
  long unit;       /* SIZE: bytes per unit */
  char **argv;     /* EXEC: the command, {} where the name goes */
  int argc;
  char *batch[MAX_BATCH]; /* EXEC_PLUS: names waiting */
  int nbatch;
};

static struct node nodes[MAX_NODES];
static int nnodes;
static char **tok;
static int ntok, pos;
static int maxdepth = -1, mindepth = 0;
static int has_action;
static int status;
static int prune;
static time_t now;

static void die(const char *msg, const char *arg) {
  fprintf(stderr, "find: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  exit(1);
}

static int new_node(enum kind kind) {
  if (nnodes >= MAX_NODES)
    die("expression too long", 0);
  memset(&nodes[nnodes], 0, sizeof nodes[nnodes]);
  nodes[nnodes].kind = kind;
  return nnodes++;
}

static const char *arg_of(const char *opt) {
  if (pos >= ntok) {
    fprintf(stderr, "find: missing argument to '%s'\n", opt);
    exit(1);
  }
  return tok[pos++];
}

/* A user or group name from /etc/passwd or /etc/group (or a number). */
static long id_of(const char *file, const char *name) {
  FILE *f;
  char *line = 0;
  size_t cap = 0;
  char *end;
  long id = strtol(name, &end, 10);
  if (*name && !*end)
    return id;
  f = fopen(file, "r");
  id = -1;
  while (f && getline(&line, &cap, f) >= 0) {
    char *colon = strchr(line, ':');
    char *idp;
    if (!colon || strncmp(line, name, colon - line) != 0 || (size_t)(colon - line) != strlen(name))
      continue;
    idp = strchr(colon + 1, ':');
    if (idp) {
      id = atol(idp + 1);
      break;
    }
  }
  if (f)
    fclose(f);
  free(line);
  return id;
}

static int parse_or(void);

static int parse_primary(void) {
  const char *t = tok[pos++];
  int n;
  if (strcmp(t, "(") == 0) {
    n = parse_or();
    if (pos >= ntok || strcmp(tok[pos], ")") != 0)
      die("invalid expression; I was expecting to find a ')' somewhere but did not see one.", 0);
    pos++;
    return n;
  }
  if (strcmp(t, "!") == 0 || strcmp(t, "-not") == 0) {
    int child;
    if (pos >= ntok)
      die("invalid expression; you have used a binary operator '!' with nothing before it.", 0);
    child = parse_primary();
    n = new_node(K_NOT);
    nodes[n].a = child;
    return n;
  }
  if (strcmp(t, "-name") == 0 || strcmp(t, "-iname") == 0 || strcmp(t, "-path") == 0) {
    n = new_node(t[1] == 'n' ? K_NAME : t[1] == 'i' ? K_INAME : K_PATH);
    nodes[n].str = arg_of(t);
    return n;
  }
  if (strcmp(t, "-type") == 0) {
    const char *v = arg_of(t);
    if (strlen(v) != 1 || !strchr("bcdflps", v[0]))
      die("Unknown argument to -type", v);
    n = new_node(K_TYPE);
    nodes[n].mode = v[0];
    return n;
  }
  if (strcmp(t, "-perm") == 0) {
    const char *v = arg_of(t);
    char *end;
    n = new_node(K_PERM);
    if (*v == '-' || *v == '/')
      nodes[n].mode = *v++;
    nodes[n].num = strtol(v, &end, 8);
    if (!*v || *end)
      die("invalid mode", v);
    return n;
  }
  if (strcmp(t, "-user") == 0 || strcmp(t, "-group") == 0) {
    const char *v = arg_of(t);
    n = new_node(t[1] == 'u' ? K_USER : K_GROUP);
    nodes[n].num = id_of(t[1] == 'u' ? "/etc/passwd" : "/etc/group", v);
    if (nodes[n].num < 0)
      die(t[1] == 'u' ? "is not the name of a known user" : "is not the name of an existing group", v);
    return n;
  }
  if (strcmp(t, "-newer") == 0) {
    const char *v = arg_of(t);
    struct stat st;
    if (stat(v, &st) < 0) {
      u_perror2("find", v);
      exit(1);
    }
    n = new_node(K_NEWER);
    nodes[n].num = st.st_mtime;
    return n;
  }
  if (strcmp(t, "-size") == 0) {
    const char *v = arg_of(t);
    char *end;
    n = new_node(K_SIZE);
    if (*v == '+' || *v == '-')
      nodes[n].mode = *v++;
    nodes[n].num = strtol(v, &end, 10);
    nodes[n].unit = 512;
    if (*end && !end[1] && strchr("cwbkMG", *end))
      nodes[n].unit = *end == 'c' ? 1 : *end == 'w' ? 2 : *end == 'b' ? 512 : *end == 'k' ? 1024 : *end == 'M' ? 1048576 : 1073741824;
    else if (*end || end == v)
      die("invalid -size argument", v);
    return n;
  }
  if (strcmp(t, "-mtime") == 0 || strcmp(t, "-mmin") == 0) {
    const char *v = arg_of(t);
    char *end;
    n = new_node(K_MTIME);
    if (*v == '+' || *v == '-')
      nodes[n].mode = *v++;
    nodes[n].num = strtol(v, &end, 10);
    if (*end || end == v)
      die("invalid argument to", t);
    nodes[n].unit = t[2] == 't' ? 86400 : 60;
    return n;
  }
  if (strcmp(t, "-maxdepth") == 0 || strcmp(t, "-mindepth") == 0) {
    const char *v = arg_of(t);
    if (*v < '0' || *v > '9')
      die("Expected a positive decimal integer argument to", t);
    if (t[2] == 'a')
      maxdepth = atoi(v);
    else
      mindepth = atoi(v);
    return new_node(K_TRUE);
  }
  if (strcmp(t, "-exec") == 0) {
    int start = pos;
    while (pos < ntok && strcmp(tok[pos], ";") != 0 && !(strcmp(tok[pos], "+") == 0 && pos > start && strcmp(tok[pos - 1], "{}") == 0))
      pos++;
    if (pos >= ntok || pos == start)
      die("missing argument to '-exec'", 0);
    n = new_node(tok[pos][0] == '+' ? K_EXEC_PLUS : K_EXEC);
    nodes[n].argv = tok + start;
    nodes[n].argc = pos - start;
    pos++;
    has_action = 1;
    return n;
  }
  if (strcmp(t, "-print") == 0 || strcmp(t, "-print0") == 0) {
    has_action = 1;
    return new_node(t[6] ? K_PRINT0 : K_PRINT);
  }
  if (strcmp(t, "-prune") == 0)
    return new_node(K_PRUNE);
  if (strcmp(t, "-empty") == 0)
    return new_node(K_EMPTY);
  if (strcmp(t, "-true") == 0)
    return new_node(K_TRUE);
  if (strcmp(t, "-false") == 0)
    return new_node(K_FALSE);
  fprintf(stderr, "find: unknown predicate '%s'\n", t);
  exit(1);
}

static int parse_and(void) {
  int n = parse_primary();
  while (pos < ntok && strcmp(tok[pos], "-o") != 0 && strcmp(tok[pos], "-or") != 0 && strcmp(tok[pos], ")") != 0) {
    int m;
    int both;
    if (strcmp(tok[pos], "-a") == 0 || strcmp(tok[pos], "-and") == 0)
      pos++;
    if (pos >= ntok)
      die("invalid expression; you have used a binary operator '-a' with nothing after it.", 0);
    m = parse_primary();
    both = new_node(K_AND);
    nodes[both].a = n;
    nodes[both].b = m;
    n = both;
  }
  return n;
}

static int parse_or(void) {
  int n = parse_and();
  while (pos < ntok && (strcmp(tok[pos], "-o") == 0 || strcmp(tok[pos], "-or") == 0)) {
    int m;
    int either;
    pos++;
    if (pos >= ntok)
      die("invalid expression; you have used a binary operator '-o' with nothing after it.", 0);
    m = parse_and();
    either = new_node(K_OR);
    nodes[either].a = n;
    nodes[either].b = m;
    n = either;
  }
  return n;
}

/* Runs ARGV (with {} in ARGS replaced by the names); returns the exit status. */
static int run(struct node *x, char **names, int nnames) {
  char *argv[MAX_BATCH + 64];
  int argc = 0;
  int i, pid, st;
  for (i = 0; i < x->argc && argc < MAX_BATCH + 60; i++) {
    if (strcmp(x->argv[i], "{}") == 0 && x->kind == K_EXEC_PLUS) {
      int k;
      for (k = 0; k < nnames; k++)
        argv[argc++] = names[k];
    } else if (strstr(x->argv[i], "{}") && x->kind == K_EXEC) {
      /* every {} in the word becomes the name */
      const char *s = x->argv[i];
      char *out = malloc(strlen(s) * (strlen(names[0]) + 1) + 1);
      char *o = out;
      if (!out)
        die("out of memory", 0);
      while (*s) {
        if (s[0] == '{' && s[1] == '}') {
          strcpy(o, names[0]);
          o += strlen(names[0]);
          s += 2;
        } else {
          *o++ = *s++;
        }
      }
      *o = 0;
      argv[argc++] = out;
    } else {
      argv[argc++] = x->argv[i];
    }
  }
  argv[argc] = 0;
  fflush(stdout);
  pid = fork();
  if (pid < 0) {
    u_perror2("find", "fork");
    status = 1;
    return 1;
  }
  if (pid == 0) {
    execvp(argv[0], argv);
    fprintf(stderr, "find: '%s': %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void flush_batch(struct node *x) {
  int i;
  if (!x->nbatch)
    return;
  if (run(x, x->batch, x->nbatch) != 0)
    status = 1;
  for (i = 0; i < x->nbatch; i++)
    free(x->batch[i]);
  x->nbatch = 0;
}

static int is_empty(const char *path, const struct stat *st) {
  if (S_ISREG(st->st_mode))
    return st->st_size == 0;
  if (S_ISDIR(st->st_mode)) {
    DIR *d = opendir(path);
    struct dirent *e;
    int none = 1;
    while (d && (e = readdir(d)) != 0)
      if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
        none = 0;
    if (d)
      closedir(d);
    return none;
  }
  return 0;
}

static int eval(int n, const char *path, const char *name, const struct stat *st) {
  struct node *x = &nodes[n];
  switch (x->kind) {
  case K_AND: return eval(x->a, path, name, st) && eval(x->b, path, name, st);
  case K_OR: return eval(x->a, path, name, st) || eval(x->b, path, name, st);
  case K_NOT: return !eval(x->a, path, name, st);
  case K_TRUE: return 1;
  case K_FALSE: return 0;
  case K_NAME: return fnmatch(x->str, name, 0) == 0;
  case K_INAME: return fnmatch(x->str, name, FNM_CASEFOLD) == 0;
  case K_PATH: return fnmatch(x->str, path, 0) == 0;
  case K_TYPE: {
    int m = st->st_mode;
    switch (x->mode) {
    case 'f': return S_ISREG(m);
    case 'd': return S_ISDIR(m);
    case 'l': return S_ISLNK(m);
    case 'c': return S_ISCHR(m);
    case 'b': return S_ISBLK(m);
    case 'p': return S_ISFIFO(m);
    default: return S_ISSOCK(m);
    }
  }
  case K_PERM: {
    long m = st->st_mode & 07777;
    if (x->mode == '-')
      return (m & x->num) == x->num;
    if (x->mode == '/')
      return x->num == 0 || (m & x->num) != 0;
    return m == x->num;
  }
  case K_USER: return (long)st->st_uid == x->num;
  case K_GROUP: return (long)st->st_gid == x->num;
  case K_NEWER: return (long)st->st_mtime > x->num;
  case K_SIZE: {
    long units = x->unit == 1 ? (long)st->st_size : ((long)st->st_size + x->unit - 1) / x->unit;
    if (x->mode == '+')
      return units > x->num;
    if (x->mode == '-')
      return units < x->num;
    return units == x->num;
  }
  case K_MTIME: {
    long age = ((long)now - (long)st->st_mtime);
    /* -mmin -N: less than N minutes, counting parts of one; -mtime: whole days */
    long units = age < 0 ? -1 : age / x->unit;
    if (x->unit == 60 && x->mode == '-')
      return age < x->num * 60;
    if (x->unit == 60 && x->mode == '+')
      return age > x->num * 60;
    if (x->mode == '+')
      return units > x->num;
    if (x->mode == '-')
      return units < x->num;
    return units == x->num;
  }
  case K_EMPTY: return is_empty(path, st);
  case K_PRINT:
    puts(path);
    return 1;
  case K_PRINT0:
    fputs(path, stdout);
    putchar(0);
    return 1;
  case K_EXEC: {
    char *one[1];
    one[0] = (char *)path;
    return run(x, one, 1) == 0;
  }
  case K_EXEC_PLUS:
    if (x->nbatch >= MAX_BATCH)
      flush_batch(x);
    x->batch[x->nbatch] = strdup(path);
    if (x->batch[x->nbatch])
      x->nbatch++;
    return 1;
  case K_PRUNE:
    prune = 1;
    return 1;
  }
  return 0;
}

static int root;

/* The last part of PATH, trailing slashes ignored ("/" for "/"). */
static const char *base_name(const char *path, char *buf, int size) {
  int end = strlen(path);
  int start;
  while (end > 1 && path[end - 1] == '/')
    end--;
  start = end;
  while (start > 0 && path[start - 1] != '/')
    start--;
  if (start == end || end - start >= size)
    return path + start;
  memcpy(buf, path + start, end - start);
  buf[end - start] = 0;
  return buf;
}

static void walk(const char *path, int depth);

static int visit_entry(const char *name, void *arg) {
  const char *dir = arg;
  size_t len = strlen(dir);
  char *child = malloc(len + strlen(name) + 2);
  if (!child)
    die("out of memory", 0);
  if (len > 0 && dir[len - 1] == '/')
    sprintf(child, "%s%s", dir, name);
  else
    sprintf(child, "%s/%s", dir, name);
  walk(child, -1);
  free(child);
  return 0;
}

static int cur_depth;

static void walk(const char *path, int depth) {
  struct stat st;
  const char *name;
  char namebuf[256];
  int saved = cur_depth;
  if (depth < 0)
    depth = cur_depth + 1;
  if (lstat(path, &st) < 0) {
    fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
    status = 1;
    return;
  }
  name = base_name(path, namebuf, sizeof namebuf);
  prune = 0;
  if (depth >= mindepth) {
    if (eval(root, path, name, &st) && !has_action)
      puts(path);
  }
  if (S_ISDIR(st.st_mode) && !prune && (maxdepth < 0 || depth < maxdepth)) {
    cur_depth = depth;
    u_each_entry("find", path, visit_entry, (void *)path);
    cur_depth = saved;
  }
}

int main(int argc, char **argv) {
  int first_expr = 1;
  int i;
  static char *dot[] = {"."};
  char **paths;
  int npaths;
  while (first_expr < argc && argv[first_expr][0] != '-' && strcmp(argv[first_expr], "(") != 0 &&
         strcmp(argv[first_expr], "!") != 0)
    first_expr++;
  paths = first_expr > 1 ? argv + 1 : dot;
  npaths = first_expr > 1 ? first_expr - 1 : 1;
  now = time(0);
  tok = argv + first_expr;
  ntok = argc - first_expr;
  root = ntok ? parse_or() : new_node(K_TRUE);
  if (pos < ntok)
    die("paths must precede expression", tok[pos]);
  for (i = 0; i < npaths; i++) {
    cur_depth = 0;
    walk(paths[i], 0);
  }
  for (i = 0; i < nnodes; i++)
    if (nodes[i].kind == K_EXEC_PLUS)
      flush_batch(&nodes[i]);
  fflush(stdout);
  return status;
}
