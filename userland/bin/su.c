/* su: run a shell as another user (root when none is named).
 *   su [-|-l] [-c COMMAND] [USER]
 * Asks for USER's password unless the caller is root (real uid 0), so
 * `su hako` from root needs none. /bin/su is set-user-ID root: it reads
 * /etc/shadow and changes ids with root's effective uid, then drops to
 * USER entirely (real, effective, saved, groups) before the shell runs.
 * `-` (or -l) starts a login shell: a fresh environment, the home
 * directory as working directory. Without it the environment is kept,
 * with HOME, SHELL, USER, LOGNAME and PATH set for USER.
 * A wrong password is logged (/var/log/auth.log), answered after a delay
 * and exits 1. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <pwd.h>
#include "ulib.h"

static int usage(void) {
  fprintf(stderr, "usage: su [-|-l] [-c COMMAND] [USER]\n");
  return 1;
}

int main(int argc, char **argv) {
  const char *user = "root";
  const char *cmd = 0;
  int login = 0;
  int named = 0;
  int i;
  struct passwd *pw;
  char name[32];
  char **env;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-") == 0 || strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "--login") == 0)
      login = 1;
    else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
      cmd = argv[++i];
    else if (argv[i][0] == '-')
      return usage();
    else if (!named) {
      user = argv[i];
      named = 1;
    } else
      return usage();
  }
  pw = getpwnam(user);
  if (!pw) {
    fprintf(stderr, "su: user %s does not exist\n", user);
    return 1;
  }
  strncpy(name, pw->pw_name, sizeof name - 1);
  name[sizeof name - 1] = 0;
  if (getuid() != 0 && !u_ask_password("su", "Password: ", name, "FAILED SU")) {
    fprintf(stderr, "su: Authentication failure\n");
    return 1;
  }
  pw = getpwnam(name);   /* the shadow lookup reused the static buffers of some */
  if (!pw || u_become(pw) != 0) {
    perror("su: cannot set user id");
    return 1;
  }
  env = u_user_env(pw, !login);
  if (login && chdir(pw->pw_dir) != 0) {
    fprintf(stderr, "su: warning: cannot change directory to %s\n", pw->pw_dir);
    chdir("/");
  }
  u_exec_shell(pw, login, cmd, env);
  perror("su: cannot run the shell");
  return 126;
}
