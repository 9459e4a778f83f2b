/* groups: print the names of the groups of this process (effective group
 * first, then the supplementary ones), or of each USER named, from
 * /etc/passwd and /etc/group: `groups [USER]...`. */
#include <stdio.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>

#define MAX_GROUPS 64

static void print_groups(const gid_t *list, int n) {
  int i;
  for (i = 0; i < n; i++) {
    struct group *g = getgrgid(list[i]);
    if (i)
      printf(" ");
    if (g)
      printf("%s", g->gr_name);
    else
      printf("%u", list[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  gid_t list[MAX_GROUPS];
  int i, n, status = 0;
  if (argc < 2) {
    int k = 1;
    list[0] = getegid();
    n = getgroups(MAX_GROUPS - 1, list + 1);
    for (i = 1; i <= n; i++)
      if (list[i] != list[0])
        list[k++] = list[i];
    print_groups(list, n < 0 ? 1 : k);
    return 0;
  }
  for (i = 1; i < argc; i++) {
    struct passwd *p = getpwnam(argv[i]);
    if (!p) {
      fprintf(stderr, "groups: '%s': no such user\n", argv[i]);
      status = 1;
      continue;
    }
    n = MAX_GROUPS;
    if (getgrouplist(p->pw_name, p->pw_gid, list, &n) < 0)
      n = MAX_GROUPS;
    printf("%s : ", p->pw_name);
    print_groups(list, n);
  }
  return status;
}
