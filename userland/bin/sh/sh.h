/* sh.h: the shell's shared types and the functions each part offers.
 *
 * A line goes through lex.c (tokens: words kept raw, with their quotes, and
 * operators), control.c (if/while/until/for over token ranges), parse.c
 * (the plain parts: a list of pipelines joined by ; & && ||, each a
 * sequence of simple commands with redirections), then exec.c, which
 * expands each word (expand.c: quotes, $NAME, $?, $!, $$, $(( )) by arith.c,
 * $( ) and `` by subst.c; glob.c: * ? [..])
 * just before the command runs, so `false; echo $?` sees the status of `false`.
 * Everything a line allocates comes from one arena, emptied before the next
 * line (arena_reset), so nothing leaks however a line fails. */
#ifndef SH_H
#define SH_H

#define MAX_WORDS 128
#define MAX_REDIRS 10
#define MAX_PIPE 32
#define MAX_ITEMS 64
#define MAX_TOKENS 512
#define MAX_FOR_WORDS 1024   /* the values of one for loop */

/* token kinds */
#define T_WORD 1
#define T_PIPE 2      /* | */
#define T_AND 3       /* && */
#define T_OR 4        /* || */
#define T_SEMI 5      /* ; or newline */
#define T_AMP 6       /* & */
#define T_REDIR 7     /* < > >> N> N< N>&M N>>: see redir fields */
#define T_END 8

/* redirection kinds */
#define R_IN 1        /* fd < file */
#define R_OUT 2       /* fd > file */
#define R_APPEND 3    /* fd >> file */
#define R_DUP 4       /* fd >& target fd */

struct token {
  int kind;
  char *text;       /* T_WORD: raw word, quotes included */
  int redir_kind;   /* T_REDIR */
  int redir_fd;     /* T_REDIR: the fd redirected */
  int dup_fd;       /* T_REDIR R_DUP: the target fd */
};

struct redir {
  int kind;
  int fd;
  int dup_fd;
  char *word;       /* raw target word (R_IN, R_OUT, R_APPEND) */
};

struct command {
  int nwords;
  char *words[MAX_WORDS + 1];   /* raw words, NULL-terminated */
  int nredirs;
  struct redir redirs[MAX_REDIRS];
};

struct pipeline {
  int ncmds;
  struct command *cmds[MAX_PIPE];
  int connector;    /* what follows: T_SEMI, T_AMP, T_AND, T_OR */
  char *text;       /* for job messages */
};

struct list {
  int nitems;
  struct pipeline *items[MAX_ITEMS];
};

/* arena.c */
void *arena_alloc(int n);
char *arena_strdup(const char *s);
char *arena_strndup(const char *s, int n);
void arena_reset(void);

/* lex.c: 0 on success, else -1 with a message printed */
int lex_line(const char *line, struct token *tokens, int max, int *ntokens);
/* 1 when the line ends inside quotes or after a trailing \ or | && || (more input needed) */
int lex_incomplete(const char *line);

/* parse.c: 0 on success (list may be empty), -1 on a syntax error (printed) */
int parse_tokens(struct token *tokens, int ntokens, const char *line, struct list *out);

/* control.c: runs tokens [start, end) — compound commands (if, while,
 * until, for) and plain lists; -1 after a syntax error */
int run_tokens(struct token *t, int start, int end);
int tokens_open_compound(struct token *t, int n);

/* expand.c: a raw word to its value (arena) */
char *expand_word(const char *raw);
/* the fields of a raw word after expansion: command substitution's output
 * split and globbed (at most max); -1 after an arithmetic error or when a
 * substitution gives more than max (both printed) */
int expand_fields(const char *raw, char **out, int max);
/* set by an arithmetic error during expansion; the caller clears it */
extern int expand_error;
/* 1 when the raw word has the form NAME=value */
int is_assignment(const char *raw);

/* lex.c: s at `$(` or a backquote: just past its end, NULL when unclosed */
const char *skip_substitution(const char *s);

/* arith.c: the value of an arithmetic expression; -1 after an error
 * (printed as `sh: arithmetic: ...`) */
int arith_eval(const char *text, int *result);

/* subst.c: runs cmd in a subshell and returns its output (arena) without
 * trailing newlines; its status goes to subst_status, and subst_count
 * counts substitutions run */
char *run_substitution(const char *cmd);
extern int subst_status;
extern int subst_count;

/* glob.c: 1 when the raw word has an unquoted * ? or [; the matches of a
 * pattern (sorted, at most max), 0 when none */
int has_glob_chars(const char *raw);
int glob_expand(const char *pattern, char **out, int max);
int glob_match(const char *pattern, const char *name);

/* vars.c */
void vars_init(char **envp);
const char *var_get(const char *name);
void var_set(const char *name, const char *value, int export_it);
void var_export(const char *name);
void var_unset(const char *name);
char **vars_environ(void);   /* exported variables, malloc'd array rebuilt on change */
int valid_name(const char *s, int len);
void vars_print_exports(void);

#define MAX_JOBS 32

struct job {
  int used;
  int id;
  int pgid;
  int npids;
  int pids[MAX_PIPE];
  int done[MAX_PIPE];
  int last_status;    /* raw wait status of the last command */
  int stopped;        /* by ^Z or SIGSTOP, until fg/bg continue it */
  char text[80];
};

/* exec.c */
int run_list(struct list *l);
int run_line(const char *line);

/* jobs.c */
void jobs_reap(int report);
int wait_for(int pid);       /* builtin wait's core: the status, 127 when unknown */
int wait_all(void);
struct job *job_new(void);               /* a free entry with the next id, or NULL */
int job_foreground(struct job *j);       /* waits holding the terminal; the status */
int decode_status(int raw);              /* exit code, or 128 + signal */
void give_terminal(int pgid);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
int builtin_jobs(void);
void jobs_translate_kill_args(char **argv);   /* kill %N -> kill -PGID */

/* builtins.c: is_builtin says whether the shell runs NAME itself;
 * run_builtin runs it and returns its exit status */
int is_builtin(const char *name);
int run_builtin(int argc, char **argv);

/* lineedit.c: reads one line from the terminal in raw mode with editing and
 * history; returns the length, -1 at end of file. */
int lineedit_read(const char *prompt, char *buf, int size);
void history_add(const char *line);

/* main.c: shell state */
extern int last_status;
extern int last_bg_pid;
extern int shell_pid;
extern int interactive;      /* job control and prompts */
extern int script_argc;
extern char **script_argv;
extern int exit_requested;
extern int exit_code;
extern volatile int got_interrupt;
const char *signal_message(int sig);

#endif
