/* login: begin a session on the console.
 *   login [USER]
 * Asks for the user name (unless given) and the password, checks it
 * against /etc/shadow, then sets the supplementary groups, gid and uid,
 * changes to the home directory, prints /etc/motd and runs the user's
 * shell as a login shell ("-sh") with a fresh environment (HOME, SHELL,
 * USER, LOGNAME, PATH, TERM). Needs root (getty runs it from init).
 * A wrong password or an unknown user gets the same "Login incorrect"
 * after a delay, and is logged to /var/log/auth.log; after MAX_TRIES
 * login exits 1 and init starts a new getty. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <pwd.h>
#include "ulib.h"

#define MAX_TRIES 3


static int ask_name(char *name, int size) {
  int n;
  printf("hako login: ");
  fflush(stdout);
  if (!fgets(name, size, stdin))
    return -1;
  n = (int)strlen(name);
  if (n > 0 && name[n - 1] == '\n')
    name[--n] = 0;
  return n;
}

int main(int argc, char **argv) {
  char name[64];
  char password[128];
  int tries;
  struct passwd *pw;
  if (geteuid() != 0) {
    fprintf(stderr, "login: cannot possibly work without effective root\n");
    return 1;
  }
  if (argc > 2) {
    fprintf(stderr, "usage: login [USER]\n");
    return 1;
  }
  name[0] = 0;
  if (argc == 2) {
    strncpy(name, argv[1], sizeof name - 1);
    name[sizeof name - 1] = 0;
  }
  for (tries = 0; tries < MAX_TRIES; tries++) {
    int ok;
    while (name[0] == 0) {
      if (ask_name(name, sizeof name) < 0)
        return 1;
    }
    u_read_password("Password: ", password, sizeof password);
    ok = getpwnam(name) != 0 && u_password_ok(name, password);
    memset(password, 0, sizeof password);
    if (ok)
      break;
    u_auth_log("login", "FAILED LOGIN", name);
    u_auth_fail_delay();
    printf("\nLogin incorrect\n");
    name[0] = 0;
  }
  if (tries == MAX_TRIES)
    return 1;
  pw = getpwnam(name);
  if (!pw || u_become(pw) != 0) {
    perror("login: cannot set user id");
    return 1;
  }
  if (chdir(pw->pw_dir) != 0) {
    printf("No directory %s: logging in with HOME=/\n", pw->pw_dir);
    chdir("/");
  }
  u_print_file("/etc/motd");
  u_exec_shell(pw, 1, 0, u_user_env(pw, 0));
  perror("login: cannot run the shell");
  return 1;
}
