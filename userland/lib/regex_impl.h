/* regex_impl.h: the compiled form of a POSIX regular expression, shared by
 * regcomp.c (which builds it) and regexec.c (which runs it). Private to
 * libc: the public face is regex.h, where regex_t.re_guts points to a
 * struct re_prog. */
#ifndef REGEX_IMPL_H
#define REGEX_IMPL_H

#define N_CHAR 1
#define N_ANY 2
#define N_SET 3
#define N_BOL 4
#define N_EOL 5
#define N_CAT 6
#define N_ALT 7
#define N_REP 8
#define N_GROUP 9
#define N_EMPTY 10
#define N_BACKREF 11

#define SET_BYTES 32

struct re_node {
  int type;
  int a;   /* CHAR: the byte; SET: set index; CAT/ALT/REP/GROUP: first child;
            * BACKREF: the group number */
  int b;   /* CAT/ALT: second child; GROUP: its number (1..) */
  int min; /* REP */
  int max; /* REP; -1 for no limit */
};

struct re_prog {
  struct re_node *nodes;
  int nnodes;
  int node_cap;
  unsigned char *sets;
  int nsets;
  int set_cap;
  int root;
  int cflags;
  int nsub;
  int has_backref;
};

static int set_has(const unsigned char *set, int c) {
  return (set[(c >> 3) & 31] >> (c & 7)) & 1;
}

#endif
