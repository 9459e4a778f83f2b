/* t_ns.c: chroot and the namespaces (issue 13) — chroot's rules (EPERM
 * for a user after the path's own errors, ENOTDIR, the cwd left outside,
 * `..` stopping at the new root, getcwd naming a cwd outside it
 * "(unreachable)"), and the namespaces' cases below. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

static ino_t inode_of(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? st.st_ino : 0;
}

static void chroot_as_user(void) {
  CHECK(setuid(1000) == 0);
  CHECK_ERR(chroot("nothere"), ENOENT);   /* the path's errors come first */
  CHECK_ERR(chroot("f"), ENOTDIR);
  CHECK_ERR(chroot("r"), EPERM);
  CHECK_ERR(chroot("/"), EPERM);
}

static void ns_chroot(void) {
  char buf[256];
  ino_t sub, root;
  CHECK(mkdir("r", 0755) == 0);
  CHECK(mkdir("r/sub", 0755) == 0);
  CHECK(ut_write_file("r/marker", "inside\n", 7) == 7);
  CHECK(ut_write_file("f", "x", 1) == 1);
  CHECK(ut_fork_status(chroot_as_user) == 0);
  CHECK_ERR(chroot("f"), ENOTDIR);
  CHECK_ERR(chroot("nothere"), ENOENT);
  root = inode_of("r");
  sub = inode_of("r/sub");
  CHECK(root != 0 && sub != 0);
  CHECK(chroot("r") == 0);
  /* The cwd stays where it was, outside the new root. */
  CHECK(inode_of("r/sub") == sub);
  CHECK(getcwd(buf, sizeof buf) != 0);
  CHECK(strncmp(buf, "(unreachable)/", 14) == 0);
  /* Absolute paths start at the new root. */
  CHECK(inode_of("/") == root);
  CHECK(inode_of("/sub") == sub);
  CHECK(ut_read_file("/marker", buf, sizeof buf) == 7 && memcmp(buf, "inside\n", 7) == 0);
  CHECK(access("/bin/sh", F_OK) != 0);   /* the old root's files are out of reach */
  /* `..` at the new root stays there. */
  CHECK(inode_of("/..") == root);
  CHECK(inode_of("/sub/../../..") == root);
  CHECK(chdir("/sub") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/sub") == 0);
  CHECK(chdir("../../..") == 0);
  CHECK(getcwd(buf, sizeof buf) != 0 && strcmp(buf, "/") == 0);
  CHECK(inode_of(".") == root);
  /* A child inherits the root. */
  {
    int pid = fork();
    if (pid == 0)
      _exit(inode_of("/") == root ? 0 : 1);
    CHECK(ut_wait_status(pid) == 0);
  }
  /* chroot again, relative to the new root. */
  CHECK(chroot("sub") == 0);
  CHECK(inode_of("/") == sub);
  CHECK(inode_of("/..") == sub);
}

struct ut_case ut_ns_cases[] = {
  { "ns_chroot", ns_chroot },
  { 0, 0 },
};
