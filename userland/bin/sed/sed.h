/* sed.h: what the two halves of sed share: the parsed script (script.c
 * parses it, main.c runs it) and the options that shape both. */
#ifndef SED_H
#define SED_H

#include <stddef.h>
#include <regex.h>

#define MAX_CMDS 256

#define A_NONE 0
#define A_LINE 1
#define A_LAST 2
#define A_RE 3

struct addr {
  int kind;
  int line;
  regex_t *re;
};

struct cmd {
  struct addr a1;
  struct addr a2;
  int negate;
  int in_range; /* a range that started and has not ended */
  int range_end; /* A_LINE range end already decided: the last line */
  char name;
  regex_t *re;    /* s */
  char *text;     /* s: the replacement; a i c: the text; y: the source set */
  char *text2;    /* y: the target set */
  int global;     /* s///g */
  int nth;        /* s///N */
  int print;      /* s///p */
  int status;     /* q */
  int jump;       /* {: the index just after its }; b t: the target (ncmds: the end) */
  char *label;    /* : b t: the label ("" for none) */
};

extern struct cmd cmds[MAX_CMDS];
extern int ncmds;
extern int opt_extended; /* -E: extended expressions */
extern int expr_no;      /* the -e being parsed, for messages */

/* "sed: -e expression #N: WHAT", status 1 */
void fail(const char *what);
void *xmalloc(size_t n);

/* Adds the commands of one script (an -e or the first operand). */
void parse_script(const char *p);
/* After the last script: blocks closed, branch targets found. */
void finish_script(void);

#endif
