/* passwd: change a password.
 *   passwd [USER]
 * A user changes their own password (asked for the current one first);
 * root may change anyone's without it. The new password is asked twice
 * and stored in /etc/shadow as a SHA-crypt hash ($5$) with a fresh 16-
 * character salt, and the date of the change (days since 1970). /bin/passwd
 * is set-user-ID root: only root can write /etc/shadow; the real uid
 * says who is asking. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <time.h>
#include <pwd.h>
#include <crypt.h>
#include <sha256.h>
#include "ulib.h"

static const char salt_chars[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* 16 salt characters from what changes between runs: the time to the
 * nanosecond, the pid and the user, hashed. */
static void new_salt(const char *user, char *out) {
  struct sha256_ctx c;
  struct timespec now;
  unsigned char d[SHA256_DIGEST_LENGTH];
  int pid = getpid();
  int i;
  clock_gettime(CLOCK_REALTIME, &now);
  sha256_init(&c);
  sha256_update(&c, &now, sizeof now);
  sha256_update(&c, &pid, sizeof pid);
  sha256_update(&c, user, strlen(user));
  sha256_final(&c, d);
  for (i = 0; i < 16; i++)
    out[i] = salt_chars[d[i] & 63];
  out[16] = 0;
}

struct change {
  const char *user;
  const char *hash;
  long day;
  int found;
};

/* Replaces field 2 (the hash) and field 3 (the change date) of the user's line. */
static int replace_hash(char *line, int size, void *arg) {
  struct change *ch = (struct change *)arg;
  char rest[512];
  char *p;
  int i;
  if (!u_etc_first_field_is(line, ch->user))
    return 1;
  p = line;
  for (i = 0; i < 3 && p; i++) {
    p = strchr(p, ':');
    if (p)
      p++;
  }
  strncpy(rest, p ? p : ":0:99999:7:::", sizeof rest - 1);
  rest[sizeof rest - 1] = 0;
  snprintf(line, size, "%s:%s:%ld:%s", ch->user, ch->hash, ch->day, rest);
  ch->found = 1;
  return 1;
}

int main(int argc, char **argv) {
  char name[32];
  char pw1[128], pw2[128];
  char salt[32];
  struct passwd *me, *pw;
  struct change ch;
  char *hash;
  me = getpwuid(getuid());
  if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
    fprintf(stderr, "usage: passwd [USER]\n");
    return 1;
  }
  pw = argc == 2 ? getpwnam(argv[1]) : me;
  if (!pw) {
    fprintf(stderr, "passwd: user '%s' does not exist\n", argc == 2 ? argv[1] : "?");
    return 1;
  }
  strncpy(name, pw->pw_name, sizeof name - 1);
  name[sizeof name - 1] = 0;
  if (getuid() != 0) {
    if (pw->pw_uid != getuid()) {
      fprintf(stderr, "passwd: You may not view or modify password information for %s.\n", name);
      return 1;
    }
    printf("Changing password for %s.\n", name);
    fflush(stdout);
    if (!u_ask_password("passwd", "Current password: ", name, "FAILED PASSWORD CHANGE")) {
      fprintf(stderr, "passwd: Authentication token manipulation error\npasswd: password unchanged\n");
      return 1;
    }
  }
  u_read_password("New password: ", pw1, sizeof pw1);
  u_read_password("Retype new password: ", pw2, sizeof pw2);
  if (strcmp(pw1, pw2) != 0) {
    memset(pw1, 0, sizeof pw1);
    memset(pw2, 0, sizeof pw2);
    fprintf(stderr, "Sorry, passwords do not match.\npasswd: password unchanged\n");
    return 1;
  }
  if (pw1[0] == 0) {
    fprintf(stderr, "No password has been supplied.\npasswd: password unchanged\n");
    return 1;
  }
  strcpy(salt, "$5$");
  new_salt(name, salt + 3);
  hash = crypt(pw1, salt);
  memset(pw1, 0, sizeof pw1);
  memset(pw2, 0, sizeof pw2);
  if (!hash) {
    perror("passwd: crypt");
    return 1;
  }
  ch.user = name;
  ch.hash = hash;
  ch.day = (long)(time(0) / 86400);
  ch.found = 0;
  if (u_etc_edit("/etc/shadow", replace_hash, &ch, 0) != 0) {
    perror("passwd: /etc/shadow");
    return 1;
  }
  if (!ch.found) {
    fprintf(stderr, "passwd: %s has no entry in /etc/shadow\n", name);
    return 1;
  }
  printf("passwd: password updated successfully\n");
  return 0;
}
