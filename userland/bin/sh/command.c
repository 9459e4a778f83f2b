/* command.c: one simple command — its words expanded, then, in this
 * order, an alias, a function, a builtin, or a program found in $PATH.
 *
 * Leading NAME=value words are assignments: alone they set shell
 * variables; before a special builtin (export, set, …) they stay; before a
 * function or another builtin they hold for that command only; before a
 * program they go into its environment only. A builtin or function runs in
 * the shell with its redirections applied and undone around it; a program
 * is forked (or exec'd directly in a child that ends with it, EV_EXIT).
 * An alias is expanded here, when the command runs: its text, followed by
 * the command's other words, is parsed and run (an alias is not expanded
 * again inside its own expansion). Functions keep their body as source
 * text (malloc'd) and run it with the arguments as $1…, their `local`
 * variables restored when they return.
 * A command not found exits 127, one that cannot be executed 126; a text
 * file that is not an ELF and has no #! runs as a shell script (ENOEXEC),
 * as sh does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "sh.h"

#define MAX_FUNC_DEPTH 200

/* ---- functions -------------------------------------------------------- */

struct function {
  char *name;
  char *body;
};

static struct function *functions;
static int nfunctions;
static int func_depth;

int find_function(const char *name) {
  int i;
  for (i = 0; i < nfunctions; i++)
    if (strcmp(functions[i].name, name) == 0)
      return i;
  return -1;
}

const char *function_body(int f) {
  return functions[f].body;
}

void define_function(const char *name, const char *body) {
  int f = find_function(name);
  if (f < 0) {
    functions = realloc(functions, (nfunctions + 1) * sizeof *functions);
    f = nfunctions++;
    functions[f].name = strdup(name);
  } else {
    free(functions[f].body);
  }
  functions[f].body = strdup(body);
}

int unset_function(const char *name) {
  int f = find_function(name);
  if (f < 0)
    return 0;
  free(functions[f].name);
  free(functions[f].body);
  functions[f] = functions[--nfunctions];
  return 1;
}

void print_functions(void) {
  int i;
  for (i = 0; i < nfunctions; i++)
    printf("%s() %s\n", functions[i].name, functions[i].body);
}

int call_function(int f, int argc, char **argv) {
  char **saved_args = pos_args;
  int saved_npos = npos;
  int saved_loop = loop_depth;
  int mark = locals_mark();
  int st;
  if (func_depth >= MAX_FUNC_DEPTH) {
    fprintf(stderr, "sh: %s: function nesting too deep\n", argv[0]);
    return 2;
  }
  pos_args = 0;
  npos = 0;
  pos_set(argc - 1, argv + 1);
  func_depth++;
  loop_depth = 0;
  st = run_string(functions[f].body);
  func_depth--;
  loop_depth = saved_loop;
  if (returning) {
    returning = 0;
    st = last_status;
  }
  break_count = 0;
  continue_count = 0;
  locals_restore(mark);
  pos_free(pos_args, npos);
  pos_args = saved_args;
  npos = saved_npos;
  return st;
}

/* ---- programs --------------------------------------------------------- */

static int is_text_file(const char *path) {
  unsigned char head[128];
  int fd = open(path, O_RDONLY, 0);
  int n;
  int i;
  if (fd < 0)
    return 0;
  n = read(fd, head, sizeof head);
  close(fd);
  if (n >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F')
    return 0;
  for (i = 0; i < n; i++)
    if (head[i] == 0)
      return 0;
  return 1;
}

char *search_path(const char *name) {
  const char *path = var_get("PATH");
  const char *p;
  struct stat st;
  char buf[512];
  if (!path)
    path = "/bin:/usr/bin";
  p = path;
  for (;;) {
    const char *end = strchr(p, ':');
    int len = end ? end - p : (int)strlen(p);
    if (len + strlen(name) + 2 < sizeof buf) {
      if (len == 0) {
        buf[0] = '.';
        len = 1;
      } else {
        memcpy(buf, p, len);
      }
      buf[len] = '/';
      strcpy(buf + len + 1, name);
      if (stat(buf, &st) == 0 && !S_ISDIR(st.st_mode))
        return strdup(buf);
    }
    if (!end)
      return 0;
    p = end + 1;
  }
}

void exec_program(char **argv) {
  char *path;
  char **env = vars_environ();
  int err;
  if (strchr(argv[0], '/')) {
    path = argv[0];
  } else {
    path = search_path(argv[0]);
    if (!path) {
      fprintf(stderr, "sh: %s: command not found\n", argv[0]);
      _exit(127);
    }
  }
  execve(path, argv, env);
  err = errno;
  if (err == ENOEXEC && is_text_file(path)) {
    struct strvec args;
    int i;
    memset(&args, 0, sizeof args);
    sv_push(&args, "sh");
    sv_push(&args, path);
    for (i = 1; argv[i]; i++)
      sv_push(&args, argv[i]);
    sv_push(&args, 0);
    execve("/bin/sh", args.v, env);
    err = errno;
  }
  if (err == ENOENT) {
    fprintf(stderr, "sh: %s: No such file or directory\n", argv[0]);
    _exit(127);
  }
  if (err == ENOEXEC)
    fprintf(stderr, "sh: %s: cannot execute binary file: Exec format error\n", argv[0]);
  else
    fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(err));
  _exit(126);
}

/* ---- assignments ------------------------------------------------------ */

struct saved_var {
  char *name;
  char *value;   /* NULL: was unset */
};

static int assign_all(struct strvec *assigns, int export_it, struct saved_var *save) {
  int i;
  for (i = 0; i < assigns->n; i++) {
    char *a = assigns->v[i];
    char *eq = strchr(a, '=');
    char *name = arena_strndup(a, eq - a);
    if (save) {
      const char *old = var_get(name);
      save[i].name = name;
      save[i].value = old ? arena_strdup(old) : 0;
    }
    if (var_set(name, eq + 1, export_it) < 0)
      return -1;
  }
  return 0;
}

static void unassign_all(struct strvec *assigns, struct saved_var *save) {
  int i;
  for (i = assigns->n - 1; i >= 0; i--) {
    if (save[i].value)
      var_set(save[i].name, save[i].value, 0);
    else
      var_unset(save[i].name);
  }
}

static void xtrace(struct strvec *assigns, struct strvec *argv) {
  int i;
  const char *ps4 = var_get("PS4");
  fputs(ps4 ? ps4 : "+ ", stderr);
  for (i = 0; i < assigns->n; i++)
    fprintf(stderr, "%s%s", i ? " " : "", assigns->v[i]);
  for (i = 0; i < argv->n; i++)
    fprintf(stderr, "%s%s", i || assigns->n ? " " : "", argv->v[i]);
  fputs("\n", stderr);
}

/* ---- running one command ---------------------------------------------- */

static const char *expanding_alias;

static int run_alias(struct node *n, const char *value, int flags) {
  int len = strlen(value) + 2;
  int i;
  char *text;
  const char *saved = expanding_alias;
  struct saved_fds *fds;
  int st;
  for (i = 1; i < n->nwords; i++)
    len += strlen(n->words[i]) + 1;
  text = arena_alloc(len);
  strcpy(text, value);
  for (i = 1; i < n->nwords; i++) {
    strcat(text, " ");
    strcat(text, n->words[i]);
  }
  fds = redir_apply(n->redirs, 0);
  if (!fds)
    return 1;
  expanding_alias = n->words[0];
  st = run_string(text);
  expanding_alias = saved;
  redir_restore(fds);
  (void)flags;
  return st;
}

static int run_program(struct strvec *argv, struct strvec *assigns, struct redir *redirs, int flags, const char *text) {
  int pid;
  struct job fg;
  if (!(flags & EV_EXIT) || trap_has_exit()) {
    pid = shell_fork();
    if (pid < 0)
      return 1;
    if (pid > 0) {
      if (interactive)
        __sys_setpgid(pid, pid);
      memset(&fg, 0, sizeof fg);
      fg.pgid = pid;
      fg.npids = 1;
      fg.pids[0] = pid;
      strncpy(fg.text, text ? text : argv->v[0], sizeof fg.text - 1);
      return job_foreground(&fg);
    }
    fork_child_setup(0, 0);
  }
  if (!redir_apply(redirs, 1))
    _exit(1);
  assign_all(assigns, 1, 0);
  sv_push(argv, 0);
  exec_program(argv->v);
  return 127;
}

/* Runs argv (already expanded) as a function, builtin or program. */
static int dispatch(struct strvec *argv, struct strvec *assigns, struct redir *redirs, int flags, const char *text,
                    int skip_functions) {
  const char *name = argv->v[0];
  int f = skip_functions ? -1 : find_function(name);
  struct saved_fds *fds;
  struct saved_var *save = 0;
  int special;
  int st;
  if (strcmp(name, "command") == 0 && argv->n > 1 && argv->v[1][0] != '-') {
    struct strvec rest;
    rest.v = argv->v + 1;
    rest.n = argv->n - 1;
    rest.cap = rest.n;
    return dispatch(&rest, assigns, redirs, flags, text, 1);
  }
  if (strcmp(name, "exec") == 0) {
    if (argv->n == 1)
      return redir_apply(redirs, 1) ? 0 : 1;
    if (!redir_apply(redirs, 1))
      return 1;
    assign_all(assigns, 1, 0);
    sv_push(argv, 0);
    fflush(stdout);
    exec_program(argv->v + 1);
  }
  if (f < 0 && !is_builtin(name))
    return run_program(argv, assigns, redirs, flags, text);
  special = f < 0 && is_special_builtin(name);
  if (assigns->n && !special)
    save = arena_alloc(assigns->n * sizeof *save);
  if (assign_all(assigns, 0, save) < 0)
    return 1;
  fds = redir_apply(redirs, 0);
  if (!fds) {
    if (save)
      unassign_all(assigns, save);
    return 1;
  }
  if (f >= 0)
    st = call_function(f, argv->n, argv->v);
  else
    st = run_builtin(argv->n, argv->v);
  fflush(stdout);
  fflush(stderr);
  redir_restore(fds);
  if (save)
    unassign_all(assigns, save);
  return st;
}

int builtin_command(int argc, char **argv) {
  /* command -v / -V NAME…: how each name would be found */
  int i;
  int st = 0;
  if (argc < 2)
    return 0;
  for (i = 2; i < argc; i++) {
    char *path;
    if (alias_get(argv[i])) {
      if (argv[1][1] == 'v')
        printf("alias %s='%s'\n", argv[i], alias_get(argv[i]));
      else
        printf("%s is an alias for %s\n", argv[i], alias_get(argv[i]));
    } else if (find_function(argv[i]) >= 0 || is_builtin(argv[i]) || strcmp(argv[i], "exec") == 0 ||
               strcmp(argv[i], "command") == 0) {
      if (argv[1][1] == 'v')
        printf("%s\n", argv[i]);
      else
        printf("%s is a shell %s\n", argv[i], find_function(argv[i]) >= 0 ? "function" : "builtin");
    } else if ((path = strchr(argv[i], '/') ? (access(argv[i], X_OK) == 0 ? strdup(argv[i]) : 0) : search_path(argv[i])) != 0) {
      if (argv[1][1] == 'v')
        printf("%s\n", path);
      else
        printf("%s is %s\n", argv[i], path);
      free(path);
    } else {
      if (argv[1][1] == 'V')
        fprintf(stderr, "%s: not found\n", argv[i]);
      st = 127;
    }
  }
  return st;
}

int eval_simple(struct node *n, int flags) {
  struct strvec argv;
  struct strvec assigns;
  int i = 0;
  const char *alias;
  memset(&argv, 0, sizeof argv);
  memset(&assigns, 0, sizeof assigns);
  if (n->nwords > 0 && (alias = alias_get(n->words[0])) != 0 &&
      (!expanding_alias || strcmp(expanding_alias, n->words[0]) != 0))
    return run_alias(n, alias, flags);
  expand_error = 0;
  subst_count = 0;
  while (i < n->nwords && is_assignment(n->words[i]) && !expand_error)
    sv_push(&assigns, expand_assignment(n->words[i++]));
  for (; i < n->nwords && !expand_error; i++)
    expand_fields(n->words[i], &argv);
  if (expand_error) {
    return expand_failed();
  }
  if (opt_xtrace && (argv.n || assigns.n))
    xtrace(&assigns, &argv);
  if (argv.n == 0) {
    struct saved_fds *fds;
    if (assign_all(&assigns, 0, 0) < 0) {
      if (!interactive)
        shell_exit(2);   /* an assignment error ends a script (POSIX) */
      return 1;
    }
    fds = redir_apply(n->redirs, 0);
    if (!fds)
      return 1;
    redir_restore(fds);
    return subst_count ? subst_status : 0;
  }
  if (strcmp(argv.v[0], "kill") == 0)
    jobs_translate_kill_args(&argv);
  return dispatch(&argv, &assigns, n->redirs, flags, n->text, 0);
}
