/* u_auth.c: what login, su and passwd share — reading a password without
 * echo, checking it against /etc/shadow, taking on a user's identity, and
 * the authentication log.
 *
 * Failed attempts go to /var/log/auth.log (as syslog's auth facility does
 * on Linux; Hako has no way to write the kernel log from user space) and
 * cost U_AUTH_FAIL_DELAY seconds, like pam_faildelay. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <termios.h>
#include <time.h>
#include <pwd.h>
#include <grp.h>
#include <shadow.h>
#include <crypt.h>
#include "ulib.h"

int u_read_password(const char *prompt, char *buf, int size) {
  struct termios saved, quiet;
  int tty = __sys_ioctl(0, U_TCGETS, (unsigned int)&saved) == 0;
  int n = 0;
  char c;
  fputs(prompt, stderr);
  fflush(stderr);
  if (tty) {
    quiet = saved;
    quiet.c_lflag &= ~(ECHO | ECHONL);
    __sys_ioctl(0, U_TCSETS, (unsigned int)&quiet);
  }
  while (read(0, &c, 1) == 1 && c != '\n') {
    if (n < size - 1)
      buf[n++] = c;
  }
  buf[n] = 0;
  if (tty) {
    __sys_ioctl(0, U_TCSETS, (unsigned int)&saved);
    fputs("\n", stderr);
  }
  return n;
}

int u_password_ok(const char *user, const char *password) {
  struct spwd *sp = getspnam(user);
  const char *hash;
  char *made;
  if (!sp)
    return 0;
  hash = sp->sp_pwdp;
  if (hash[0] == 0)
    return 1;   /* no password set */
  if (hash[0] != '$')
    return 0;   /* "!", "*": locked */
  made = crypt(password, hash);
  return made != NULL && strcmp(made, hash) == 0;
}

int u_become(const struct passwd *pw) {
  if (initgroups(pw->pw_name, pw->pw_gid) != 0)
    return -1;
  if (setgid(pw->pw_gid) != 0)
    return -1;
  return setuid(pw->pw_uid);
}

void u_auth_log(const char *prog, const char *what, const char *user) {
  char line[200];
  char when[32];
  int fd;
  u_format_time((unsigned int)time(0), when);
  snprintf(line, sizeof line, "%s %s[%d]: %s for %s (by uid %u)\n", when, prog, getpid(), what, user, getuid());
  fd = open("/var/log/auth.log", O_WRONLY | O_CREAT | O_APPEND, 0640);
  if (fd >= 0) {
    write(fd, line, strlen(line));
    close(fd);
  }
}

void u_auth_fail_delay(void) { sleep(U_AUTH_FAIL_DELAY); }

int u_ask_password(const char *prog, const char *prompt, const char *user, const char *failure) {
  char password[128];
  int ok;
  u_read_password(prompt, password, sizeof password);
  ok = u_password_ok(user, password);
  memset(password, 0, sizeof password);
  if (!ok) {
    u_auth_log(prog, failure, user);
    u_auth_fail_delay();
  }
  return ok;
}

static char *env_entry(const char *key, const char *value) {
  char *e = malloc(strlen(key) + strlen(value) + 2);
  if (e)
    sprintf(e, "%s=%s", key, value);
  return e;
}

static int is_key(const char *entry, const char *key) {
  int n = (int)strlen(key);
  return strncmp(entry, key, n) == 0 && entry[n] == '=';
}

char **u_user_env(const struct passwd *pw, int keep) {
  static const char *const set[] = { "HOME", "SHELL", "USER", "LOGNAME", "PATH", 0 };
  const char *term = getenv("TERM");
  const char *shell = pw->pw_shell[0] ? pw->pw_shell : "/bin/sh";
  int n = 0, i, k;
  char **env;
  while (keep && environ && environ[n])
    n++;
  env = malloc((n + 8) * sizeof(char *));
  if (!env)
    return 0;
  k = 0;
  for (i = 0; keep && i < n; i++) {
    int j, replaced = 0;
    for (j = 0; set[j]; j++)
      if (is_key(environ[i], set[j]))
        replaced = 1;
    if (!replaced)
      env[k++] = environ[i];
  }
  env[k++] = env_entry("HOME", pw->pw_dir);
  env[k++] = env_entry("SHELL", shell);
  env[k++] = env_entry("USER", pw->pw_name);
  env[k++] = env_entry("LOGNAME", pw->pw_name);
  env[k++] = env_entry("PATH", pw->pw_uid == 0 ? "/usr/local/bin:/bin:/usr/bin:/sbin" : "/usr/local/bin:/bin:/usr/bin");
  if (!keep)
    env[k++] = env_entry("TERM", term ? term : "vt100");
  env[k] = 0;
  return env;
}

void u_exec_shell(const struct passwd *pw, int login, const char *cmd, char **env) {
  const char *shell = pw->pw_shell[0] ? pw->pw_shell : "/bin/sh";
  const char *base = strrchr(shell, '/');
  char arg0[64];
  char *argv[4];
  base = base ? base + 1 : shell;
  snprintf(arg0, sizeof arg0, "%s%s", login ? "-" : "", base);
  argv[0] = arg0;
  argv[1] = cmd ? "-c" : 0;
  argv[2] = (char *)cmd;
  argv[3] = 0;
  execve(shell, argv, env);
}
