/* man: the manual pages, and apropos.
 *
 *   man [SECTION] NAME...   show the page NAME (from SECTION, else the first
 *                           of sections 1, 8, 2, 3, 5, 7 that has it)
 *   man -k WORD             (apropos) every page whose NAME line contains
 *                           WORD, ignoring case: "name (S) - description"
 *   man -w NAME             print the page's file name only
 *
 * Pages are plain text under /usr/share/man/manS/NAME.S (written for Hako;
 * Japanese ones under /usr/share/man/ja/manS, used first when LANG=ja…;
 * userland/root/usr/share/man in the repository). The only roff request
 * understood is a first line `.so manS/OTHER.S`, which makes the file a
 * second name of OTHER's page (as the [ page is test's). The page goes to
 * `less` when standard output is a terminal (MANPAGER or PAGER names
 * another program), else straight to standard output. The title line
 * "LS(1)   Hako Manual   LS(1)" is made here. Exit status: 0, 16 when a
 * page or an apropos match was not found (as man-db), 1 on other errors. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ulib.h"

#define MAN_DIR "/usr/share/man"
#define PAGE_MAX 65536

static const char *sections[] = { "1", "8", "2", "3", "5", "7", 0 };

static char page[PAGE_MAX];

/* Reads path into page (NUL-ended); follows a `.so` first line. Length or -1. */
static int read_page(const char *path, int depth) {
  int n = u_read_text(path, page, sizeof page);
  if (n >= 4 && strncmp(page, ".so ", 4) == 0 && depth < 4) {
    char other[300];
    char *end = strchr(page + 4, '\n');
    if (end) *end = 0;
    snprintf(other, sizeof other, "%s/%s", MAN_DIR, page + 4);
    return read_page(other, depth + 1);
  }
  return n;
}

/* Japanese pages first when the locale asks for them (LC_ALL, LC_MESSAGES
 * or LANG starting with "ja", as man-db looks them up), else English. */
static const char *language_dir(void) {
  const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG", 0 };
  int i;
  for (i = 0; names[i]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return strncmp(v, "ja", 2) == 0 ? "/ja" : "";
  }
  return "";
}

/* The page file of NAME in SECTION (any section when NULL), into path. */
static int find_page(const char *section, const char *name, char *path, int size, const char **found) {
  int i, pass;
  const char *lang = language_dir();
  for (pass = lang[0] ? 0 : 1; pass < 2; pass++) {
    for (i = 0; sections[i]; i++) {
      if (section && strcmp(section, sections[i]) != 0) continue;
      snprintf(path, size, "%s%s/man%s/%s.%s", MAN_DIR, pass == 0 ? lang : "", sections[i], name, sections[i]);
      if (access(path, R_OK) == 0) {
        *found = sections[i];
        return 0;
      }
    }
  }
  return -1;
}

static void upper(const char *s, char *out, int size) {
  int i;
  for (i = 0; s[i] && i < size - 1; i++) out[i] = (char)toupper((unsigned char)s[i]);
  out[i] = 0;
}

/* Writes the title and the page to fd. */
static int write_page(int fd, const char *name, const char *section, int len) {
  char title[200], up[64];
  int n, pad;
  upper(name, up, sizeof up);
  snprintf(title, sizeof title, "%s(%s)", up, section);
  pad = 39 - (int)strlen(title) - 6;
  n = snprintf(title + strlen(title), sizeof title - strlen(title), "%*sHako Manual%*s%s(%s)\n\n",
               pad > 1 ? pad : 1, "", pad > 1 ? pad : 1, "", up, section);
  (void)n;
  if (u_write_all("man", fd, title, strlen(title)) < 0) return -1;
  return u_write_all("man", fd, page, len);
}

/* Through the pager when standard output is a terminal. */
static int show(const char *name, const char *section, int len) {
  const char *pager = getenv("MANPAGER");
  int fds[2], pid, status;
  if (!pager || !*pager) pager = getenv("PAGER");
  if (!pager || !*pager) pager = "less";
  if (!isatty(1) || pipe(fds) < 0) return write_page(1, name, section, len) < 0 ? 1 : 0;
  pid = fork();
  if (pid < 0) return write_page(1, name, section, len) < 0 ? 1 : 0;
  if (pid == 0) {
    char *argv[2];
    dup2(fds[0], 0);
    close(fds[0]);
    close(fds[1]);
    argv[0] = (char *)pager;
    argv[1] = 0;
    execvp(pager, argv);
    fprintf(stderr, "man: %s: %s\n", pager, strerror(errno));
    _exit(127);
  }
  close(fds[0]);
  signal(SIGPIPE, SIG_IGN);   /* q before the end: the pager stops reading */
  write_page(fds[1], name, section, len);
  close(fds[1]);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  return 0;
}

/* apropos: the NAME line of every page ("ls - list directory contents"). */
static int apropos(const char *word) {
  int i, hits = 0;
  char dir[64], path[300], *line, *end;
  for (i = 0; sections[i]; i++) {
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/man%s", MAN_DIR, sections[i]);
    d = opendir(dir);
    if (!d) continue;
    while ((e = readdir(d)) != 0) {
      int n;
      if (e->d_name[0] == '.') continue;
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      n = u_read_text(path, page, sizeof page);
      if (n < 6 || strncmp(page, "NAME\n", 5) != 0) continue;   /* a .so alias is listed under its page */
      line = page + 5;
      while (*line == ' ') line++;
      end = strchr(line, '\n');
      if (end) *end = 0;
      {
        int k, wl = strlen(word), found = 0;
        for (k = 0; line[k] && !found; k++) found = strncasecmp(line + k, word, wl) == 0;
        if (!found) continue;
      }
      {
        char *dash = strstr(line, " - ");
        char names[200];
        int nl = dash ? dash - line : (int)strlen(line);
        if (nl >= (int)sizeof names) nl = sizeof names - 1;
        memcpy(names, line, nl);
        names[nl] = 0;
        printf("%s (%s)%*s- %s\n", names, sections[i], 20 - nl - 4 > 1 ? 20 - nl - 4 : 1, "", dash ? dash + 3 : "");
        hits++;
      }
    }
    closedir(d);
  }
  if (!hits) {
    printf("%s: nothing appropriate.\n", word);
    return 16;
  }
  return 0;
}

static int is_section(const char *s) {
  int i;
  for (i = 0; sections[i]; i++)
    if (strcmp(s, sections[i]) == 0) return 1;
  return 0;
}

int main(int argc, char **argv) {
  const char *section = 0, *found = 0;
  char path[300];
  int i = 1, status = 0, where = 0, len;
  if (argc >= 2 && strcmp(argv[1], "-k") == 0) {
    if (argc != 3) {
      fprintf(stderr, "usage: man -k WORD\n");
      return 1;
    }
    return apropos(argv[2]);
  }
  if (argc >= 2 && strcmp(argv[1], "-w") == 0) {
    where = 1;
    i++;
  }
  if (i < argc && is_section(argv[i]) && i + 1 < argc) section = argv[i++];
  if (i >= argc) {
    fprintf(stderr, "What manual page do you want?\nFor example, try 'man man'.\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (find_page(section, argv[i], path, sizeof path, &found) != 0) {
      if (section) fprintf(stderr, "No entry for %s in section %s of the manual\n", argv[i], section);
      else fprintf(stderr, "No manual entry for %s\n", argv[i]);
      status = 16;
      continue;
    }
    if (where) {
      printf("%s\n", path);
      continue;
    }
    len = read_page(path, 0);
    if (len < 0) {
      fprintf(stderr, "man: %s: %s\n", path, strerror(errno));
      status = 1;
      continue;
    }
    if (show(argv[i], found, len) != 0) status = 1;
  }
  return status;
}
