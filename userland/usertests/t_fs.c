/* t_fs.c: file-system edge cases — the errors of path operations, symlink
 * loops, rename, link counts, unlinked-but-open files, truncation, holes,
 * O_APPEND, files big enough for indirect blocks, big directories and
 * getdents. Each case works in its own scratch directory. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>
#include "ulib.h"
#include "ut.h"

int rename(const char *from, const char *to);

static void create_exclusive(void) {
  int fd = open("f", O_CREAT | O_EXCL | O_WRONLY, 0644);
  CHECK(fd >= 0);
  close(fd);
  CHECK_ERR(open("f", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  CHECK(mkdir("d", 0755) == 0);
  CHECK_ERR(mkdir("d", 0755), EEXIST);
  CHECK_ERR(mkdir("f", 0755), EEXIST);
  CHECK_ERR(link("f", "d"), EEXIST);
  CHECK_ERR(symlink("x", "f"), EEXIST);
}

static void missing_paths(void) {
  struct stat st;
  CHECK_ERR(open("nope", O_RDONLY, 0), ENOENT);
  CHECK_ERR(open("nodir/f", O_CREAT | O_WRONLY, 0644), ENOENT);
  CHECK_ERR(stat("nope", &st), ENOENT);
  CHECK_ERR(unlink("nope"), ENOENT);
  CHECK_ERR(rmdir("nope"), ENOENT);
  CHECK_ERR(chdir("nope"), ENOENT);
  CHECK_ERR(rename("nope", "other"), ENOENT);
  CHECK_ERR(open("", O_RDONLY, 0), ENOENT);
}

static void not_a_directory(void) {
  struct stat st;
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK_ERR(open("f/x", O_RDONLY, 0), ENOTDIR);
  CHECK_ERR(open("f/x", O_CREAT | O_WRONLY, 0644), ENOTDIR);
  CHECK_ERR(mkdir("f/d", 0755), ENOTDIR);
  CHECK_ERR(stat("f/", &st), ENOTDIR);
  CHECK_ERR(rmdir("f"), ENOTDIR);
  CHECK_ERR(chdir("f"), ENOTDIR);
}

static void is_a_directory(void) {
  char c;
  int fd;
  CHECK(mkdir("d", 0755) == 0);
  CHECK_ERR(open("d", O_WRONLY, 0), EISDIR);
  CHECK_ERR(open("d", O_RDWR, 0), EISDIR);
  CHECK_ERR(unlink("d"), EISDIR);
  fd = open("d", O_RDONLY, 0);
  CHECK(fd >= 0);
  CHECK_ERR(read(fd, &c, 1), EISDIR);
  close(fd);
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK_ERR(rename("f", "d"), EISDIR);
}

static void directory_not_empty(void) {
  CHECK(mkdir("d", 0755) == 0);
  CHECK(ut_write_file("d/f", "x", 1) == 1);
  CHECK_ERR(rmdir("d"), ENOTEMPTY);
  CHECK(mkdir("e", 0755) == 0);
  CHECK(mkdir("e/sub", 0755) == 0);
  CHECK_ERR(rmdir("e"), ENOTEMPTY);
  CHECK(unlink("d/f") == 0);
  CHECK(rmdir("d") == 0);
  CHECK(rmdir("e/sub") == 0);
  CHECK(rmdir("e") == 0);
}

static void name_too_long(void) {
  char name[300];
  char path[4200];
  int i;
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = 0;
  CHECK_ERR(open(name, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
  CHECK_ERR(mkdir(name, 0755), ENAMETOOLONG);
  name[255] = 0;   /* 255 bytes: the longest legal name */
  i = open(name, O_CREAT | O_WRONLY, 0644);
  CHECK(i >= 0);
  close(i);
  CHECK(unlink(name) == 0);
  /* a path longer than PATH_MAX (4096) */
  for (i = 0; i < 4150; i += 2) {
    path[i] = 'a';
    path[i + 1] = '/';
  }
  path[4150] = 0;
  CHECK_ERR(open(path, O_RDONLY, 0), ENAMETOOLONG);
}

static void symlink_loops(void) {
  char name[16];
  char target[16];
  char buf[8];
  int i;
  int fd;
  CHECK(symlink("b", "a") == 0);
  CHECK(symlink("a", "b") == 0);
  CHECK_ERR(open("a", O_RDONLY, 0), ELOOP);
  /* a chain: l0 -> file, l1 -> l0, ... */
  CHECK(ut_write_file("file", "end", 3) == 3);
  CHECK(symlink("file", "l0") == 0);
  for (i = 1; i <= 45; i++) {
    sprintf(name, "l%d", i);
    sprintf(target, "l%d", i - 1);
    CHECK(symlink(target, name) == 0);
  }
  /* 30 links to follow: fine */
  fd = open("l29", O_RDONLY, 0);
  CHECK(fd >= 0);
  CHECK(read(fd, buf, 3) == 3 && memcmp(buf, "end", 3) == 0);
  close(fd);
  /* 46 links: past the limit of 40 */
  CHECK_ERR(open("l45", O_RDONLY, 0), ELOOP);
  /* readlink and lstat do not follow */
  CHECK(readlink("l45", buf, sizeof buf) == 3 && memcmp(buf, "l44", 3) == 0);
}

static void rename_over_file(void) {
  char buf[8];
  struct stat st;
  CHECK(ut_write_file("a", "aaa", 3) == 3);
  CHECK(ut_write_file("b", "bbbb", 4) == 4);
  CHECK(rename("a", "b") == 0);
  CHECK_ERR(stat("a", &st), ENOENT);
  CHECK(ut_read_file("b", buf, sizeof buf) == 3);
  CHECK(memcmp(buf, "aaa", 3) == 0);
  CHECK(stat("b", &st) == 0 && st.st_nlink == 1);
  /* into another directory, and a directory itself */
  CHECK(mkdir("d", 0755) == 0);
  CHECK(rename("b", "d/c") == 0);
  CHECK(ut_read_file("d/c", buf, sizeof buf) == 3);
  CHECK(rename("d", "e") == 0);
  CHECK(ut_read_file("e/c", buf, sizeof buf) == 3);
  /* a directory into itself is refused */
  CHECK_ERR(rename("e", "e/sub"), EINVAL);
}

static void link_counts(void) {
  struct stat a;
  struct stat b;
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(stat("f", &a) == 0 && a.st_nlink == 1);
  CHECK(link("f", "g") == 0);
  CHECK(stat("f", &a) == 0 && stat("g", &b) == 0);
  CHECK(a.st_nlink == 2 && b.st_nlink == 2 && a.st_ino == b.st_ino);
  CHECK(unlink("f") == 0);
  CHECK(stat("g", &b) == 0 && b.st_nlink == 1);
  CHECK(mkdir("d", 0755) == 0);
  CHECK(stat("d", &a) == 0 && a.st_nlink == 2);
  CHECK(mkdir("d/s", 0755) == 0);
  CHECK(stat("d", &a) == 0 && a.st_nlink == 3);
  CHECK(rmdir("d/s") == 0);
  CHECK(stat("d", &a) == 0 && a.st_nlink == 2);
  CHECK_ERR(link("d", "d2"), EPERM);
}

static void unlink_open_file(void) {
  char buf[16];
  struct stat st;
  int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "still here", 10) == 10);
  CHECK(unlink("f") == 0);
  CHECK_ERR(open("f", O_RDONLY, 0), ENOENT);
  CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(read(fd, buf, sizeof buf) == 10);
  CHECK(memcmp(buf, "still here", 10) == 0);
  CHECK(write(fd, "!", 1) == 1);
  CHECK(close(fd) == 0);
}

static void truncate_files(void) {
  static char data[10000];
  char buf[64];
  struct stat st;
  int fd;
  int i;
  memset(data, 'z', sizeof data);
  CHECK(ut_write_file("f", data, sizeof data) == sizeof data);
  CHECK(truncate("f", 100) == 0);
  CHECK(stat("f", &st) == 0 && st.st_size == 100);
  fd = open("f", O_RDWR, 0);
  CHECK(fd >= 0);
  CHECK(ftruncate(fd, 5000) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 5000);
  CHECK(lseek(fd, 90, SEEK_SET) == 90);
  CHECK(read(fd, buf, 20) == 20);
  for (i = 0; i < 10; i++)
    CHECK(buf[i] == 'z');
  for (i = 10; i < 20; i++)
    CHECK(buf[i] == 0);   /* the cut part reads back as zeros */
  CHECK(ftruncate(fd, 0) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 0);
  close(fd);
  CHECK(ut_write_file("g", "abc", 3) == 3);
  fd = open("g", O_WRONLY | O_TRUNC, 0);
  CHECK(fd >= 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 0);
  close(fd);
}

static void seek_and_holes(void) {
  char buf[64];
  struct stat st;
  int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int i;
  CHECK(fd >= 0);
  CHECK(lseek(fd, 100000, SEEK_SET) == 100000);
  CHECK(write(fd, "x", 1) == 1);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 100001);
  CHECK(st.st_blocks < 100000 / 512);   /* a hole, not allocated blocks */
  CHECK(lseek(fd, 50000, SEEK_SET) == 50000);
  CHECK(read(fd, buf, 64) == 64);
  for (i = 0; i < 64; i++)
    CHECK(buf[i] == 0);
  CHECK(lseek(fd, -1, SEEK_END) == 100000);
  CHECK(read(fd, buf, 10) == 1 && buf[0] == 'x');
  CHECK(read(fd, buf, 10) == 0);
  CHECK(lseek(fd, 10, SEEK_CUR) == 100011);
  CHECK_ERR(lseek(fd, -200000, SEEK_CUR), EINVAL);
  CHECK_ERR(lseek(fd, 0, 7), EINVAL);
  close(fd);
}

static void append_mode(void) {
  char buf[16];
  int fd = open("f", O_WRONLY | O_CREAT | O_APPEND, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "one", 3) == 3);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(write(fd, "two", 3) == 3);
  close(fd);
  CHECK(ut_read_file("f", buf, sizeof buf) == 6);
  CHECK(memcmp(buf, "onetwo", 6) == 0);
}

/* Block b of the test pattern: every word holds its own byte offset. */
static void fill(unsigned int *w, unsigned int offset) {
  int i;
  for (i = 0; i < 1024; i++)
    w[i] = offset + i * 4;
}

static void big_file(void) {
  static unsigned int block[1024];
  static unsigned int got[1024];
  struct stat st;
  int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
  unsigned int off;
  unsigned int far = 5 * 1024 * 1024;   /* past 12 direct + 1024 single-indirect blocks */
  CHECK(fd >= 0);
  /* 1 MiB through the direct and single-indirect blocks */
  for (off = 0; off < 1024 * 1024; off += 4096) {
    fill(block, off);
    CHECK(write(fd, block, 4096) == 4096);
  }
  /* one block in double-indirect territory */
  CHECK(lseek(fd, far, SEEK_SET) == (int)far);
  fill(block, far);
  CHECK(write(fd, block, 4096) == 4096);
  CHECK(fstat(fd, &st) == 0 && st.st_size == far + 4096);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  for (off = 0; off < 1024 * 1024; off += 4096) {
    fill(block, off);
    CHECK(read(fd, got, 4096) == 4096);
    CHECK(memcmp(block, got, 4096) == 0);
  }
  CHECK(lseek(fd, far, SEEK_SET) == (int)far);
  fill(block, far);
  CHECK(read(fd, got, 4096) == 4096);
  CHECK(memcmp(block, got, 4096) == 0);
  close(fd);
  CHECK(unlink("big") == 0);
}

static void many_files(void) {
  char name[32];
  int i;
  int count = 0;
  int seen_last = 0;
  DIR *d;
  struct dirent *e;
  for (i = 0; i < 300; i++) {
    int fd;
    sprintf(name, "file-with-a-long-name-%d", i);
    fd = open(name, O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0);
    close(fd);
  }
  d = opendir(".");
  CHECK(d != 0);
  while ((e = readdir(d)) != 0) {
    count++;
    if (strcmp(e->d_name, "file-with-a-long-name-299") == 0)
      seen_last = 1;
  }
  closedir(d);
  CHECK(count == 302);
  CHECK(seen_last);
  for (i = 0; i < 300; i += 2) {
    sprintf(name, "file-with-a-long-name-%d", i);
    CHECK(unlink(name) == 0);
  }
  count = 0;
  d = opendir(".");
  while ((e = readdir(d)) != 0)
    count++;
  closedir(d);
  CHECK(count == 152);
}

static void getdents_types(void) {
  DIR *d;
  struct dirent *e;
  int found = 0;
  CHECK(mkdir("dir", 0755) == 0);
  CHECK(ut_write_file("reg", "x", 1) == 1);
  CHECK(symlink("reg", "lnk") == 0);
  d = opendir(".");
  CHECK(d != 0);
  while ((e = readdir(d)) != 0) {
    struct stat st;
    if (strcmp(e->d_name, "dir") == 0) {
      CHECK(e->d_type == DT_DIR);
      found |= 1;
    } else if (strcmp(e->d_name, "reg") == 0) {
      CHECK(e->d_type == DT_REG);
      found |= 2;
    } else if (strcmp(e->d_name, "lnk") == 0) {
      CHECK(e->d_type == DT_LNK);
      found |= 4;
    } else if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
      found |= 8;
    } else {
      CHECK(!"unexpected name");
    }
    CHECK(lstat(e->d_name, &st) == 0 && st.st_ino == e->d_ino);
  }
  closedir(d);
  CHECK(found == 15);
  CHECK_ERR(opendir("reg") ? 0 : -1, ENOTDIR);
}

static void cwd_and_dotdot(void) {
  char here[256];
  char buf[256];
  CHECK(getcwd(here, sizeof here) != 0);
  CHECK(mkdir("a", 0755) == 0 && mkdir("a/b", 0755) == 0);
  CHECK(chdir("a/b/../b/./") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0);
  CHECK(strlen(buf) == strlen(here) + 4 && strcmp(buf + strlen(here), "/a/b") == 0);
  CHECK(chdir("../..") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0 && strcmp(buf, here) == 0);
  CHECK(chdir("/..") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/") == 0);
}

struct ut_case ut_fs_cases[] = {
  { "create_exclusive", create_exclusive },
  { "missing_paths", missing_paths },
  { "not_a_directory", not_a_directory },
  { "is_a_directory", is_a_directory },
  { "directory_not_empty", directory_not_empty },
  { "name_too_long", name_too_long },
  { "symlink_loops", symlink_loops },
  { "rename_over_file", rename_over_file },
  { "link_counts", link_counts },
  { "unlink_open_file", unlink_open_file },
  { "truncate_files", truncate_files },
  { "seek_and_holes", seek_and_holes },
  { "append_mode", append_mode },
  { "big_file", big_file },
  { "many_files", many_files },
  { "getdents_types", getdents_types },
  { "cwd_and_dotdot", cwd_and_dotdot },
  { 0, 0 }
};
