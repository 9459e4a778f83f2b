/* pwd_driver.c: the Hako libc's /etc readers (pwd.c, grp.c) on the host's
 * own /etc/passwd and /etc/group, for test/userland/passwd-host.test.ts.
 * The libc objects carry the prefix hk_ and reach the files through the
 * host harness's system layer (test/userland/host/shim.c). Prints every
 * entry, the by-name and by-id lookups of each, and each user's group list. */
#include <stdio.h>
#include <string.h>

typedef unsigned int hk_id;
struct hk_passwd {
  char *pw_name, *pw_passwd;
  hk_id pw_uid, pw_gid;
  char *pw_gecos, *pw_dir, *pw_shell;
};
struct hk_group {
  char *gr_name, *gr_passwd;
  hk_id gr_gid;
  char **gr_mem;
};
struct hk_passwd *hk_getpwent(void);
void hk_endpwent(void);
struct hk_passwd *hk_getpwnam(const char *);
struct hk_passwd *hk_getpwuid(hk_id);
struct hk_group *hk_getgrent(void);
void hk_endgrent(void);
struct hk_group *hk_getgrnam(const char *);
struct hk_group *hk_getgrgid(hk_id);
int hk_getgrouplist(const char *, hk_id, hk_id *, int *);

static char names[512][64];
static hk_id gids[512];

int main(void) {
  struct hk_passwd *p;
  struct hk_group *g;
  int n = 0, i;
  while ((p = hk_getpwent()) != NULL && n < 512) {
    printf("P %s:%s:%u:%u:%s:%s:%s\n", p->pw_name, p->pw_passwd, p->pw_uid, p->pw_gid, p->pw_gecos, p->pw_dir, p->pw_shell);
    snprintf(names[n], sizeof names[n], "%s", p->pw_name);
    gids[n++] = p->pw_gid;
  }
  hk_endpwent();
  while ((g = hk_getgrent()) != NULL) {
    char **m;
    printf("G %s:%s:%u:", g->gr_name, g->gr_passwd, g->gr_gid);
    for (m = g->gr_mem; *m; m++)
      printf("%s%s", m == g->gr_mem ? "" : ",", *m);
    printf("\n");
  }
  hk_endgrent();
  for (i = 0; i < n; i++) {
    hk_id list[64];
    int count = 64, k;
    struct hk_passwd *byname = hk_getpwnam(names[i]);
    unsigned uid = byname ? byname->pw_uid : 0xFFFFFFFFu;
    struct hk_passwd *byid = hk_getpwuid(uid);
    printf("N %s %u %s\n", names[i], uid, byid ? byid->pw_name : "(none)");
    if (hk_getgrouplist(names[i], gids[i], list, &count) < 0) {
      printf("L %s too-many %d\n", names[i], count);
      continue;
    }
    printf("L %s", names[i]);
    for (k = 0; k < count; k++)
      printf(" %u", list[k]);
    printf("\n");
  }
  /* a list too small: -1 and the number needed */
  if (n > 0) {
    hk_id one[1];
    int count = 0;
    int r = hk_getgrouplist(names[0], gids[0], one, &count);
    printf("S %d %d\n", r, count);
  }
  g = hk_getgrnam("root");
  printf("R %s\n", g ? g->gr_name : "(none)");
  g = hk_getgrgid(0);
  printf("R %s\n", g ? g->gr_name : "(none)");
  printf("X %s\n", hk_getpwnam("no-such-user-hako") ? "found" : "(none)");
  return 0;
}
