/* sh.h: the shell's shared types and the functions each part offers.
 *
 * Text goes through lex.c (tokens: words kept raw, quotes included, and
 * operators; here-document bodies), parse.c (POSIX sh grammar to a tree of
 * nodes), then eval.c (lists, and-or, pipelines, compound commands),
 * command.c (one simple command: expansion, assignments, functions,
 * builtins, programs) and redir.c. Words are expanded only when their
 * command runs (expand.c, param.c for ${…}, arith.c for $(( )), subst.c
 * for $( ) and ``, glob.c), so `false; echo $?` sees the status of false.
 * Everything a command allocates comes from one arena, emptied when the
 * outermost command is done (arena_reset); what outlives a command
 * (variables, functions, aliases, traps, jobs) is malloc'd. */
#ifndef SH_H
#define SH_H

#define MAX_PIPE 32

/* token kinds (lex.c) */
#define TK_EOF 0
#define TK_WORD 1
#define TK_NEWLINE 2
#define TK_SEMI 3     /* ; */
#define TK_DSEMI 4    /* ;; */
#define TK_AMP 5      /* & */
#define TK_AND 6      /* && */
#define TK_OR 7       /* || */
#define TK_PIPE 8     /* | */
#define TK_LPAREN 9
#define TK_RPAREN 10
#define TK_REDIR 11

/* redirection kinds */
#define R_IN 1        /* n<file */
#define R_OUT 2       /* n>file */
#define R_APPEND 3    /* n>>file */
#define R_CLOBBER 4   /* n>|file */
#define R_RDWR 5      /* n<>file */
#define R_DUPIN 6     /* n<&m, n<&- */
#define R_DUPOUT 7    /* n>&m, n>&- */
#define R_HEREDOC 8   /* n<<delim, n<<-delim */

struct token {
  int kind;
  char *text;       /* TK_WORD: raw word, quotes included */
  int redir;        /* TK_REDIR: R_* */
  int fd;           /* TK_REDIR: the fd, or -1 for the default */
  int strip_tabs;   /* TK_REDIR R_HEREDOC: <<- */
  int start;        /* offsets of the token in the text */
  int end;
};

struct redir {
  struct redir *next;
  int kind;
  int fd;
  char *word;       /* raw target word; R_HEREDOC: the body */
  int quoted;       /* R_HEREDOC: the delimiter was quoted, no expansion */
};

/* node kinds */
#define N_SIMPLE 1
#define N_PIPE 2      /* pipe[0..npipe), bang for `!` */
#define N_AND 3       /* a && b */
#define N_OR 4        /* a || b */
#define N_SEQ 5       /* a ; b */
#define N_BG 6        /* a & */
#define N_IF 7        /* if a then b else c (c may be another N_IF: elif) */
#define N_WHILE 8     /* while a do b */
#define N_UNTIL 9
#define N_FOR 10      /* for name [in words] do a */
#define N_CASE 11     /* case words[0] in items esac */
#define N_BRACE 12    /* { a; } */
#define N_SUBSHELL 13 /* ( a ) */
#define N_FUNC 14     /* name() body: text is the body's source */

struct case_item {
  struct case_item *next;
  int npats;
  char **pats;      /* raw patterns */
  struct node *body;
};

struct node {
  int kind;
  struct node *a;
  struct node *b;
  struct node *c;
  int nwords;
  char **words;     /* N_SIMPLE: raw words; N_FOR: the values; N_CASE: the subject */
  int has_in;       /* N_FOR */
  char *name;       /* N_FOR: the variable; N_FUNC: the function */
  struct redir *redirs;
  struct case_item *items;
  int npipe;
  struct node **pipe;
  int bang;
  char *text;       /* N_PIPE/N_BG: source, for job messages; N_FUNC: the body */
};

/* parse.c. A parser reads a whole text; parse_next gives its next complete
 * command (NULL at the end, or when more input is needed: p->incomplete,
 * or after a syntax error: p->error, already printed). */
struct heredoc;
struct parser {
  const char *buf;
  int len;
  int pos;
  struct token tok;
  int have_tok;
  int incomplete;        /* the text ended inside a construct */
  int unterminated;      /* … inside a quote or substitution */
  int error;
  int quiet;             /* syntax errors are not printed (finding where $( ) ends) */
  int final;             /* no more input will come: a here-document may end at the end */
  struct heredoc *pending;
  int last_end;
};
void parser_init(struct parser *p, const char *text, int len);
struct node *parse_next(struct parser *p);
void parse_report_incomplete(struct parser *p);
int parse_substitution_end(const char *s);

/* lex.c */
void lex_next(struct parser *p, struct token *t);
void heredoc_pending(struct parser *p, struct redir *r, const char *raw_delim, int strip_tabs);
const char *skip_substitution(const char *s);
const char *skip_braces(const char *s);

/* arena.c */
void *arena_alloc(int n);
char *arena_strdup(const char *s);
char *arena_strndup(const char *s, int n);
void arena_reset(void);
struct arena_mark {
  void *block;
  int used;
};
struct arena_mark arena_mark(void);
void arena_release(struct arena_mark m);

/* a growing array of strings in the arena */
struct strvec {
  char **v;
  int n;
  int cap;
};
void sv_push(struct strvec *sv, char *s);

/* eval.c */
#define EV_EXIT 1        /* in a child that exits when done: the last program may be exec'd */
#define EV_NOERREXIT 2   /* a condition: set -e does not apply */
int eval(struct node *n, int flags);
int run_string(const char *text);      /* parse and run every command of text */
int errexit_check(int status, int flags);
extern int loop_depth;
extern int break_count;
extern int continue_count;
extern int returning;
int eval_interrupted(void);
int user_interrupted(void);
void shell_signal_default(int sig);
extern int eval_depth;   /* run_string/readers in progress: the arena may be reset only at 0 */

/* command.c */
int eval_simple(struct node *n, int flags);
int find_function(const char *name);
char *search_path(const char *name);   /* malloc'd, or NULL */
void exec_program(char **argv);       /* never returns */
int call_function(int f, int argc, char **argv);
void define_function(const char *name, const char *body);
const char *function_body(int f);
void print_functions(void);
int unset_function(const char *name);
int shell_fork(void);   /* stdio flushed first; "sh: fork: ..." and -1 on failure */
void become_subshell(void);   /* a forked child: not interactive, no jobs, traps reset */
void fork_child_setup(int pgid, int background);

/* redir.c: apply redirections; with `saved` (from redir_save) they can be
 * undone by redir_restore. -1 after an error (printed). */
struct saved_fds;
struct saved_fds *redir_apply(struct redir *r, int keep);
void redir_restore(struct saved_fds *s);

/* expand.c */
char *expand_word(const char *raw);               /* no splitting, no globbing */
char *expand_assignment(const char *raw);         /* NAME=value, ~ expanded at the value's start */
char *expand_pattern(const char *raw);            /* quoted characters escaped with \ */
int expand_fields(const char *raw, struct strvec *out);  /* split and globbed; -1 on error */
char *expand_heredoc(const char *body);
extern int expand_error;
int expand_failed(void);   /* after expand_error: exits a non-interactive shell on 2, else the status 1 */
int is_assignment(const char *raw);
char *ifs_value(void);

/* param.c: ${…} and the special parameters. */
struct ebuf {
  char *s;
  char *mask;       /* per character: M_SPLIT, M_QUOTED */
  int len;
  int cap;
};
#define M_SPLIT 1     /* came from an unquoted expansion: IFS may split here */
#define M_QUOTED 2    /* quoted: never a glob character */
void eb_init(struct ebuf *b);
void eb_put(struct ebuf *b, const char *s, int n, int mask);
void eb_field_break(struct ebuf *b, int quoted);
void expand_part(struct ebuf *b, const char *raw, int quoted);
extern struct strvec *expand_fields_out;   /* where "$@" breaks fields */
int expand_dollar(struct ebuf *b, const char *s, int quoted);

/* arith.c */
int arith_eval(const char *text, int *result);

/* subst.c */
char *run_substitution(const char *cmd);
extern int subst_status;
extern int subst_count;

/* glob.c */
int has_glob_chars(const char *raw);
int glob_expand(const char *pattern, struct strvec *out);
int glob_match(const char *pattern, const char *name);
char *glob_unescape(const char *pattern);
/* the shortest/longest prefix/suffix of s that pattern matches: its length, -1 for none */
int pattern_prefix(const char *pattern, const char *s, int longest);
int pattern_suffix(const char *pattern, const char *s, int longest);

/* vars.c */
void vars_init(char **envp);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export_it);   /* -1 when readonly */
void var_export(const char *name);
int var_unset(const char *name);
int var_readonly(const char *name);
void var_make_readonly(const char *name);
char **vars_environ(void);
int valid_name(const char *s, int len);
void vars_print(int exported_only, int readonly_only);
void local_save(const char *name);       /* `local`: restored at function return */
int locals_mark(void);
void locals_restore(int mark);

/* positional parameters */
extern char *arg0;
extern int npos;
extern char **pos_args;
void pos_set(int n, char **args);   /* copies */
void pos_free(char **args, int n);

/* options */
extern int opt_errexit, opt_nounset, opt_xtrace, opt_noclobber, opt_noglob;

/* aliases (builtins_vars.c) */
const char *alias_get(const char *name);

/* trap.c */
void trap_init(void);
int trap_builtin(int argc, char **argv);
void trap_run_pending(void);
void trap_run_exit(void);
void trap_reset_for_subshell(void);
int trap_has_exit(void);
extern volatile int trap_pending;

struct job {
  int used;
  int id;
  int pgid;
  int npids;
  int pids[MAX_PIPE];
  int done[MAX_PIPE];
  int last_status;    /* raw wait status of the last command */
  int stopped;
  int reported_stop;
  char text[80];
};

/* jobs.c */
void jobs_reap(int report);
int wait_for(int pid);
int wait_all(void);
struct job *job_new(void);
int job_foreground(struct job *j);
int decode_status(int raw);
void give_terminal(int pgid);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
int builtin_jobs(int argc, char **argv);
int builtin_wait(int argc, char **argv);
void jobs_translate_kill_args(struct strvec *argv);
void jobs_forget_all(void);

/* builtins.c */
int is_builtin(const char *name);
int is_special_builtin(const char *name);
int run_builtin(int argc, char **argv);
int write_error_check(const char *name);
void builtins_list(void);
/* the builtins in their own files */
int builtin_echo(int argc, char **argv);
int builtin_printf(int argc, char **argv);
int builtin_read(int argc, char **argv);
int builtin_set(int argc, char **argv);
int builtin_shift(int argc, char **argv);
/* getopts.c */
int builtin_getopts(int argc, char **argv);
int builtin_export(int argc, char **argv);
int builtin_readonly(int argc, char **argv);
int builtin_unset(int argc, char **argv);
int builtin_local(int argc, char **argv);
int builtin_alias(int argc, char **argv);
int builtin_unalias(int argc, char **argv);
int builtin_type(int argc, char **argv);
int builtin_ulimit(int argc, char **argv);   /* ulimit.c */
int builtin_command(int argc, char **argv);

/* lineedit.c */
int lineedit_read(const char *prompt, char *buf, int size);
void history_add(const char *line);
void history_load(void);
void history_save(void);

/* main.c */
extern int last_status;
extern int last_bg_pid;
extern int shell_pid;
extern int interactive;
extern int in_subshell;
extern int exit_requested;
extern int exit_code;
extern volatile int got_interrupt;
extern volatile int got_suspend;
int run_script_file(const char *path, int required);
void shell_exit(int code);   /* runs the EXIT trap, flushes, exits */
const char *signal_message(int sig);

#endif
