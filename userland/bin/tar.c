/* tar: ustar archives (POSIX.1-1988 headers, which GNU tar reads and
 * writes), no compression.
 *   tar -c [-v] [-C DIR] -f ARCHIVE FILE...   create (directories recursively)
 *   tar -x [-v] [-C DIR] -f ARCHIVE           extract
 *   tar -t [-v] -f ARCHIVE                    list (-v: mode owner size date)
 * Options may be bundled with or without the dash (`tar cvf a.tar d`);
 * ARCHIVE `-` is stdin/stdout. Regular files, directories, symbolic and
 * hard links; names longer than 100 bytes use the ustar prefix field, and
 * extraction also reads GNU's long-name records ('L'). Leading '/' is
 * removed from member names, as GNU tar does; so are names with "..".
 * Extracted files get the archive's mode and modification time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "ulib.h"

#define BLOCK 512

struct header {
  char name[100], mode[8], uid[8], gid[8], size[12], mtime[12], chksum[8], type;
  char linkname[100], magic[6], version[2], uname[32], gname[32], devmajor[8], devminor[8], prefix[155], pad[12];
};

static int verbose, archive_fd = -1, status;
static char block[BLOCK];

static void die(const char *what) {
  fprintf(stderr, "tar: %s: %s\n", what, strerror(errno));
  exit(2);
}

static void write_all(const void *p, int n) {
  const char *c = p;
  while (n > 0) {
    int w = write(archive_fd, c, n);
    if (w <= 0) die("write error");
    c += w;
    n -= w;
  }
}

/* a whole block, or 0 at the end of the input */
static int read_block(char *b) {
  int got = 0;
  while (got < BLOCK) {
    int r = read(archive_fd, b + got, BLOCK - got);
    if (r < 0) die("read error");
    if (r == 0) break;
    got += r;
  }
  if (got != 0 && got != BLOCK) {
    fprintf(stderr, "tar: unexpected end of archive\n");
    exit(2);
  }
  return got == BLOCK;
}

static void octal(char *field, int width, unsigned int v) {
  snprintf(field, width, "%0*o", width - 1, v);
}

static unsigned int parse_octal(const char *f, int width) {
  unsigned int v = 0;
  int i = 0;
  while (i < width && f[i] == ' ') i++;
  for (; i < width && f[i] >= '0' && f[i] <= '7'; i++) v = v * 8 + (unsigned int)(f[i] - '0');
  return v;
}

static unsigned int checksum(struct header *h) {
  unsigned char *p = (unsigned char *)h;
  unsigned int sum = 0;
  int i;
  for (i = 0; i < BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : p[i];
  return sum;
}

/* ----- create ----- */

static void put_header(const char *name, struct stat *st, char type, const char *link, unsigned int size) {
  struct header h;
  int len = (int)strlen(name);
  const char *u = u_user_name((int)st->st_uid), *g = u_group_name((int)st->st_gid);
  memset(&h, 0, sizeof h);
  if (len <= 100) {
    memcpy(h.name, name, len);
  } else {
    /* split at a '/' so that the prefix fits 155 and the rest 100 */
    int cut = len - 101;
    while (cut < len && (cut < 0 || name[cut] != '/')) cut++;
    if (cut >= len || cut > 155 || len - cut - 1 > 100) {
      fprintf(stderr, "tar: %s: file name is too long (max 255); not dumped\n", name);
      status = 2;
      return;
    }
    memcpy(h.prefix, name, cut);
    memcpy(h.name, name + cut + 1, len - cut - 1);
  }
  octal(h.mode, 8, st->st_mode & 07777);
  octal(h.uid, 8, st->st_uid);
  octal(h.gid, 8, st->st_gid);
  octal(h.size, 12, size);
  octal(h.mtime, 12, (unsigned int)st->st_mtime);
  h.type = type;
  if (link) strncpy(h.linkname, link, sizeof h.linkname);
  memcpy(h.magic, "ustar", 6);
  memcpy(h.version, "00", 2);
  strncpy(h.uname, u ? u : "", sizeof h.uname - 1);
  strncpy(h.gname, g ? g : "", sizeof h.gname - 1);
  snprintf(h.chksum, 8, "%06o", checksum(&h));
  h.chksum[7] = ' ';
  write_all(&h, BLOCK);
}

static void add(const char *path, const char *member);

static int add_entry(const char *name, void *arg) {
  const char **pm = (const char **)arg;
  char *p = u_path_join(pm[0], name), *m = u_path_join(pm[1], name);
  if (p == NULL || m == NULL) {
    fprintf(stderr, "tar: out of memory\n");
    exit(2);
  }
  add(p, m);
  free(p);
  free(m);
  return 0;
}

static void add(const char *path, const char *member) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    fprintf(stderr, "tar: %s: Cannot stat: %s\n", path, strerror(errno));
    status = 2;
    return;
  }
  if (verbose) fprintf(stderr, "%s%s\n", member, S_ISDIR(st.st_mode) ? "/" : "");
  if (S_ISDIR(st.st_mode)) {
    char name[260];
    const char *pm[2];
    snprintf(name, sizeof name, "%s/", member);
    put_header(name, &st, '5', 0, 0);
    pm[0] = path;
    pm[1] = member;
    if (u_each_entry("tar", path, add_entry, pm)) status = 2;
  } else if (S_ISLNK(st.st_mode)) {
    char target[101];
    int n = readlink(path, target, 100);
    if (n < 0) {
      fprintf(stderr, "tar: %s: Cannot readlink: %s\n", path, strerror(errno));
      status = 2;
      return;
    }
    target[n] = 0;
    put_header(member, &st, '2', target, 0);
  } else if (S_ISREG(st.st_mode)) {
    int fd = open(path, O_RDONLY, 0);
    unsigned int left = (unsigned int)st.st_size;
    if (fd < 0) {
      fprintf(stderr, "tar: %s: Cannot open: %s\n", path, strerror(errno));
      status = 2;
      return;
    }
    put_header(member, &st, '0', 0, left);
    while (left > 0) {
      int want = left < BLOCK ? (int)left : BLOCK;
      int r = read(fd, block, want);
      if (r <= 0) {
        /* the file shrank: pad with zeros so the archive stays readable */
        fprintf(stderr, "tar: %s: File shrank; padding with zeros\n", path);
        status = 2;
        memset(block, 0, BLOCK);
        while (left > 0) {
          write_all(block, BLOCK);
          left = left < BLOCK ? 0 : left - BLOCK;
        }
        break;
      }
      memset(block + r, 0, BLOCK - r);
      write_all(block, BLOCK);
      left -= (unsigned int)r;
    }
    close(fd);
  } else {
    fprintf(stderr, "tar: %s: socket, device or fifo ignored\n", path);
  }
}

/* ----- extract and list ----- */

static void make_parents(const char *path) {
  char buf[512];
  int i;
  snprintf(buf, sizeof buf, "%s", path);
  for (i = 1; buf[i]; i++) {
    if (buf[i] == '/') {
      buf[i] = 0;
      mkdir(buf, 0755);
      buf[i] = '/';
    }
  }
}

static int unsafe(const char *name) {
  const char *p = name;
  while (*p) {
    if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == 0) && (p == name || p[-1] == '/')) return 1;
    p++;
  }
  return 0;
}

/* GNU tar's -tv line: the owner/group and size columns share a width
 * that starts at 19 and only grows (ugswidth in GNU's list.c). */
static void list_line(struct header *h, const char *name, unsigned int size) {
  static int ugswidth = 19;
  char mode[12], when[24], owner[80], sz[16];
  unsigned int m = parse_octal(h->mode, 8);
  int pad;
  if (!verbose) {
    printf("%s\n", name);
    return;
  }
  m |= h->type == '5' ? S_IFDIR : h->type == '2' ? S_IFLNK : S_IFREG;
  u_mode_string(m, mode);
  if (h->type == '1') mode[0] = 'h';
  u_format_time(parse_octal(h->mtime, 12), when);
  when[16] = 0;   /* GNU tar: minutes */
  snprintf(owner, sizeof owner, "%.32s/%.32s", h->uname[0] ? h->uname : "?", h->gname[0] ? h->gname : "?");
  snprintf(sz, sizeof sz, "%u", size);
  pad = (int)strlen(owner) + 1 + (int)strlen(sz);   /* at least one blank between */
  if (pad > ugswidth) ugswidth = pad;
  printf("%s %s%*s %s %s", mode, owner, ugswidth - (int)strlen(owner), sz, when, name);
  if (h->type == '2') printf(" -> %.100s", h->linkname);
  if (h->type == '1') printf(" link to %.100s", h->linkname);
  printf("\n");
}

static void extract_file(const char *name, unsigned int size, unsigned int mode, int write_out) {
  int fd = -1;
  if (write_out) {
    unlink(name);
    fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
    if (fd < 0) {
      fprintf(stderr, "tar: %s: Cannot open: %s\n", name, strerror(errno));
      status = 2;
    }
  }
  while (size > 0) {
    int n = size < BLOCK ? (int)size : BLOCK;
    if (!read_block(block)) {
      fprintf(stderr, "tar: unexpected end of archive\n");
      exit(2);
    }
    if (fd >= 0 && write(fd, block, n) != n) {
      fprintf(stderr, "tar: %s: Cannot write: %s\n", name, strerror(errno));
      status = 2;
      close(fd);
      fd = -1;
    }
    size -= (unsigned int)n;
  }
  if (fd >= 0) {
    close(fd);
    chmod(name, mode & 07777);
  }
}

static void read_archive(int extract) {
  struct header h;
  char name[512], longname[512];
  int zeros = 0, have_long = 0;
  while (read_block((char *)&h)) {
    unsigned int size, mode;
    const char *n;
    if (((char *)&h)[0] == 0) {
      if (++zeros == 2) return;
      continue;
    }
    zeros = 0;
    if (parse_octal(h.chksum, 8) != checksum(&h)) {
      fprintf(stderr, "tar: This does not look like a tar archive\n");
      exit(2);
    }
    size = parse_octal(h.size, 12);
    mode = parse_octal(h.mode, 8);
    if (h.type == 'L') {   /* GNU long name: the next member's name */
      unsigned int got = 0;
      while (got < size) {
        if (!read_block(block)) break;
        if (got < sizeof longname - 1) {
          unsigned int room = sizeof longname - 1 - got, left = size - got;
          memcpy(longname + got, block, left < room ? (left < BLOCK ? left : BLOCK) : (room < BLOCK ? room : BLOCK));
        }
        got += BLOCK;
      }
      longname[size < sizeof longname ? size : sizeof longname - 1] = 0;
      have_long = 1;
      continue;
    }
    if (have_long) snprintf(name, sizeof name, "%s", longname);
    else if (h.prefix[0]) snprintf(name, sizeof name, "%.155s/%.100s", h.prefix, h.name);
    else snprintf(name, sizeof name, "%.100s", h.name);
    have_long = 0;
    for (n = name; *n == '/'; n++) {}
    if (h.type == 'x' || h.type == 'g') {   /* pax headers: attributes we do not keep */
      extract_file(n, size, 0, 0);
      continue;
    }
    if (!extract) {
      list_line(&h, n, size);
      extract_file(n, h.type == '0' || h.type == 0 || h.type == '7' ? size : 0, 0, 0);
      continue;
    }
    if (verbose) printf("%s\n", n);
    if (unsafe(n)) {
      fprintf(stderr, "tar: %s: Member name contains '..'\n", n);
      status = 2;
      extract_file(n, size, 0, 0);
      continue;
    }
    make_parents(n);
    if (h.type == '5') {
      char dir[512];
      int len;
      snprintf(dir, sizeof dir, "%s", n);
      len = (int)strlen(dir);
      if (len > 1 && dir[len - 1] == '/') dir[len - 1] = 0;
      if (mkdir(dir, mode & 07777) != 0 && errno != EEXIST) {
        fprintf(stderr, "tar: %s: Cannot mkdir: %s\n", n, strerror(errno));
        status = 2;
      }
      chmod(dir, mode & 07777);
    } else if (h.type == '2') {
      char target[101];
      snprintf(target, sizeof target, "%.100s", h.linkname);
      unlink(n);
      if (symlink(target, n) != 0) {
        fprintf(stderr, "tar: %s: Cannot create symlink to '%s': %s\n", n, target, strerror(errno));
        status = 2;
      }
    } else if (h.type == '1') {
      char target[101];
      const char *t;
      snprintf(target, sizeof target, "%.100s", h.linkname);
      for (t = target; *t == '/'; t++) {}
      unlink(n);
      if (link(t, n) != 0) {
        fprintf(stderr, "tar: %s: Cannot hard link to '%s': %s\n", n, t, strerror(errno));
        status = 2;
      }
    } else if (h.type == '0' || h.type == 0 || h.type == '7') {
      struct timeval tv[2];
      extract_file(n, size, mode, 1);
      tv[0].tv_sec = tv[1].tv_sec = (long)parse_octal(h.mtime, 12);
      tv[0].tv_usec = tv[1].tv_usec = 0;
      utimes(n, tv);
    } else {
      fprintf(stderr, "tar: %s: Unknown file type '%c', extracted as normal file\n", n, h.type);
      extract_file(n, size, mode, 1);
    }
  }
}

static void usage(void) {
  fprintf(stderr, "usage: tar -c|-x|-t [-v] [-C DIR] -f ARCHIVE [FILE...]\n");
  exit(2);
}

int main(int argc, char **argv) {
  int mode = 0, i, c, first_file = 0;
  const char *archive = 0, *dir = 0;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i == 1 && a[0] != '-') {}   /* old style: `tar cvf a.tar` */
    else if (a[0] != '-' || a[1] == 0) break;
    else a++;
    for (c = 0; a[c]; c++) {
      switch (a[c]) {
      case 'c': case 'x': case 't':
        if (mode && mode != a[c]) {
          fprintf(stderr, "tar: You may not specify more than one '-ctx' option\n");
          usage();
        }
        mode = a[c];
        break;
      case 'v': verbose = 1; break;
      case 'f':
        if (i + 1 >= argc) usage();
        archive = argv[++i];
        break;
      case 'C':
        if (i + 1 >= argc) usage();
        dir = argv[++i];
        break;
      default:
        fprintf(stderr, "tar: invalid option -- '%c'\n", a[c]);
        usage();
      }
    }
  }
  first_file = i;
  if (!mode) {
    fprintf(stderr, "tar: You must specify one of the '-ctx' options\n");
    usage();
  }
  if (archive == 0) archive = "-";
  if (mode == 'c') {
    if (first_file >= argc) {
      fprintf(stderr, "tar: Cowardly refusing to create an empty archive\n");
      usage();
    }
    archive_fd = strcmp(archive, "-") == 0 ? 1 : open(archive, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (archive_fd < 0) die(archive);
    if (verbose && archive_fd == 1) verbose = 1;
    if (dir && chdir(dir) != 0) die(dir);
    for (i = first_file; i < argc; i++) {
      const char *m = argv[i];
      if (m[0] == '/') {
        static int warned;
        if (!warned) fprintf(stderr, "tar: Removing leading '/' from member names\n");
        warned = 1;
        while (*m == '/') m++;
      }
      add(argv[i], *m ? m : ".");
    }
    /* two zero blocks, then up to a whole 10240-byte record, as GNU tar */
    memset(block, 0, BLOCK);
    {
      int fd_pos = (int)lseek(archive_fd, 0, SEEK_CUR);
      int blocks = 2;
      if (fd_pos >= 0) {
        int after = fd_pos + 2 * BLOCK;
        blocks += ((10240 - after % 10240) % 10240) / BLOCK;
      }
      while (blocks-- > 0) write_all(block, BLOCK);
    }
    if (archive_fd != 1) close(archive_fd);
  } else {
    archive_fd = strcmp(archive, "-") == 0 ? 0 : open(archive, O_RDONLY, 0);
    if (archive_fd < 0) die(archive);
    if (dir && chdir(dir) != 0) die(dir);
    read_archive(mode == 'x');
  }
  return status;
}
