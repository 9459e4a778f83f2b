/* id: print user and group ids.
 *   id [-u | -g | -G] [-n] [-r] [USER]
 * Without options: uid=N(name) gid=N(name) [euid=... egid=...]
 * groups=N(name),... for this process (effective ids shown when they
 * differ from the real ones), or for USER from /etc/passwd and /etc/group.
 * -u, -g, -G print only the uid, gid or all group ids; -n names instead of
 * numbers; -r the real id instead of the effective one. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>
#include "ulib.h"

#define MAX_GROUPS 64

static void show_user(unsigned id, int names) {
  struct passwd *p = names ? getpwuid(id) : 0;
  if (p)
    printf("%s", p->pw_name);
  else
    printf("%u", id);
}

static void show_group(unsigned id, int names) {
  struct group *g = getgrgid(id);
  if (names && g)
    printf("%s", g->gr_name);
  else
    printf("%u", id);
}

static void labelled_user(const char *label, unsigned id) {
  struct passwd *p = getpwuid(id);
  printf("%s=%u", label, id);
  if (p)
    printf("(%s)", p->pw_name);
}

static void labelled_group(const char *label, unsigned id) {
  struct group *g = getgrgid(id);
  printf("%s=%u", label, id);
  if (g)
    printf("(%s)", g->gr_name);
}

int main(int argc, char **argv) {
  int only = 0, names = 0, real = 0;
  int c, i, n;
  gid_t groups[MAX_GROUPS];
  unsigned ruid, euid, rgid, egid;
  while ((c = getopt(argc, argv, "ugGnr")) != -1) {
    if (c == 'u' || c == 'g' || c == 'G') {
      if (only && only != c) {
        fprintf(stderr, "id: cannot print \"only\" of more than one choice\n");
        return 1;
      }
      only = c;
    } else if (c == 'n') {
      names = 1;
    } else if (c == 'r') {
      real = 1;
    } else {
      fprintf(stderr, "usage: id [-u | -g | -G] [-n] [-r] [USER]\n");
      return 1;
    }
  }
  if ((names || real) && !only) {
    fprintf(stderr, "id: cannot print only names or real IDs in default format\n");
    return 1;
  }
  if (optind + 1 < argc) {
    fprintf(stderr, "id: extra operand '%s'\n", argv[optind + 1]);
    return 1;
  }
  if (optind < argc) {
    struct passwd *p = getpwnam(argv[optind]);
    if (!p) {
      fprintf(stderr, "id: '%s': no such user\n", argv[optind]);
      return 1;
    }
    ruid = euid = p->pw_uid;
    rgid = egid = p->pw_gid;
    n = MAX_GROUPS;
    if (getgrouplist(p->pw_name, p->pw_gid, groups, &n) < 0)
      n = MAX_GROUPS;
  } else {
    ruid = getuid();
    euid = geteuid();
    rgid = getgid();
    egid = getegid();
    groups[0] = egid;
    n = getgroups(MAX_GROUPS - 1, groups + 1);
    n = n < 0 ? 1 : n + 1;
    /* the effective gid first, then the supplementary ones not equal to it */
    for (i = 1, c = 1; i < n; i++)
      if (groups[i] != egid)
        groups[c++] = groups[i];
    n = c;
  }
  if (only == 'u') {
    show_user(real ? ruid : euid, names);
  } else if (only == 'g') {
    show_group(real ? rgid : egid, names);
  } else if (only == 'G') {
    if (real)
      groups[0] = rgid;
    for (i = 0; i < n; i++) {
      if (i)
        printf(" ");
      show_group(groups[i], names);
    }
  } else {
    labelled_user("uid", ruid);
    printf(" ");
    labelled_group("gid", rgid);
    if (euid != ruid) {
      printf(" ");
      labelled_user("euid", euid);
    }
    if (egid != rgid) {
      printf(" ");
      labelled_group("egid", egid);
    }
    printf(" groups=");
    for (i = 0; i < n; i++) {
      struct group *g = getgrgid(groups[i]);
      printf("%s%u", i ? "," : "", groups[i]);
      if (g)
        printf("(%s)", g->gr_name);
    }
  }
  printf("\n");
  return 0;
}
